package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** status.appliedVersion comes from the newest spec write by someone other than the operator. */
class AppliedVersionsTest {
  static ManagedFieldsEntry entry(String manager, String operation, String apiVersion, String time,
      String subresource) {
    return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withApiVersion(apiVersion)
        .withTime(time).withSubresource(subresource).withFieldsType("FieldsV1").build();
  }

  static ObjectMeta meta(ManagedFieldsEntry... entries) {
    return new ObjectMetaBuilder().withName("web").withManagedFields(List.of(entries)).build();
  }

  @Test
  @DisplayName("the newest Apply or Update of the spec by a user's manager names the version")
  void newestUserWrite() {
    ObjectMeta meta = meta(
        entry("kubectl", "Apply", "lattice.dev/v1", "2026-12-01T10:00:05Z", null),
        entry("kubectl-client-side-apply", "Update", "lattice.dev/v1alpha1", "2026-12-01T10:00:01Z", null));
    assertThat(AppliedVersions.of(meta)).contains("lattice.dev/v1");

    ObjectMeta later = meta(
        entry("kubectl", "Apply", "lattice.dev/v1", "2026-12-01T10:00:05Z", null),
        entry("kubectl-client-side-apply", "Update", "lattice.dev/v1alpha1", "2026-12-01T10:00:09Z", null));
    assertThat(AppliedVersions.of(later)).contains("lattice.dev/v1alpha1");
  }

  @Test
  @DisplayName("the operator's own writes (finalizer, status) and status writes of anyone do not count")
  void ignoresOperatorAndStatusWrites() {
    ObjectMeta meta = meta(
        entry("kubectl-client-side-apply", "Update", "lattice.dev/v1beta1", "2026-12-01T10:00:01Z", null),
        entry("latticeservice", "Apply", "lattice.dev/v1", "2026-12-01T10:00:02Z", null),
        entry("latticeservice", "Apply", "lattice.dev/v1", "2026-12-01T10:00:03Z", "status"),
        entry("kubectl-edit", "Update", "lattice.dev/v1", "2026-12-01T10:00:04Z", "status"),
        entry("lattice", "Apply", "lattice.dev/v1", "2026-12-01T10:00:05Z", null));
    assertThat(AppliedVersions.of(meta)).contains("lattice.dev/v1beta1");
  }

  @Test
  @DisplayName("no managedFields (the mock API server keeps none): no applied version")
  void none() {
    assertThat(AppliedVersions.of(new ObjectMetaBuilder().withName("web").build())).isEmpty();
    assertThat(AppliedVersions.of(meta(entry("latticeservice", "Apply", "lattice.dev/v1", null, null)))).isEmpty();
    assertThat(AppliedVersions.of(null)).isEmpty();
  }

  @Test
  @DisplayName("a new applied version is a status change; the same one is not (no write on a no-op reconcile)")
  void appliedVersionIsPartOfTheStatus() {
    LatticeServiceStatus before = new LatticeServiceStatus();
    before.phase = "Ready";
    before.observedGeneration = 2L;
    before.appliedVersion = "lattice.dev/v1alpha1";
    LatticeServiceStatus same = new LatticeServiceStatus();
    same.phase = "Ready";
    same.observedGeneration = 2L;
    same.appliedVersion = "lattice.dev/v1alpha1";
    assertThat(Statuses.same(before, same)).isTrue();
    same.appliedVersion = "lattice.dev/v1";
    assertThat(Statuses.same(before, same)).isFalse();
  }
}

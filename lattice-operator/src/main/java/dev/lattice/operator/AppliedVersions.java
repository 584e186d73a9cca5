package dev.lattice.operator;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The version a spec was last applied in, for {@code status.appliedVersion}: the API server records in managedFields
 * the apiVersion of every request that changed the object, per field manager, so the newest spec entry written by
 * someone other than the operator names the version the team wrote. Reading it in the reconcile costs no API call,
 * and as a function of the object it never changes on a reconcile with nothing new, so the zero-write guarantee
 * holds.
 */
final class AppliedVersions {
  /**
   * The operator's own field managers: {@code lattice} for the derived objects, {@code latticeservice} (JOSDK's
   * controller name) for the finalizer and the status.
   */
  static final Set<String> OWN_MANAGERS = Set.of("lattice", "latticeservice");

  private AppliedVersions() {}

  /**
   * The apiVersion of the newest Apply or Update of the object itself (not a subresource) by a manager other than
   * the operator; empty when there is none (the mock API server keeps no managedFields). Entries of the same second
   * keep the API server's order, the later one winning.
   */
  static Optional<String> of(ObjectMeta metadata) {
    List<ManagedFieldsEntry> entries = metadata == null ? null : metadata.getManagedFields();
    if (entries == null) {
      return Optional.empty();
    }
    ManagedFieldsEntry newest = null;
    Instant newestTime = Instant.MIN;
    for (ManagedFieldsEntry entry : entries) {
      if (!("Apply".equals(entry.getOperation()) || "Update".equals(entry.getOperation()))
          || entry.getSubresource() != null && !entry.getSubresource().isEmpty()
          || OWN_MANAGERS.contains(entry.getManager()) || entry.getApiVersion() == null) {
        continue;
      }
      Instant time = time(entry);
      if (!time.isBefore(newestTime)) {
        newest = entry;
        newestTime = time;
      }
    }
    return Optional.ofNullable(newest).map(ManagedFieldsEntry::getApiVersion);
  }

  private static Instant time(ManagedFieldsEntry entry) {
    try {
      return entry.getTime() == null ? Instant.MIN : Instant.parse(entry.getTime());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}

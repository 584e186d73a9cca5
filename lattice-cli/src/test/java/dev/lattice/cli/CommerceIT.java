package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.operator.ManagedKinds;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The commerce example on the real API server, applied as a user does ({@code kubectl apply -f examples/commerce}),
 * with the operator's production settings: server-side apply, status subresource, owner references, events, the
 * admission webhook the API server calls, and a restart that writes nothing.
 */
@RealCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommerceIT {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final List<String> SERVICES = List.of("frontend", "orders", "payments");
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    // The platform settings first: the operator reads them once at start, as lattice operator does.
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "commerce-it");
    operator.registerWebhook(cluster);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  @Order(1)
  void commerceBecomesReadyWithServerSideApplyOwnerReferencesStatusAndEvents(LocalCluster cluster) {
    // kubectl applies a folder's files in name order; the Namespace sorts after frontend.yaml.
    cluster.kubectl("apply", "-f", "examples/commerce/namespace.yaml").assertOk();
    cluster.kubectl("apply", "-f", "examples/commerce").assertOk();
    await("the commerce services are Ready", READY, () -> SERVICES.stream()
        .allMatch(name -> "Ready".equals(phase(cluster, "commerce", name))));

    Map<String, Integer> derivedPerService = new TreeMap<>();
    for (String name : SERVICES) {
      LatticeService service = service(cluster, "commerce", name);
      List<GenericKubernetesResource> derived = derived(cluster, "commerce", name);
      derivedPerService.put(name, derived.size());
      for (GenericKubernetesResource object : derived) {
        String what = object.getKind() + " " + object.getMetadata().getName();
        assertThat(object.getMetadata().getManagedFields()).as(what + " managedFields")
            .anySatisfy(m -> {
              assertThat(m.getManager()).isEqualTo("lattice");
              assertThat(m.getOperation()).isEqualTo("Apply");
            });
        assertThat(object.getMetadata().getOwnerReferences()).as(what + " owner").singleElement()
            .satisfies((OwnerReference o) -> {
              assertThat(o.getKind()).isEqualTo("LatticeService");
              assertThat(o.getName()).isEqualTo(name);
              assertThat(o.getUid()).isEqualTo(service.getMetadata().getUid());
            });
      }
      // The status is written through the status subresource, never with the spec.
      assertThat(service.getMetadata().getManagedFields()).as(name + " status writer")
          .anySatisfy(m -> assertThat(m.getSubresource()).isEqualTo("status"));
      assertThat(cluster.client().v1().events().inNamespace("commerce").list().getItems())
          .as(name + " events")
          .anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo(name);
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(service.getMetadata().getUid());
          });
    }
    // As many objects as lattice derive reports for the example (its golden report.txt).
    assertThat(derivedPerService).isEqualTo(Map.of("frontend", 12, "orders", 12, "payments", 10));
  }

  @Test
  @Order(2)
  void invalidSpecsAreRejectedAtApplyWithTheMessagesOfLatticeDerive(LocalCluster cluster) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(cluster.repoRoot().resolve("examples/invalid"))) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      HasMetadata spec = cluster.client().load(Files.newInputStream(file)).items().get(0);
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(spec.getMetadata().getNamespace()).endMetadata().build())
          .fieldManager("lattice-it").serverSideApply();
      CliRun derive = CliRun.of("derive", "--report", "json", file.toString());
      JsonNode report = new ObjectMapper().readTree(derive.out());
      List<String> expected = new ArrayList<>();
      for (JsonNode diagnostic : report.path("services").get(0).path("diagnostics")) {
        if (diagnostic.path("severity").asText().equals("error")) {
          expected.add(diagnostic.path("reason").asText() + ": " + diagnostic.path("message").asText());
        }
      }
      assertThat(expected).as(file + " has errors").isNotEmpty();

      LocalCluster.KubectlResult apply = cluster.kubectl("apply", "-f", file.toString());
      assertThat(apply.exitCode()).as(file.toString()).isNotZero();
      assertThat(apply.stderr()).as(file.toString())
          .contains("admission webhook \"latticeservices.validate.lattice.dev\" denied the request: LatticeService "
              + spec.getMetadata().getNamespace() + "/" + spec.getMetadata().getName() + " is invalid")
          .contains(expected);
      assertThat(cluster.client().resources(LatticeService.class).inNamespace(spec.getMetadata().getNamespace())
          .withName(spec.getMetadata().getName()).get()).as("nothing stored").isNull();
    }
  }

  @Test
  @Order(3)
  void aSpecOfTheWrongTypeGetsTheApiServersSchemaMessage(LocalCluster cluster) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "wrong-type", ".yaml");
    Files.writeString(file, Files.readString(cluster.repoRoot().resolve("examples/commerce/payments.yaml"))
        .replace("replicas: 2", "replicas: two"));
    LocalCluster.KubectlResult apply = cluster.kubectl("apply", "-f", file.toString());
    assertThat(apply.exitCode()).isNotZero();
    // The CRD's structural schema answers before any webhook is called.
    assertThat(apply.stderr()).contains("\"payments\" is invalid")
        .contains("spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: "
            + "\"string\"")
        .doesNotContain("admission webhook");
  }

  @Test
  @Order(4)
  void aRestartedOperatorWithNothingChangedWritesNothing(LocalCluster cluster) throws Exception {
    // The providers' cluster-wide objects are counted too: both providers have applied theirs.
    // (Other ITs on this control plane may leave invalid providers behind: those never apply anything.)
    await("the example's providers are Ready", READY, () -> Stream.of(
            cluster.client().resources(dev.lattice.api.v1.SecretProvider.class).withName("vault").get(),
            cluster.client().resources(dev.lattice.api.v1.ImageProvider.class).withName("ghcr").get())
        .allMatch(p -> p != null && p.getStatus() != null && "Ready".equals(p.getStatus().phase)));
    Map<String, String> versions = resourceVersions(cluster);
    operator.close();
    int from = ClusterAsserts.auditLines(cluster.plane().auditLog());
    operator = RunningOperator.start(cluster, "commerce-it-restarted");
    operator.registerWebhook(cluster);
    await("the restarted operator leads", READY,
        () -> "commerce-it-restarted".equals(ClusterAsserts.leaseHolder(cluster)));
    await("the restarted operator has synced", READY, operator.operator()::ready);
    // Every service is reconciled on start; give those reconciles time to write, if they were going to.
    Thread.sleep(10_000);
    List<JsonNode> writes = ClusterAsserts.audit(cluster.plane().auditLog(), from).stream()
        .filter(ClusterAsserts.operatorWrite())
        .filter(e -> !e.path("objectRef").path("resource").asText().equals("validatingwebhookconfigurations"))
        .toList();
    assertThat(writes.stream().map(ClusterAsserts::describe)).as("writes after the restart").isEmpty();
    assertThat(resourceVersions(cluster)).isEqualTo(versions);
  }

  /** resourceVersion of every LatticeService and derived object in commerce. */
  private static Map<String, String> resourceVersions(LocalCluster cluster) {
    Map<String, String> versions = new TreeMap<>();
    for (String name : SERVICES) {
      versions.put("LatticeService/" + name, service(cluster, "commerce", name).getMetadata().getResourceVersion());
      derived(cluster, "commerce", name).forEach(o ->
          versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    }
    return versions;
  }

  static LatticeService service(LocalCluster cluster, String namespace, String name) {
    return cluster.client().resources(LatticeService.class).inNamespace(namespace).withName(name).get();
  }

  static String phase(LocalCluster cluster, String namespace, String name) {
    LatticeService service = service(cluster, namespace, name);
    return service == null || service.getStatus() == null ? null : service.getStatus().phase;
  }

  /** Every object of a managed kind labelled as the service's. */
  static List<GenericKubernetesResource> derived(LocalCluster cluster, String namespace, String name) {
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
      all.addAll(cluster.client().genericKubernetesResources(kind.context()).inNamespace(namespace)
          .withLabel("lattice.dev/service", name).list().getItems());
    }
    return all;
  }
}

package dev.lattice.engine.authorize;

import static dev.lattice.engine.authorize.PolicyFixtures.derive;
import static dev.lattice.engine.authorize.PolicyFixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every action's denial, word for word: the message is the documentation a denied team reads. */
class DenialCatalogTest {
  record Case(Reason reason, String patch, String policy, String message) {
    @Override
    public String toString() {
      return reason.name();
    }
  }

  static Stream<Case> catalog() {
    return Stream.of(
        new Case(Reason.AccessSecretDenied,
            "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}", "",
            "spec.workload.resources.db: Service shop/api is not permitted to access secret vault:shop/db (Cedar: "
                + "principal Lattice::Service::\"shop/api\", action Lattice::Action::\"AccessSecret\", resource "
                + "Lattice::SecretPath::\"vault:shop/db\"): no permit policy matched (Cedar denies by default). "
                + "Fix: contact the platform team to request a CedarPolicy in namespace lattice-system with: "
                + "permit(principal == Lattice::Service::\"shop/api\", action == Lattice::Action::\"AccessSecret\", "
                + "resource == Lattice::SecretPath::\"vault:shop/db\");"),
        new Case(Reason.AccessSecretDenied,
            "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}",
            "permit(principal == Lattice::Service::\"shop/api\", action == Lattice::Action::\"AccesSecret\", "
                + "resource);",
            "spec.workload.resources.db: Service shop/api is not permitted to access secret vault:shop/db (Cedar: "
                + "principal Lattice::Service::\"shop/api\", action Lattice::Action::\"AccessSecret\", resource "
                + "Lattice::SecretPath::\"vault:shop/db\"): no permit policy matched (Cedar denies by default). "
                + "CedarPolicy p1, statement 1 (line 1) names Lattice::Action::\"AccesSecret\", which does not "
                + "exist; did you mean Lattice::Action::\"AccessSecret\"? Fix: contact the platform team to correct "
                + "the misspelt name in that statement, or to add a CedarPolicy in namespace lattice-system with: "
                + "permit(principal == Lattice::Service::\"shop/api\", action == Lattice::Action::\"AccessSecret\", "
                + "resource == Lattice::SecretPath::\"vault:shop/db\");"),
        new Case(Reason.ExternalEndpointDenied,
            "spec: {workload: {resources: {stripe: {type: external-service, params: {endpoints: "
                + "{api: \"https://api.stripe.com\"}}}}}}", "",
            "spec.workload.resources.stripe.params.endpoints.api: Service shop/api is not permitted to reach "
                + "external endpoint api.stripe.com:443 (Cedar: principal Lattice::Service::\"shop/api\", action "
                + "Lattice::Action::\"AccessExternalEndpoint\", resource Lattice::ExternalEndpoint::"
                + "\"api.stripe.com:443\"): no permit policy matched (Cedar denies by default). Fix: contact the "
                + "platform team to request a CedarPolicy in namespace lattice-system with: permit(principal == "
                + "Lattice::Service::\"shop/api\", action == Lattice::Action::\"AccessExternalEndpoint\", resource "
                + "== Lattice::ExternalEndpoint::\"api.stripe.com:443\");"),
        new Case(Reason.SecurityOverrideDenied,
            "spec: {workload: {containers: {main: {security: {capabilities: [NET_ADMIN]}}}}}", "",
            "spec.workload.containers.main.security.capabilities[0]: Service shop/api is not permitted to use "
                + "security override capability:NET_ADMIN (container main) (Cedar: principal Lattice::Service::"
                + "\"shop/api\", action Lattice::Action::\"OverrideSecurity\", resource Lattice::SecurityOverride::"
                + "\"capability:NET_ADMIN\"): no permit policy matched (Cedar denies by default). Fix: remove the "
                + "override if the container can run without it, or contact the platform team to request a "
                + "CedarPolicy in namespace lattice-system with: permit(principal == Lattice::Service::\"shop/api\", "
                + "action == Lattice::Action::\"OverrideSecurity\", resource == Lattice::SecurityOverride::"
                + "\"capability:NET_ADMIN\");"),
        new Case(Reason.WildcardCallerDenied,
            "spec: {workload: {resources: {anyone: {type: service, direction: inbound, id: \"*\"}}}}", "",
            "spec.workload.resources.anyone.id: Service shop/api is not permitted to accept calls from any service "
                + "(inbound \"*\") (Cedar: principal Lattice::Service::\"shop/api\", action Lattice::Action::"
                + "\"AllowWildcard\", resource Lattice::Mesh::\"inbound\"): no permit policy matched (Cedar denies "
                + "by default). Fix: contact the platform team to request a CedarPolicy in namespace lattice-system "
                + "with: permit(principal == Lattice::Service::\"shop/api\", action == Lattice::Action::"
                + "\"AllowWildcard\", resource == Lattice::Mesh::\"inbound\");"),
        new Case(Reason.MutableImageDenied,
            "spec: {workload: {containers: {main: {image: \"ghcr.io/acme/api:1.0.0\"}}}}", "",
            "spec.workload.containers.main.image: Service shop/api is not permitted to run the image "
                + "ghcr.io/acme/api:1.0.0, which is not pinned by digest (Cedar: principal Lattice::Service::"
                + "\"shop/api\", action Lattice::Action::\"AllowMutableImage\", resource Lattice::ImageRef::"
                + "\"ghcr.io/acme/api:1.0.0\"): no permit policy matched (Cedar denies by default). Fix: pin the "
                + "image by digest (image@sha256:<digest>), or contact the platform team to request a CedarPolicy "
                + "in namespace lattice-system with: permit(principal == Lattice::Service::\"shop/api\", action == "
                + "Lattice::Action::\"AllowMutableImage\", resource == Lattice::ImageRef::"
                + "\"ghcr.io/acme/api:1.0.0\");"),
        new Case(Reason.SkipImageVerificationDenied,
            "metadata: {annotations: {lattice.dev/skip-image-verification: \"true\"}}", "",
            "metadata.annotations.lattice.dev/skip-image-verification: Service shop/api is not permitted to skip "
                + "signature verification of the image ghcr.io/acme/api:1.0.0@sha256:"
                + "14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479 (Cedar: principal "
                + "Lattice::Service::\"shop/api\", action Lattice::Action::\"SkipImageVerification\", resource "
                + "Lattice::ImageRef::\"ghcr.io/acme/api:1.0.0@sha256:"
                + "14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479\"): no permit policy matched "
                + "(Cedar denies by default). Fix: sign the image with an authority of its ImageProvider and remove "
                + "the annotation, or contact the platform team to request a CedarPolicy in namespace "
                + "lattice-system with: permit(principal == Lattice::Service::\"shop/api\", action == "
                + "Lattice::Action::\"SkipImageVerification\", resource == Lattice::ImageRef::\"ghcr.io/acme/api:"
                + "1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479\");"),
        new Case(Reason.GpuModelForbidden,
            "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 2, model: NVIDIA-H100-80GB-HBM3}}}}}",
            "forbid(principal, action == Lattice::Action::\"UseGpu\", resource) when { resource.model like "
                + "\"*H100*\" };",
            "spec.workload.resources.gpu.params.model: Service shop/api is not permitted to use 2 GPUs of the model "
                + "NVIDIA-H100-80GB-HBM3 (Cedar: principal Lattice::Service::\"shop/api\", action "
                + "Lattice::Action::\"UseGpu\", resource Lattice::GpuModel::\"NVIDIA-H100-80GB-HBM3\"): denied by "
                + "CedarPolicy p1, statement 1 (line 1) `forbid(principal, action == Lattice::Action::\"UseGpu\", "
                + "resource) when { resource.model like \"*H100*\" };`. Fix: a forbid always wins over any permit; "
                + "contact the platform team if this service should be exempt from it, or change the spec so it "
                + "does not need this access."),
        new Case(Reason.GpuModelForbidden,
            "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1}}}}}",
            "forbid(principal, action == Lattice::Action::\"UseGpu\", resource) when { principal.namespace == "
                + "\"shop\" };",
            "spec.workload.resources.gpu: Service shop/api is not permitted to use 1 GPU of the model any (Cedar: "
                + "principal Lattice::Service::\"shop/api\", action Lattice::Action::\"UseGpu\", resource "
                + "Lattice::GpuModel::\"any\"): denied by CedarPolicy p1, statement 1 (line 1) `forbid(principal, "
                + "action == Lattice::Action::\"UseGpu\", resource) when { principal.namespace == \"shop\" };`. "
                + "Fix: a forbid always wins over any permit; contact the platform team if this service should be "
                + "exempt from it, or change the spec so it does not need this access."),
        new Case(Reason.ImageForbidden, "{}",
            "forbid(principal, action == Lattice::Action::\"UseImage\", resource) when { resource.registry == "
                + "\"ghcr.io\" };",
            "spec.workload.containers.main.image: Service shop/api is not permitted to run the image "
                + "ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479 "
                + "(Cedar: principal Lattice::Service::\"shop/api\", action Lattice::Action::\"UseImage\", resource "
                + "Lattice::ImageRef::\"ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f"
                + "41d480d11c099d0479\"): denied by CedarPolicy p1, statement 1 (line 1) `forbid(principal, action == "
                + "Lattice::Action::\"UseImage\", resource) when { resource.registry == \"ghcr.io\" };`. Fix: a "
                + "forbid always wins over any permit; contact the platform team if this service should be exempt "
                + "from it, or change the spec so it does not need this access."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalog")
  @DisplayName("the denial names principal, action, resource, what denied it, whom to contact and the permit")
  void denial(Case c) {
    Derivation d = c.policy.isEmpty() ? derive(engine(), PolicyFixtures.service(c.patch))
        : derive(engine(c.policy), PolicyFixtures.service(c.patch));

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    List<Diagnostic> denials = d.diagnostics().stream()
        .filter(x -> x.reason().conditionType() == ConditionType.PolicyAuthorized).toList();
    assertThat(denials).extracting(Diagnostic::reason).containsExactly(c.reason);
    assertThat(denials.get(0).message()).isEqualTo(c.message);
  }

  @Test
  @DisplayName("every PolicyAuthorized denial reason has a case (AuthorizationError is Cedar failing, not a denial)")
  void everyReasonCovered() {
    Set<Reason> expected = Arrays.stream(Reason.values())
        .filter(r -> r.conditionType() == ConditionType.PolicyAuthorized)
        .filter(r -> r != Reason.Authorized && r != Reason.AuthorizationError)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
    Set<Reason> covered = catalog().map(Case::reason).collect(Collectors.toSet());
    covered.addAll(dev.lattice.engine.hatch.HatchCatalogTest.covered()); // ExtendEscapeHatchDenied, hatch denials
    assertThat(covered).containsAll(expected);
  }

  @Test
  @DisplayName("all denials are collected in one pass, one line each in the condition")
  void allDenialsInOnePass() {
    Derivation d = derive(engine(), PolicyFixtures.service("""
        spec:
          hostNetwork: true
          workload:
            containers: {main: {image: "ghcr.io/acme/api:2", security: {privileged: true}}}
            resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}
        """));

    var condition = d.status().condition(ConditionType.PolicyAuthorized).orElseThrow();
    assertThat(condition.message().lines().skip(1))
        .hasSize(4)
        .anySatisfy(l -> assertThat(l).contains("access secret vault:shop/db"))
        .anySatisfy(l -> assertThat(l).contains("use security override hostNetwork"))
        .anySatisfy(l -> assertThat(l).contains("use security override privileged (container main)"))
        .anySatisfy(l -> assertThat(l).contains("not pinned by digest"));
  }
}

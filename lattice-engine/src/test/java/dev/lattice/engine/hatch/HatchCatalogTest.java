package dev.lattice.engine.hatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.Derivation;
import dev.lattice.testkit.MeshMembers;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog of what a LatticeMeshMember can get wrong: for each reason a member that breaks exactly that rule and
 * its message word for word. {@link #covered()} counts in ValidationCatalogTest's and DenialCatalogTest's
 * every-reason checks; the expiry reasons are asserted in HatchGovernanceTest.
 */
public class HatchCatalogTest {
  static final LocalDate TODAY = LocalDate.parse("2027-01-01");

  record Case(Reason reason, String patch, String message) {
    @Override
    public String toString() {
      return reason.name() + " " + patch;
    }
  }

  static Stream<Case> catalog() {
    return Stream.of(
        new Case(Reason.EscapeHatchGovernanceMissing, "spec: {owner: null}",
            "spec.owner: LatticeMeshMember shop/legacy has no owner; an escape hatch must name the team that answers "
                + "for it. Fix: add spec.owner with your team's name, e.g. owner: team-billing."),
        new Case(Reason.InvalidExpiryDate, "spec: {expires: \"2027-02-30\"}",
            "spec.expires: '2027-02-30' is not a date. Fix: write the date as YYYY-MM-DD, e.g. expires: 2027-04-01."),
        new Case(Reason.MeshSelectorMissing, "spec: {selector: null}",
            "spec.selector: the mesh member selects no pods; without labels it would enrol nothing, or every pod of "
                + "the namespace. Fix: add spec.selector with the labels of the pods to enrol, e.g. selector: "
                + "{app: legacy-billing}."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {serviceAccount: null}}",
            "spec.mesh.serviceAccount: no service account is given; the mesh identifies the pods by the one they run "
                + "as. Fix: set spec.mesh.serviceAccount to the pods' spec.serviceAccountName (default if they set "
                + "none)."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {ports: {http: {port: 8080, peerAuthentication: mtls}}}}",
            "spec.mesh.ports.http.peerAuthentication: 'mtls' is not a peer authentication mode. Fix: use strict, "
                + "permissive or webhook (strict is the default: mTLS only)."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {dependencies: {all: {id: \"*\"}}}}",
            "spec.mesh.dependencies.all.id: a dependency cannot be \"*\"; only allowedCallers accept any caller. "
                + "Fix: name the service or mesh member this one calls."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {egress: {bank: {fqdn: bank.example.com, cidr: 10.0.0.0/8, "
                + "ports: [443]}}}}",
            "spec.mesh.egress.bank: the egress entry names 2 destinations; each entry is one of fqdn, cidr or entity. "
                + "Fix: write exactly one of fqdn (api.example.com), cidr (10.20.0.0/16) or entity (world), with "
                + "ports."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {egress: {office: {cidr: 10.0.0.0/33, ports: [5432]}}}}",
            "spec.mesh.egress.office.cidr: '10.0.0.0/33' is not a CIDR range. Fix: write an address and prefix "
                + "length, e.g. cidr: 10.20.0.0/16."),
        new Case(Reason.InvalidMeshEntry, "spec: {mesh: {egress: {bank: {fqdn: bank.example.com}}}}",
            "spec.mesh.egress.bank.ports: the egress entry lists no ports. Fix: add the destination ports, e.g. "
                + "ports: [443]."),
        new Case(Reason.InvalidPort, "spec: {mesh: {ports: {http: {port: 70000}}}}",
            "spec.mesh.ports.http.port: 70000 is not a port number. Fix: set port to the container port, a number "
                + "from 1 to 65535, e.g. port: 8080."),
        new Case(Reason.InvalidProtocol, "spec: {mesh: {ports: {http: {port: 8080, protocol: QUIC}}}}",
            "spec.mesh.ports.http.protocol: 'QUIC' is not a protocol. Fix: use TCP, UDP or SCTP."),
        new Case(Reason.SystemNamespace, "metadata: {namespace: kube-system}",
            "metadata.namespace: 'kube-system' is a system namespace; workloads cannot be deployed there. Fix: "
                + "deploy to your team's namespace instead; ask the platform team if you do not have one."),
        new Case(Reason.WildcardCallerDenied, "spec: {mesh: {allowedCallers: {anyone: {id: \"*\"}}}}",
            "spec.mesh.allowedCallers.anyone.id: LatticeMeshMember shop/legacy is not permitted to accept calls from "
                + "any service (allowedCallers \"*\") (Cedar: principal Lattice::MeshMember::\"shop/legacy\", action "
                + "Lattice::Action::\"AllowWildcard\", resource Lattice::Mesh::\"inbound\"): no permit policy "
                + "matched (Cedar denies by default). Fix: contact the platform team to request a CedarPolicy in "
                + "namespace lattice-system with: permit(principal == Lattice::MeshMember::\"shop/legacy\", action == "
                + "Lattice::Action::\"AllowWildcard\", resource == Lattice::Mesh::\"inbound\");"),
        new Case(Reason.SecurityOverrideDenied,
            "spec: {mesh: {ports: {http: {port: 8080, peerAuthentication: permissive}}}}",
            "spec.mesh.ports.http.peerAuthentication: LatticeMeshMember shop/legacy is not permitted to use security "
                + "override peerAuthentication:permissive (port http accepts plaintext) (Cedar: principal "
                + "Lattice::MeshMember::\"shop/legacy\", action Lattice::Action::\"OverrideSecurity\", resource "
                + "Lattice::SecurityOverride::\"peerAuthentication:permissive\"): no permit policy matched (Cedar "
                + "denies by default). Fix: set peerAuthentication: strict if every caller speaks mTLS, or contact "
                + "the platform team to request a CedarPolicy in namespace lattice-system with: permit(principal == "
                + "Lattice::MeshMember::\"shop/legacy\", action == Lattice::Action::\"OverrideSecurity\", resource == "
                + "Lattice::SecurityOverride::\"peerAuthentication:permissive\");"),
        new Case(Reason.ExternalEndpointDenied, "spec: {mesh: {egress: {stripe: {fqdn: api.stripe.com, ports: [443]}}}}",
            "spec.mesh.egress.stripe: LatticeMeshMember shop/legacy is not permitted to reach external endpoint "
                + "api.stripe.com:443 (Cedar: principal Lattice::MeshMember::\"shop/legacy\", action Lattice::Action::"
                + "\"AccessExternalEndpoint\", resource Lattice::ExternalEndpoint::\"api.stripe.com:443\"): no "
                + "permit policy matched (Cedar denies by default). Fix: contact the platform team to request a "
                + "CedarPolicy in namespace lattice-system with: permit(principal == Lattice::MeshMember::"
                + "\"shop/legacy\", action == Lattice::Action::\"AccessExternalEndpoint\", resource == "
                + "Lattice::ExternalEndpoint::\"api.stripe.com:443\");"),
        new Case(Reason.ExtendEscapeHatchDenied, "spec: {expires: \"2027-06-01\"}",
            "spec.expires: LatticeMeshMember shop/legacy is not permitted to keep the escape hatch until 2027-06-01, "
                + "151 days from today, past the platform's maximum lifetime of 90 days (Cedar: principal "
                + "Lattice::MeshMember::\"shop/legacy\", action Lattice::Action::\"ExtendEscapeHatch\", resource "
                + "Lattice::EscapeHatch::\"LatticeMeshMember/shop/legacy\"): no permit policy matched (Cedar denies "
                + "by default). Fix: set an earlier spec.expires, or contact the platform team to request a "
                + "CedarPolicy in namespace lattice-system with: permit(principal == Lattice::MeshMember::"
                + "\"shop/legacy\", action == Lattice::Action::\"ExtendEscapeHatch\", resource == "
                + "Lattice::EscapeHatch::\"LatticeMeshMember/shop/legacy\");"));
  }

  /** The reasons this catalog gives a case, for the every-reason checks of the other catalogs. */
  public static Set<Reason> covered() {
    return catalog().map(Case::reason).collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalog")
  @DisplayName("a broken member is rejected with exactly that message and nothing derived")
  void rejected(Case c) {
    Derivation d = HatchFixtures.derive(HatchFixtures.engine(TODAY), MeshMembers.minimalWith(c.patch()));
    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    // An egress entry with a wrong CIDR is still asked of Cedar; only the condition of the case counts here.
    var errors = d.diagnostics().stream().filter(x -> x.severity() == Severity.ERROR)
        .filter(x -> x.reason().conditionType() == c.reason().conditionType()).toList();
    assertThat(errors).extracting(Diagnostic::reason).containsExactly(c.reason());
    assertThat(errors.get(0).message()).isEqualTo(c.message());
  }

  @Test
  @DisplayName("permits for a wildcard caller, a permissive port and an egress destination let the member derive")
  void permitted() {
    Derivation d = HatchFixtures.derive(HatchFixtures.engine(TODAY,
            "permit(principal == Lattice::MeshMember::\"shop/legacy\", action in [Lattice::Action::\"AllowWildcard\", "
                + "Lattice::Action::\"OverrideSecurity\", Lattice::Action::\"AccessExternalEndpoint\"], resource);"),
        MeshMembers.minimalWith("spec: {mesh: {allowedCallers: {anyone: {id: \"*\"}}, ports: {http: {port: 8080, "
            + "peerAuthentication: permissive}}, egress: {stripe: {fqdn: api.stripe.com, ports: [443]}}}}"));
    assertThat(d).isInstanceOf(Derivation.Derived.class);
  }
}

package dev.lattice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A generated fleet in files with known figures, for lattice report and its page.
 *
 * <ul>
 *   <li>20 services: team retail (namespace shop, labelled) 8 = 3 v1alpha1 + 5 v1; team pay (no Namespace
 *       document) 7 = 1 v1alpha1 + 2 v1beta1 + 4 v1; team ops (Namespace without the label) 5 v1. So 16 of 20 have
 *       migrated and the remaining 4 belong to retail (3) and pay (1).
 *   <li>spec.replicas in 12 services (60%), spec.sysctls in 1 (5%, flagged); every service sets its containers.
 *   <li>3 escape hatches of 23 workloads (13.0%): shop/old (MeshMember, expired 5 days ago), shop/legacy
 *       (MeshMember, 10 days left), ops/chart (Package, 100 days left).
 *   <li>2 pending consents: shop/s0 calls pay/p0, which has not accepted it; ops/o0 accepts shop/s1, which does not
 *       call it.
 * </ul>
 */
final class ReportFleet {
  static final LocalDate TODAY = LocalDate.parse("2026-12-02");
  private static final String IMAGE = "ghcr.io/acme/app:1.0@sha256:"
      + "a99f33579e19a6a985a99e1277ee29bf9829921d88faa59d9b7182571177a278";

  private ReportFleet() {}

  static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("namespaces.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {lattice.dev/team: retail}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops}
        """);
    int index = 0;
    for (int i = 0; i < 8; i++) {
      String extra = i == 0 ? "      p0: {type: service, direction: outbound, namespace: pay}\n" : "";
      write(dir, "shop", "s" + i, i < 3 ? "v1alpha1" : "v1", index++, extra);
    }
    for (int i = 0; i < 7; i++) {
      write(dir, "pay", "p" + i, i < 1 ? "v1alpha1" : i < 3 ? "v1beta1" : "v1", index++, "");
    }
    for (int i = 0; i < 5; i++) {
      write(dir, "ops", "o" + i, "v1", index++, i == 0 ? "inbound" : "");
    }
    Files.writeString(dir.resolve("hatches.yaml"), """
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: old, namespace: shop}
        spec: {owner: retail, reason: JIRA-12 legacy billing, expires: "%s", selector: {app: billing}}
        ---
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: legacy, namespace: shop}
        spec: {owner: retail, reason: strangler migration, expires: "%s"}
        ---
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: chart, namespace: ops}
        spec: {owner: ops, reason: vendor chart, expires: "%s", chart: {name: redis, version: 1.2.3}}
        """.formatted(TODAY.minusDays(5), TODAY.plusDays(10), TODAY.plusDays(100)));
    return dir;
  }

  private static void write(Path dir, String namespace, String name, String version, int index, String deps)
      throws IOException {
    StringBuilder spec = new StringBuilder();
    if (index < 12) {
      spec.append("  replicas: 2\n");
    }
    if (index == 19) {
      spec.append("  sysctls: {net.core.somaxconn: \"1024\"}\n");
    }
    String container = "    main:\n      image: " + IMAGE + "\n      resources: {limits: {cpu: \"1\", memory: 1Gi}}\n";
    switch (version) {
      case "v1alpha1" -> {
        spec.append("  workload:\n    containers:\n").append(container.replace("\n    ", "\n      ")
            .replaceFirst("^    ", "      "));
        if (!deps.isEmpty()) {
          spec.append("    resources:\n").append(deps);
        }
      }
      default -> {
        spec.append("  containers:\n").append(container);
        if (deps.equals("inbound")) {
          spec.append("  dependencies:\n    inbound:\n      s1: {type: service, namespace: shop}\n");
        }
      }
    }
    Files.writeString(dir.resolve(namespace + "-" + name + ".yaml"), "apiVersion: lattice.dev/" + version
        + "\nkind: LatticeService\nmetadata: {name: " + name + ", namespace: " + namespace + "}\nspec:\n" + spec);
  }
}

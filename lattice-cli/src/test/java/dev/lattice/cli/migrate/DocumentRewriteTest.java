package dev.lattice.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rewrite keeps what users keep in git: comments, blank lines, key order, quoting and the other documents. */
class DocumentRewriteTest {
  private static final String COMMENTED = """
      # Payments, owned by the payments team.
      apiVersion: "lattice.dev/v1alpha1"
      kind: LatticeService
      metadata:
        name: payments   # the service name
        namespace: commerce
      spec:
        replicas: 2

        # What runs.
        workload:
          # One container.
          containers:
            main:
              image: 'ghcr.io/acme/payments:2.3.1'   # pinned by CI
              command: ["/app/payments"]
              variables:
                LOG_LEVEL: info
                MODE: 'strict'
          # Ports the service serves.
          service:
            ports:
              # Plain HTTP.
              http: {port: 80, targetPort: 8080}
          resources:
            # Called on every checkout.
            orders: {type: service, direction: outbound}
            frontend:
              type: service   # the storefront
              direction: both
            # The Stripe key, from Vault.
            stripe-key:
              type: secret
              id: payments/stripe-key
              params: {provider: vault, keys: [api-key]}
            data:
              type: volume
              params: {size: 1Gi}

        # Canary for every release.
        deploy:
          strategy: canary
      """;

  static FileMigrator.Result migrate(ApiVersion target, String text) {
    return new FileMigrator(Converter.to(target), target.apiVersion(), MigrateGoldenTest.SERVED).migrate(text);
  }

  static String migrated(ApiVersion target, String text) {
    FileMigrator.Result result = migrate(target, text);
    assertThat(result).isInstanceOf(FileMigrator.Changed.class);
    return ((FileMigrator.Changed) result).text();
  }

  @Test
  @DisplayName("moved fields carry their comments and blank lines; removed fields' comments go with what left them")
  void commentsOnMovedKeysSurvive() {
    assertThat(migrated(ApiVersion.V1BETA1, COMMENTED)).isEqualTo("""
        # Payments, owned by the payments team.
        apiVersion: "lattice.dev/v1beta1"
        kind: LatticeService
        metadata:
          name: payments   # the service name
          namespace: commerce
        spec:
          replicas: 2

          # What runs.
          # One container.
          containers:
            main:
              image: 'ghcr.io/acme/payments:2.3.1'   # pinned by CI
              command: ["/app/payments"]
              variables:
                LOG_LEVEL: info
                MODE: 'strict'
          # Ports the service serves.
          ports:
            # Plain HTTP.
            http: {port: 80, targetPort: 8080}
          dependencies:
            # Called on every checkout.
            orders: {type: service, direction: outbound}
            frontend:
              type: service   # the storefront
              direction: both
          secrets:
            # The Stripe key, from Vault.
            stripe-key:
              id: payments/stripe-key
              params: {provider: vault, keys: [api-key]}
          volumes:
            data:
              params: {size: 1Gi}

          # Canary for every release.
          deploy:
            strategy: canary
        """);
  }

  @Test
  @DisplayName("to v1, direction: both becomes an entry in each map, the moved one keeping its comment")
  void bothDirectionsToV1() {
    String v1 = migrated(ApiVersion.V1, COMMENTED);

    assertThat(v1).contains("""
          dependencies:
            outbound:
              # Called on every checkout.
              orders: {type: service}
              frontend:
                type: service   # the storefront
            inbound:
              frontend:
                type: service
          secrets:
        """);
    assertThat(v1).startsWith("""
        # Payments, owned by the payments team.
        apiVersion: "lattice.dev/v1"
        kind: LatticeService
        metadata:
          name: payments   # the service name
          namespace: commerce
          annotations:
            lattice.dev/conversion-data: '{"version":"lattice.dev/""");
  }

  @Test
  @DisplayName("a changed scalar keeps its quoting style: plain, single or double")
  void quotingStylesKept() {
    String spec = """
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          workload:
            containers:
              main: {image: "ghcr.io/acme/api:1.0.0", command: ['/app/api']}
        """;

    assertThat(migrated(ApiVersion.V1BETA1, "apiVersion: 'lattice.dev/v1alpha1'\n" + spec))
        .startsWith("apiVersion: 'lattice.dev/v1beta1'\n");
    assertThat(migrated(ApiVersion.V1BETA1, "apiVersion: \"lattice.dev/v1alpha1\"\n" + spec))
        .startsWith("apiVersion: \"lattice.dev/v1beta1\"\n");
    assertThat(migrated(ApiVersion.V1BETA1, "apiVersion: lattice.dev/v1alpha1\n" + spec))
        .isEqualTo("apiVersion: lattice.dev/v1beta1\n" + """
            kind: LatticeService
            metadata: {name: api, namespace: shop}
            spec:
              containers:
                main: {image: "ghcr.io/acme/api:1.0.0", command: ['/app/api']}
            """);
  }

  @Test
  @DisplayName("in a file mixing kinds and versions, only the LatticeServices in other versions change")
  void mixedKindsAndVersions() {
    String configMap = """
        # Settings: not a LatticeService.
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: lattice-platform, namespace: lattice-system}
        data:
          contact:   "the platform team"   # odd spacing kept
        """;
    String v1 = """
        apiVersion: lattice.dev/v1
        kind: LatticeService   # already v1
        metadata: {name: done, namespace: shop}
        spec:
          containers:
            main: {image: "ghcr.io/acme/done:1.0.0", command: [/app/done]}
        """;
    String policy = """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: p, namespace: lattice-system}
        spec:
          policies: |
            // v1alpha1 stays: CedarPolicy has one version.
            permit(principal, action, resource);
        """;
    String alpha = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          workload:
            containers:
              main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
        """;
    String file = configMap + "---\n" + v1 + "---\n" + policy + "---\n" + alpha;

    String migrated = migrated(ApiVersion.V1, file);

    assertThat(migrated).isEqualTo(configMap + "---\n" + v1 + "---\n" + policy + "---\n" + """
        apiVersion: lattice.dev/v1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          containers:
            main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
        """);
  }

  @Test
  @DisplayName("new mappings are indented as the document indents its own")
  void indentationFollowsTheDocument() {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
            name: api
        spec:
            workload:
                containers:
                    main: {image: x, command: [x]}
                resources:
                    db: {type: service, direction: inbound}
        """;

    assertThat(migrated(ApiVersion.V1, spec)).isEqualTo("""
        apiVersion: lattice.dev/v1
        kind: LatticeService
        metadata:
            name: api
        spec:
            containers:
                main: {image: x, command: [x]}
            dependencies:
                inbound:
                    db: {type: service}
        """);
  }

  @Test
  @DisplayName("Windows line breaks and a missing final line break are kept")
  void lineEndingsKept() {
    String crlf = "apiVersion: lattice.dev/v1alpha1\r\nkind: LatticeService\r\nmetadata: {name: a}\r\nspec:\r\n"
        + "  workload:\r\n    containers:\r\n      main: {image: x, command: [x]}";

    assertThat(migrated(ApiVersion.V1BETA1, crlf)).isEqualTo("apiVersion: lattice.dev/v1beta1\r\n"
        + "kind: LatticeService\r\nmetadata: {name: a}\r\nspec:\r\n  containers:\r\n    main: {image: x, command: [x]}");
  }

  @Test
  @DisplayName("image '.' to v1 is a decision, listed with the line of its field; nothing is rewritten")
  void decisionListed() {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          workload:
            containers:
              main:
                image: "."
                command: [/app/api]
        """;

    FileMigrator.Result result = migrate(ApiVersion.V1, spec);

    assertThat(result).isInstanceOf(FileMigrator.Undecided.class);
    FileMigrator.Listed listed = ((FileMigrator.Undecided) result).decisions().get(0);
    assertThat(listed.line()).isEqualTo(8);
    assertThat(listed.decision().fieldPath()).isEqualTo("spec.workload.containers.main.image");
    assertThat(migrated(ApiVersion.V1BETA1, spec)).contains("  containers:\n    main:\n      image: \".\"\n");
  }

  @Test
  @DisplayName("a document with anchors or aliases is listed for a hand edit, not rewritten")
  void anchorsListed() {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          workload:
            containers:
              main:
                image: ghcr.io/acme/api:1.0.0
                command: [/app/api]
                resources:
                  limits: &limits {cpu: 500m, memory: 256Mi}
                  requests: *limits
        """;

    FileMigrator.Result result = migrate(ApiVersion.V1BETA1, spec);

    assertThat(result).isInstanceOf(FileMigrator.Undecided.class);
    FileMigrator.Listed listed = ((FileMigrator.Undecided) result).decisions().get(0);
    assertThat(listed.decision().problem()).isEqualTo("the document uses YAML anchors or aliases (line 11), which "
        + "lattice migrate does not rewrite");
  }

  @Test
  @DisplayName("when the rewritten text would not read back as the conversion, the file is refused as a bug")
  void disagreementIsABug() {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec: {}
        """;
    Converter unwritable = document -> {
      ConversionResult result = Conversions.convert(document, ApiVersion.V1);
      ObjectNode converted = ((ConversionResult.Converted) result).document();
      converted.set("blob", BinaryNode.valueOf(new byte[] {1, 2})); // no YAML text reads back as this
      return result;
    };

    FileMigrator.Result result = new FileMigrator(unwritable, ApiVersion.V1.apiVersion(), MigrateGoldenTest.SERVED)
        .migrate(spec);

    assertThat(result).isInstanceOf(FileMigrator.Bug.class);
    assertThat(((FileMigrator.Bug) result).message()).isEqualTo("document 1 of the rewritten file differs from the "
        + "conversion at blob");
  }

  @Test
  @DisplayName("an unknown LatticeService version and broken YAML are unreadable, with their lines")
  void unreadable() {
    FileMigrator.Result unknown = migrate(ApiVersion.V1, "kind: LatticeService\napiVersion: lattice.dev/v2\n");
    FileMigrator.Result broken = migrate(ApiVersion.V1, "apiVersion: lattice.dev/v1alpha1\nkind: [\n");

    assertThat(unknown).isEqualTo(new FileMigrator.Unreadable(2, "apiVersion lattice.dev/v2 is not served for "
        + "LatticeService; served versions: lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1."));
    assertThat(broken).isInstanceOf(FileMigrator.Unreadable.class);
    assertThat(((FileMigrator.Unreadable) broken).message()).startsWith("invalid YAML: ");
  }
}

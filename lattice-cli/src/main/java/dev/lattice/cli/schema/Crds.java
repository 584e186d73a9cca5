package dev.lattice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CRDs of the kinds Lattice serves, as the build generated them from the API classes (lattice-api puts them on
 * the classpath under {@code META-INF/fabric8}); the same files are reviewed in {@code deploy/crds}. Reading them
 * from the classpath keeps {@code lattice explain} and {@code lattice schema} working outside the checkout.
 */
public final class Crds {
  private static final List<String> RESOURCES = List.of("latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
      "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticepackages.lattice.dev",
      "latticemeshmembers.lattice.dev",
      "latticequotas.lattice.dev");
  private static final List<Crd> ALL = load();
  /** The generator has no place for these: the kind itself and the spec and status it inherits. */
  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "LatticeService", "The intent of one service: what it runs and what it uses. Lattice derives every"
          + " Kubernetes object the service needs from it.",
      "LatticeService.spec", "What the service runs (workload), how it scales and rolls out, and how it is"
          + " reached.",
      "LatticeService.status", "Written by Lattice: phase, conditions with reason codes, and what was applied.",
      "CedarPolicy", "Cedar statements that permit or forbid what services may access; read from namespace"
          + " lattice-system.",
      "CedarPolicy.spec", "The Cedar statements and whether they are enforced.",
      "CedarPolicy.status", "Written by Lattice: how many statements loaded, and why any were skipped.");
  /** The same for the escape hatches (Map.of takes at most ten pairs). */
  private static final Map<String, String> PACKAGE_DESCRIPTIONS = Map.of(
      "LatticePackage", "A governed escape hatch: third-party software from a Helm chart at an exact version,"
          + " rendered and applied by Lattice; owned, justified and temporary.",
      "LatticePackage.spec", "The chart, its values and secrets, and who owns the package, why and until when.",
      "LatticePackage.status", "Written by Lattice: phase, conditions with reason codes, and what was applied.",
      "LatticeQuota", "Limits the platform team sets (in lattice-system) on what a team, a namespace or one service"
          + " may ask for: cpu, memory, GPUs and replicas, in total and per workload.",
      "LatticeQuota.spec", "What the quota covers, its limits, the per-workload cap and who owns it.",
      "LatticeQuota.status", "Written by Lattice: what the covered services use and what is left.");

  /** The same for the mesh member (issue 15). */
  private static final Map<String, String> MEMBER_DESCRIPTIONS = Map.of(
      "LatticeMeshMember", "A governed escape hatch: pods Lattice did not create join the mesh (default-deny"
          + " policies, bilateral consent) without a LatticeService; owned, justified and temporary.",
      "LatticeMeshMember.spec", "The pods (selector), their mesh section, and who owns the member, why and until"
          + " when.",
      "LatticeMeshMember.status", "Written by Lattice: phase, conditions with reason codes (Expiring, consent),"
          + " and what was applied.");

  /** The same for the platform's provider kinds (issue 17). */
  private static final Map<String, String> PROVIDER_DESCRIPTIONS = Map.of(
      "SecretProvider", "A secret store the platform team runs (cluster-scoped): copied into the"
          + " ClusterSecretStore of the same name, which type: secret resources name in params.provider.",
      "SecretProvider.spec", "The External Secrets provider block and the endpoint the controller reaches.",
      "SecretProvider.status", "Written by Lattice: whether the store and its egress are applied.",
      "ImageProvider", "A container registry the platform team runs (cluster-scoped): its pull credentials, for"
          + " imagePullSecrets, and the authorities its images must be signed by.",
      "ImageProvider.spec", "The registry, where its credentials are, and whom to trust.",
      "ImageProvider.status", "Written by Lattice: whether the verification policy is applied.");

  /** One served version of a kind and its OpenAPI v3 schema. */
  public record Version(String name, boolean storage, JsonNode schema) {}

  /** A kind, the names kubectl accepts for it, and its served versions (storage version first). */
  public record Crd(String group, String kind, String plural, String singular, List<String> shortNames,
      List<Version> versions) {
    /** True when {@code name} is the kind, plural, singular or a short name, with or without the group. */
    public boolean answersTo(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith("." + group)) {
        n = n.substring(0, n.length() - group.length() - 1);
      }
      return n.equals(kind.toLowerCase(Locale.ROOT)) || n.equals(plural) || n.equals(singular)
          || shortNames.contains(n);
    }

    public Optional<Version> version(String name) {
      return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The version users should write: the storage version. */
    public Version preferred() {
      return versions.get(0);
    }

    /** The description of the kind ({@code field} empty), or of its top-level {@code spec} or {@code status}. */
    public String describe(String field) {
      String key = field.isEmpty() ? kind : kind + "." + field;
      return DESCRIPTIONS.getOrDefault(key, PROVIDER_DESCRIPTIONS.getOrDefault(key,
          PACKAGE_DESCRIPTIONS.getOrDefault(key, MEMBER_DESCRIPTIONS.getOrDefault(key, ""))));
    }

    public List<String> versionNames() {
      return versions.stream().map(Version::name).toList();
    }
  }

  private Crds() {}

  public static List<Crd> all() {
    return ALL;
  }

  /** The kind {@code name} refers to (kind, plural, singular or short name, any case). */
  public static Optional<Crd> find(String name) {
    return ALL.stream().filter(c -> c.answersTo(name)).findFirst();
  }

  /** Every name {@link #find} accepts, for suggestions. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Crd crd : ALL) {
      names.add(crd.kind());
      names.add(crd.plural());
      names.add(crd.singular());
      names.addAll(crd.shortNames());
    }
    return names;
  }

  private static List<Crd> load() {
    List<Crd> out = new ArrayList<>();
    YAMLMapper yaml = new YAMLMapper();
    for (String name : RESOURCES) {
      String resource = "/META-INF/fabric8/" + name + "-v1.yml";
      try (InputStream in = Crds.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the CRD " + resource + " is missing from the classpath");
        }
        out.add(crd(yaml.readTree(in)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(out);
  }

  private static Crd crd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
    List<Version> versions = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (v.path("served").asBoolean(false)) {
        Version version = new Version(v.path("name").asText(), v.path("storage").asBoolean(false),
            v.path("schema").path("openAPIV3Schema"));
        versions.add(version.storage() ? 0 : versions.size(), version);
      }
    }
    return new Crd(spec.path("group").asText(), names.path("kind").asText(), names.path("plural").asText(),
        names.path("singular").asText(), List.copyOf(shortNames), List.copyOf(versions));
  }
}

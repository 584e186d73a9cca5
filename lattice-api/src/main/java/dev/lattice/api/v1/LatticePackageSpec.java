package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;
import java.util.Map;

/** {@code spec} of a LatticePackage: the chart, its values and secrets, and the escape hatch fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticePackageSpec extends dev.lattice.api.hatch.EscapeHatchSpec {
  @JsonPropertyDescription("The Helm chart: where it is, its name and its exact version.")
  public Chart chart;

  @JsonPropertyDescription("Values handed to the chart. A value \"${secret.<secret>.<key>}\" becomes {name: <Secret>,"
      + " key: <key>}, a reference to the Secret the package's ExternalSecret fills: no secret value is ever in the"
      + " values or the rendered objects.")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormParams.class)
  public Map<String, Object> values;

  @JsonPropertyDescription("Secrets the values refer to, by name; each is fetched by an ExternalSecret under Cedar"
      + " AccessSecret (principal Lattice::Package::\"<namespace>/<package>\").")
  public Map<String, Secret> secrets;

  /** Where the chart comes from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Chart {
    @JsonPropertyDescription("A chart repository URL (https://...), an OCI reference (oci://registry/path) or a local"
        + " folder the operator or CLI can read holding <name>-<version>/ (a chart folder) or <name>-<version>.tgz.")
    public String repository;

    @JsonPropertyDescription("The chart's name.")
    public String name;

    @JsonPropertyDescription("The chart's exact version, e.g. 1.2.3 (no range, no wildcard, no 'latest').")
    public String version;
  }

  /** One secret in the provider's store. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Secret {
    @JsonPropertyDescription("The secret's key in the provider's store, e.g. payments/db.")
    public String id;

    @JsonPropertyDescription("The ClusterSecretStore the platform team set up, e.g. vault.")
    public String provider;

    @JsonPropertyDescription("The keys the values may refer to.")
    public List<String> keys;
  }
}

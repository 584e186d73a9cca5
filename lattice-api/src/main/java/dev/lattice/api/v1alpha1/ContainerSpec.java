package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import java.util.List;
import java.util.Map;

/** One container of the workload. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSpec {
  @JsonPropertyDescription("Image reference, ideally pinned by digest.")
  public String image;

  @JsonPropertyDescription("Entrypoint; the first element must be an absolute path.")
  public List<String> command;

  @JsonPropertyDescription("Arguments to the entrypoint.")
  public List<String> args;

  @JsonPropertyDescription("Working directory of the process.")
  public String workingDir;

  @JsonPropertyDescription("Environment variables; values may use ${...} templates.")
  public Map<String, String> variables;

  @JsonPropertyDescription("Requests and limits (limits are required).")
  public Resources resources;

  @JsonPropertyDescription("Files by absolute path, from inline content or a template source.")
  public Map<String, FileSpec> files;

  @JsonPropertyDescription("Volumes by mount path; without a source, an emptyDir.")
  public Map<String, VolumeMount> volumes;

  public Probe livenessProbe;
  public Probe readinessProbe;
  public Probe startupProbe;

  @JsonPropertyDescription("Secret resources whose keys all become environment variables.")
  public List<String> envFrom;

  @JsonPropertyDescription("Security settings; the defaults are hardened.")
  public Security security;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Resources {
    public Quantities requests;
    public Quantities limits;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Quantities {
    @JsonPropertyDescription("CPU, e.g. 100m, 0.5 or 1.")
    public String cpu;

    @JsonPropertyDescription("Memory, e.g. 256Mi or 1Gi.")
    public String memory;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FileSpec {
    public String content;
    public String binaryContent;
    public String source;

    @JsonPropertyDescription("Octal file mode, quoted, e.g. \"0644\".")
    public String mode;

    /** True when mode was written as a YAML number: YAML reads an unquoted 0644 as 420, so the digits are lost. */
    @JsonIgnore
    public boolean modeWrittenAsNumber;

    @JsonSetter("mode")
    void readMode(Object value) {
      mode = value == null ? null : String.valueOf(value);
      modeWrittenAsNumber = value instanceof Number;
    }

    public Boolean noExpand;
    public Boolean reverseExpand;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class VolumeMount {
    @JsonPropertyDescription("${resources.<volume>} of a volume resource; none means an emptyDir.")
    public String source;

    @JsonPropertyDescription("Sub-path inside the volume.")
    public String path;

    public Boolean readOnly;

    @JsonPropertyDescription("emptyDir medium, e.g. Memory.")
    public String medium;

    public String sizeLimit;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Probe {
    public HttpGet httpGet;
    public Exec exec;
    public Integer initialDelaySeconds;
    public Integer periodSeconds;
    public Integer timeoutSeconds;
    public Integer successThreshold;
    public Integer failureThreshold;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HttpGet {
    public String path;

    @JsonPropertyDescription("Port number or the name of a service port.")
    public Object port;

    public String scheme;
    public String host;
    public List<Header> httpHeaders;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Header {
    public String name;
    public String value;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Exec {
    public List<String> command;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Security {
    public List<String> capabilities;
    public List<String> dropCapabilities;
    public Boolean privileged;
    public Boolean readOnlyRootFilesystem;
    public Boolean runAsNonRoot;
    public Long runAsUser;
    public Long runAsGroup;
    public Boolean allowPrivilegeEscalation;
    public String seccompProfile;
    public String seccompLocalhostProfile;
    public String apparmorProfile;
    public String apparmorLocalhostProfile;
    public List<String> allowedBinaries;
  }
}

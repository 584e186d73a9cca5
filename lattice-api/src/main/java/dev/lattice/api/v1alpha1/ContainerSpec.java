package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.fabric8.kubernetes.api.model.IntOrString;
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

  @JsonPropertyDescription("Restart the container when this check fails.")
  public Probe livenessProbe;
  @JsonPropertyDescription("Send traffic only while this check passes.")
  public Probe readinessProbe;
  @JsonPropertyDescription("Hold the other probes until this check first passes.")
  public Probe startupProbe;

  @JsonPropertyDescription("Secret resources whose keys all become environment variables.")
  public List<String> envFrom;

  @JsonPropertyDescription("Security settings; the defaults are hardened.")
  public Security security;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Resources {
    @JsonPropertyDescription("What the scheduler reserves for the container.")
    public Quantities requests;
    @JsonPropertyDescription("The most the container may use (required).")
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
    @JsonPropertyDescription("Text content; may use ${...} templates, including ${secret.<r>.<key>}.")
    public String content;
    @JsonPropertyDescription("Base64-encoded content, mounted as is.")
    public String binaryContent;
    @JsonPropertyDescription("Template source of the content (accepted; derived by a later release).")
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

    @JsonPropertyDescription("Mount content literally, without expanding ${...}.")
    public Boolean noExpand;
    @JsonPropertyDescription("For files whose own syntax uses ${...}: only $${...} is expanded.")
    public Boolean reverseExpand;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class VolumeMount {
    @JsonPropertyDescription("${resources.<volume>} of a volume resource; none means an emptyDir.")
    public String source;

    @JsonPropertyDescription("Sub-path inside the volume.")
    public String path;

    @JsonPropertyDescription("Mount read-only.")
    public Boolean readOnly;

    @JsonPropertyDescription("emptyDir medium, e.g. Memory.")
    public String medium;

    @JsonPropertyDescription("Size limit of a scratch (emptyDir) volume, e.g. 1Gi.")
    public String sizeLimit;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Probe {
    @JsonPropertyDescription("Check with an HTTP GET; success is a 2xx or 3xx answer.")
    public HttpGet httpGet;
    @JsonPropertyDescription("Check by running a command in the container; success is exit status 0.")
    public Exec exec;
    @JsonPropertyDescription("Seconds after start before the first check.")
    public Integer initialDelaySeconds;
    @JsonPropertyDescription("Seconds between checks.")
    public Integer periodSeconds;
    @JsonPropertyDescription("Seconds a check may take.")
    public Integer timeoutSeconds;
    @JsonPropertyDescription("Consecutive successes that count as passing.")
    public Integer successThreshold;
    @JsonPropertyDescription("Consecutive failures that count as failing.")
    public Integer failureThreshold;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HttpGet {
    @JsonPropertyDescription("Path to request, e.g. /healthz (default /).")
    public String path;

    @JsonPropertyDescription("Port number or the name of a service port.")
    public IntOrString port;

    @JsonPropertyDescription("HTTP (default) or HTTPS.")
    public String scheme;
    @JsonPropertyDescription("Host header to send (default: the pod IP).")
    public String host;
    @JsonPropertyDescription("Extra request headers.")
    public List<Header> httpHeaders;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Header {
    @JsonPropertyDescription("Header name.")
    public String name;
    @JsonPropertyDescription("Header value.")
    public String value;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Exec {
    @JsonPropertyDescription("Command to run; the first element is an absolute path.")
    public List<String> command;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Security {
    @JsonPropertyDescription("Linux capabilities to add (each a security override Cedar must permit).")
    public List<String> capabilities;
    @JsonPropertyDescription("Capabilities to drop (default: ALL).")
    public List<String> dropCapabilities;
    @JsonPropertyDescription("Run privileged (a security override).")
    public Boolean privileged;
    @JsonPropertyDescription("Read-only root filesystem (default true; false is a security override).")
    public Boolean readOnlyRootFilesystem;
    @JsonPropertyDescription("Refuse to run as root (default true unless runAsUser is 0).")
    public Boolean runAsNonRoot;
    @JsonPropertyDescription("User id to run as (0 is a security override).")
    public Long runAsUser;
    @JsonPropertyDescription("Group id to run as (0 is a security override).")
    public Long runAsGroup;
    @JsonPropertyDescription("Allow gaining privileges (default: same as privileged).")
    public Boolean allowPrivilegeEscalation;
    @JsonPropertyDescription("RuntimeDefault (default), Localhost or Unconfined.")
    public String seccompProfile;
    @JsonPropertyDescription("Profile name for a Localhost seccomp profile.")
    public String seccompLocalhostProfile;
    @JsonPropertyDescription("RuntimeDefault, Localhost or Unconfined.")
    public String apparmorProfile;
    @JsonPropertyDescription("Profile name for a Localhost AppArmor profile.")
    public String apparmorLocalhostProfile;
    @JsonPropertyDescription("Binaries the container may run besides its command (\"*\" disables the allowlist; a security override).")
    public List<String> allowedBinaries;
  }
}

package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.Derivation;
import dev.lattice.testkit.Specs;
import java.util.ArrayList;
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

/**
 * The catalog of every reason code the engine and the v1alpha1 mapper report: for each, a spec that breaks exactly
 * that rule, the field path the diagnostic names, and the words of its problem and fix. Messages are what users
 * read, so a reworded message fails here and has to be reviewed.
 */
class ValidationCatalogTest {
  /** Reported by others: the engine's own success reasons and the CLI reader's unknown-field warning. */
  private static final Set<Reason> NOT_FROM_VALIDATION = EnumSet.of(Reason.SpecValid, Reason.Derived,
      Reason.UnknownField, Reason.InvalidUnicode, Reason.NamespaceDefaulted, Reason.DeprecatedApiVersion,
      // LatticePackage's own, each with a case in lattice-operator's PackageCatalogTest (they need helm).
      Reason.InvalidChartSource, Reason.ChartVersionNotExact, Reason.ChartRenderFailed, Reason.PackageObjectRejected,
      Reason.SecretReferenceInText,
      // Admission's own (a status write by someone other than the operator): its case is in AdmissionValidatorTest.
      Reason.HatchStatusWriteDenied);

  /** A valid container, for specs that add containers or sidecars. */
  private static final String CONTAINER =
      "{image: ghcr.io/acme/side:1.0.0, command: [\"/bin/side\"], resources: {limits: {cpu: 100m, memory: 64Mi}}}";

  private static final String MAIN = "spec.workload.containers.main";

  static Stream<Case> catalog() {
    List<Case> cases = new ArrayList<>();

    // Metadata
    cases.add(error(Reason.MissingName, "no metadata.name", "metadata: {name: null}")
        .at("metadata.name").says("the service has no name.").fix("Fix: set metadata.name, e.g. name: payments."));
    cases.add(error(Reason.InvalidServiceName, "uppercase and underscore", "metadata: {name: Api_Service}")
        .at("metadata.name").says("'Api_Service' cannot name a Kubernetes Service.")
        .fix("Fix: use lowercase letters, digits and '-'").fix("e.g. api-service."));
    cases.add(error(Reason.InvalidServiceName, "a NUL and a path separator, quoted escaped",
        "metadata: {name: \"a\\0/b\"}")
        .at("metadata.name").says("'a\\u0000/b' cannot name a Kubernetes Service.").fix("e.g. a-b."));
    cases.add(error(Reason.NameTooLong, "a 254-character name", "metadata: {name: " + "a".repeat(254) + "}")
        .at("metadata.name").says("the name has 254 characters ('" + "a".repeat(40) + "...'); it names the "
            + "Kubernetes Service, whose name is a DNS label of at most 63 characters.")
        .fix("Fix: shorten it, e.g. " + "a".repeat(63) + "."));
    cases.add(error(Reason.NameTooLong, "a 64-character namespace", "metadata: {namespace: " + "n".repeat(64) + "}")
        .at("metadata.namespace").says("the namespace has 64 characters ('" + "n".repeat(64) + "'); a "
            + "namespace name is a DNS label of at most 63 characters.").fix("Fix: shorten it, e.g. "));
    cases.add(error(Reason.InvalidNamespace, "a namespace that walks up directories",
        "metadata: {namespace: ../../etc}")
        .at("metadata.namespace").says("'../../etc' is not a valid namespace name.")
        .fix("Fix: use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 "
            + "characters, e.g. etc."));
    cases.add(error(Reason.InvalidNamespace, "an absolute path as namespace", "metadata: {namespace: /dev/null}")
        .at("metadata.namespace").says("'/dev/null' is not a valid namespace name.").fix("e.g. dev-null."));
    cases.add(error(Reason.SystemNamespace, "kube-system", "metadata: {namespace: kube-system}")
        .at("metadata.namespace").says("'kube-system' is a system namespace; workloads cannot be deployed there.")
        .fix("Fix: deploy to your team's namespace instead"));
    cases.add(error(Reason.SystemNamespace, "a Cluster API provider namespace", "metadata: {namespace: capd-system}")
        .at("metadata.namespace").says("'capd-system' is a system namespace").fix("Fix: deploy to your team's"));
    cases.add(error(Reason.InvalidNamespace, "metadata.namespace not a DNS label", "metadata: {namespace: Shop_1}")
        .at("metadata.namespace").says("'Shop_1' is not a valid namespace name.").fix("Fix: use lowercase letters")
        .fix("e.g. shop-1."));
    cases.add(error(Reason.InvalidNamespace, "a resource's namespace",
        "spec: {workload: {resources: {ledger: {type: service, namespace: Finance}}}}")
        .at("spec.workload.resources.ledger.namespace").says("'Finance' is not a valid namespace name.")
        .fix("or remove namespace to mean this service's own."));

    // Workload and containers
    cases.add(error(Reason.MissingWorkload, "no spec.workload", "spec: {workload: null}")
        .at("spec.workload").says("the spec has no workload").fix("Fix: add spec.workload.containers"));
    cases.add(error(Reason.NoContainers, "empty containers", "spec: {workload: {containers: null}}")
        .at("spec.workload.containers").says("the workload has no containers.").fix("Fix: add at least one"));
    cases.add(error(Reason.InvalidName, "container name", "spec: {workload: {containers: {main: null, Main: "
        + CONTAINER + "}}}")
        .at("spec.workload.containers.Main").says("container name 'Main' is not a DNS label.")
        .fix("Fix: use lowercase letters, digits and '-', starting with a letter").fix("e.g. main."));
    cases.add(error(Reason.InvalidName, "port name", "spec: {workload: {service: {ports: {http: null, "
        + "http_alt: {port: 8080}}}}}")
        .at("spec.workload.service.ports.http_alt").says("port name 'http_alt' is not a DNS label.")
        .fix("at most 15 characters, e.g. http-alt."));
    cases.add(error(Reason.InvalidName, "resource name", "spec: {workload: {resources: {Orders: {type: service}}}}")
        .at("spec.workload.resources.Orders").says("resource name 'Orders' is not a DNS label.").fix("e.g. orders."));
    cases.add(error(Reason.InvalidName, "sidecar name", "spec: {sidecars: {Log_Shipper: " + CONTAINER + "}}")
        .at("spec.sidecars.Log_Shipper").says("sidecar name 'Log_Shipper' is not a DNS label.")
        .fix("at most 63 characters, e.g. log-shipper."));
    cases.add(error(Reason.DuplicateContainerName, "sidecar named like a container",
        "spec: {sidecars: {main: " + CONTAINER + "}}")
        .at("spec.sidecars.main")
        .says("sidecar 'main' has the same name as container spec.workload.containers.main")
        .fix("Fix: rename the sidecar, e.g. main-sidecar."));
    cases.add(error(Reason.PortNameTooLong, "16 characters",
        "spec: {workload: {service: {ports: {http: null, http-alternative: {port: 8080}}}}}")
        .at("spec.workload.service.ports.http-alternative")
        .says("port name 'http-alternative' has 16 characters; Kubernetes allows at most 15.")
        .fix("Fix: shorten it, e.g. http, grpc or metrics."));
    cases.add(error(Reason.InvalidImage, "shell metacharacters",
        "spec: {workload: {containers: {main: {image: \"ghcr.io/acme/api:1.0;rm\"}}}}")
        .at(MAIN + ".image").says("'ghcr.io/acme/api:1.0;rm' contains ;, which an image reference cannot have")
        .fix("Fix: set image to a registry reference"));
    cases.add(error(Reason.InvalidImage, "whitespace",
        "spec: {workload: {containers: {main: {image: \"ghcr.io/acme/api:1.0\\tlatest\"}}}}")
        .at(MAIN + ".image").says("'ghcr.io/acme/api:1.0\\tlatest' contains whitespace or control characters")
        .fix("Fix: remove the spaces, tabs or line breaks"));
    cases.add(error(Reason.InvalidImage, "empty", "spec: {workload: {containers: {main: {image: \"\"}}}}")
        .at(MAIN + ".image").says("the container has no image.").fix("Fix: set image to a registry reference"));
    cases.add(error(Reason.InvalidImage, "runtime-supplied '.'", "spec: {workload: {containers: {main: {image: "
        + "\".\"}}}}")
        .at(MAIN + ".image").says("image '.' (supplied at deploy time) is not supported by this release.")
        .fix("Fix: write the image reference in the spec"));
    cases.add(error(Reason.MissingResourceLimits, "requests only",
        "spec: {workload: {containers: {main: {resources: {limits: null, requests: {cpu: 100m}}}}}}")
        .at(MAIN + ".resources.limits").says("container 'main' has no resource limits")
        .fix("Fix: add resources.limits, e.g. limits: {cpu: 500m, memory: 256Mi}."));
    cases.add(error(Reason.MissingResourceLimits, "no resources at all",
        "spec: {workload: {containers: {main: {resources: null}}}}")
        .at(MAIN + ".resources.limits").says("container 'main' has no resource limits")
        .fix("Fix: add resources.limits"));
    cases.add(error(Reason.InvalidCpuQuantity, "fractional millicores",
        "spec: {workload: {containers: {main: {resources: {limits: {cpu: 1.5m}}}}}}")
        .at(MAIN + ".resources.limits.cpu").says("'1.5m' is not a CPU quantity.")
        .fix("Fix: write cores as 100m, 0.5 or 2."));
    cases.add(error(Reason.InvalidMemoryQuantity, "MB is not a unit",
        "spec: {workload: {containers: {main: {resources: {limits: {memory: 256MB}}}}}}")
        .at(MAIN + ".resources.limits.memory").says("'256MB' is not a memory quantity.")
        .fix("Fix: write an integer with a unit, e.g. 256Mi"));
    cases.add(error(Reason.RequestExceedsLimit, "cpu request above limit",
        "spec: {workload: {containers: {main: {resources: {requests: {cpu: \"2\"}}}}}}")
        .at(MAIN + ".resources.requests.cpu").says("the cpu request (2) is larger than its limit (500m)")
        .fix("Fix: lower the request or raise resources.limits.cpu."));
    cases.add(error(Reason.CommandNotAbsolute, "container", "spec: {workload: {containers: {main: {command: "
        + "[\"app\", \"--serve\"]}}}}")
        .at(MAIN + ".command[0]").says("'app' is not an absolute path")
        .fix("Fix: write the binary's absolute path, e.g. /app/server or /bin/sh."));
    cases.add(error(Reason.CommandNotAbsolute, "sidecar",
        "spec: {sidecars: {proxy: {image: ghcr.io/acme/proxy:1, command: [envoy], resources: {limits: {cpu: 100m}}}}}")
        .at("spec.sidecars.proxy.command[0]").says("'envoy' is not an absolute path")
        .fix("Fix: write the binary's absolute path"));
    cases.add(error(Reason.InitSidecarWithoutCommand, "init sidecar",
        "spec: {sidecars: {setup: {image: ghcr.io/acme/setup:1, init: true, resources: {limits: {cpu: 100m}}}}}")
        .at("spec.sidecars.setup.command").says("init sidecar 'setup' has no command")
        .fix("Fix: give it a command with an absolute path, e.g. command: [\"/bin/migrate\"]."));
    cases.add(error(Reason.FileWithoutContent, "mode only",
        "spec: {workload: {containers: {main: {files: {/etc/app/app.conf: {mode: \"0644\"}}}}}}")
        .at(MAIN + ".files./etc/app/app.conf").says("file '/etc/app/app.conf' has no content.")
        .fix("Fix: set exactly one of content"));
    cases.add(error(Reason.ConflictingFileContent, "content and binaryContent",
        "spec: {workload: {containers: {main: {files: {/etc/app/app.conf: {content: a, binaryContent: YQ==}}}}}}")
        .at(MAIN + ".files./etc/app/app.conf").says("file '/etc/app/app.conf' sets content and binaryContent")
        .fix("Fix: keep exactly one of content"));
    cases.add(error(Reason.InvalidFilePath, "relative path",
        "spec: {workload: {containers: {main: {files: {etc/app.conf: {content: a}}}}}}")
        .at(MAIN + ".files.etc/app.conf").says("'etc/app.conf' is not an absolute file path.")
        .fix("Fix: write the full path of the file, e.g. /etc/app/config.yaml."));
    cases.add(error(Reason.InvalidFilePath, "not a ConfigMap key",
        "spec: {workload: {containers: {main: {files: {\"/etc/my app.conf\": {content: a}}}}}}")
        .at(MAIN + ".files./etc/my app.conf").says("it becomes the key 'etc-my app.conf'")
        .fix("Fix: use letters, digits, '-', '_', '.' and '/' only"));
    cases.add(error(Reason.FilePathCollision, "/a/b and /a-b",
        "spec: {workload: {containers: {main: {files: {/a/b: {content: x}, /a-b: {content: y}}}}}}")
        .at(MAIN + ".files./a/b").says("'/a/b' and '/a-b' map to the same ConfigMap key 'a-b'.")
        .fix("Fix: rename one of the files"));
    cases.add(fileMode("world-writable", "0777", "mode '0777' makes the file writable by every user"));
    cases.add(fileMode("world-writable, 3 digits", "666", "mode '666' makes the file writable by every user"));
    cases.add(fileMode("setuid", "4755", "mode '4755' sets the setuid, setgid or sticky bit"));
    cases.add(fileMode("sticky after a leading 0", "01755", "mode '01755' sets the setuid, setgid or sticky bit"));
    cases.add(fileMode("not octal", "0999", "'0999' is not an octal file mode"));
    cases.add(fileMode("too short", "12", "'12' is not a file mode: write 3 or 4 octal digits."));
    cases.add(fileMode("too long", "12345", "'12345' is not a file mode: write 3 or 4 octal digits."));
    cases.add(error(Reason.InvalidFileMode, "unquoted 0644, which YAML reads as 420",
        "spec: {workload: {containers: {main: {files: {/etc/app/app.conf: {content: a, mode: 0644}}}}}}")
        .at(MAIN + ".files./etc/app/app.conf.mode")
        .says("the mode is written as a number, which YAML reads as 420 (an unquoted 0644 becomes 420)")
        .fix("Fix: quote the mode, e.g. mode: \"0644\"."));
    cases.add(error(Reason.InvalidFileMode, "unquoted sidecar mode",
        "spec: {sidecars: {agent: {image: ghcr.io/acme/agent:1, command: [/bin/agent], resources: {limits: "
            + "{cpu: 100m}}, files: {/etc/agent.conf: {content: a, mode: 600}}}}}")
        .at("spec.sidecars.agent.files./etc/agent.conf.mode").says("which YAML reads as 600")
        .fix("Fix: quote the mode"));
    cases.add(error(Reason.InvalidBinaryContent, "not base64",
        "spec: {workload: {containers: {main: {files: {/etc/app/key.bin: {binaryContent: \"%%%\"}}}}}}")
        .at(MAIN + ".files./etc/app/key.bin.binaryContent").says("the value is not valid base64.")
        .fix("Fix: encode the file with base64"));
    cases.add(error(Reason.InvalidMountPath, "relative mount path",
        "spec: {workload: {containers: {main: {volumes: {cache: {}}}}}}")
        .at(MAIN + ".volumes.cache").says("'cache' is not an absolute path.")
        .fix("Fix: write the directory to mount at, e.g. /var/cache/app."));
    cases.add(error(Reason.InvalidMountPath, "a file's path",
        "spec: {workload: {containers: {main: {files: {/etc/app.conf: {content: a}}, volumes: {/etc/app.conf: {}}}}}}")
        .at(MAIN + ".volumes./etc/app.conf").says("'/etc/app.conf' is also the path of a file of this container.")
        .fix("Fix: mount the volume at a directory of its own"));
    cases.add(error(Reason.InvalidVolumeSource, "undeclared resource",
        "spec: {workload: {containers: {main: {volumes: {/data: {source: \"${resources.data}\"}}}}}}")
        .at(MAIN + ".volumes./data.source").says("'${resources.data}' does not name a volume resource of this service.")
        .fix("Fix: write ${resources.<name>} for a type: volume resource"));
    cases.add(error(Reason.InvalidProbe, "neither httpGet nor exec",
        "spec: {workload: {containers: {main: {readinessProbe: {periodSeconds: 5}}}}}")
        .at(MAIN + ".readinessProbe").says("a probe needs exactly one of httpGet or exec.")
        .fix("Fix: use httpGet: {path: /healthz, port: http}"));
    cases.add(error(Reason.InvalidProbe, "on an init sidecar",
        "spec: {sidecars: {migrate: {init: true, image: ghcr.io/acme/migrate:1.0.0, command: [\"/bin/migrate\"], "
            + "resources: {limits: {cpu: 100m}}, readinessProbe: {exec: {command: [\"/bin/ready\"]}}}}}")
        .at("spec.sidecars.migrate.readinessProbe")
        .says("init sidecar 'migrate' has a readinessProbe; init containers run to completion and cannot be probed.")
        .fix("Fix: remove readinessProbe, or drop init: true"));
    cases.add(error(Reason.InvalidProbe, "header name",
        "spec: {workload: {containers: {main: {livenessProbe: {httpGet: {path: /, port: http, "
            + "httpHeaders: [{name: \"X Probe\", value: \"1\"}]}}}}}}")
        .at(MAIN + ".livenessProbe.httpGet.httpHeaders").says("'X Probe' is not an HTTP header name.")
        .fix("Fix: name each header with letters, digits"));
    cases.add(error(Reason.InvalidProbe, "negative timing",
        "spec: {workload: {containers: {main: {livenessProbe: {exec: {command: [\"/bin/check\"]}, "
            + "periodSeconds: -5}}}}}")
        .at(MAIN + ".livenessProbe.periodSeconds").says("periodSeconds is -5; it cannot be negative.")
        .fix("Fix: set periodSeconds to 0 or more"));
    cases.add(error(Reason.ProbePortUnknown, "unknown port name",
        "spec: {workload: {containers: {main: {readinessProbe: {httpGet: {path: /healthz, port: admin}}}}}}")
        .at(MAIN + ".readinessProbe.httpGet.port")
        .says("'admin' is neither a port number nor a port of spec.workload.service.ports [http].")
        .fix("Fix: set port to the container port number or to the name of a service port."));
    cases.add(error(Reason.ProbePortUnknown, "a number too large for an int",
        "spec: {workload: {containers: {main: {startupProbe: {httpGet: {path: /, port: \"99999999999\"}}}}}}")
        .at(MAIN + ".startupProbe.httpGet.port").says("99999999999 is not a port number from 1 to 65535.")
        .fix("Fix: set port to the container port number"));
    cases.add(error(Reason.EnvFromNotASecret, "undeclared", "spec: {workload: {containers: {main: {envFrom: [db]}}}}")
        .at(MAIN + ".envFrom[0]").says("'db' is not a secret resource of this service.")
        .fix("Fix: list the names of type: secret resources under spec.workload.resources."));
    cases.add(error(Reason.EnvFromNotASecret, "one secret resource, not close",
        "spec: {workload: {containers: {main: {envFrom: [stripe]}}, "
            + "resources: {stripe-key: {type: secret, id: shop/stripe, params: {provider: vault}}}}}")
        .at(MAIN + ".envFrom[0]").says("'stripe' is not a secret resource of this service; the only valid one is "
            + "'stripe-key'.")
        .fix("Fix: list the names of type: secret resources under spec.workload.resources."));
    cases.add(error(Reason.EnvFromNotASecret, "a misspelt secret resource",
        "spec: {workload: {containers: {main: {envFrom: [strpe-key]}}, "
            + "resources: {stripe-key: {type: secret, id: shop/stripe, params: {provider: vault}}}}}")
        .at(MAIN + ".envFrom[0]").says("'strpe-key' is not a secret resource of this service; did you mean "
            + "'stripe-key'?")
        .fix("Fix: list the names of type: secret resources under spec.workload.resources."));
    cases.add(error(Reason.ProbePortUnknown, "a misspelt port name",
        "spec: {workload: {containers: {main: {readinessProbe: {httpGet: {path: /healthz, port: htp}}}}}}")
        .at(MAIN + ".readinessProbe.httpGet.port")
        .says("'htp' is neither a port number nor a port of spec.workload.service.ports [http]; did you mean "
            + "'http'?")
        .fix("Fix: set port to the container port number or to the name of a service port."));
    cases.add(error(Reason.EnvFromNotASecret, "a service resource",
        "spec: {workload: {containers: {main: {envFrom: [orders]}}, resources: {orders: {type: service}}}}")
        .at(MAIN + ".envFrom[0]").says("'orders' is not a secret resource of this service (it is of type service).")
        .fix("Fix: list the names of type: secret resources"));
    cases.add(error(Reason.InvalidVariableName, "starts with a digit",
        "spec: {workload: {containers: {main: {variables: {1PORT: \"80\"}}}}}")
        .at(MAIN + ".variables.1PORT").says("'1PORT' is not a valid environment variable name")
        .fix("Fix: use letters, digits, '_', '-' and '.', not starting with a digit, e.g. DATABASE_URL."));
    cases.add(error(Reason.InvalidSecurityProfile, "unknown seccomp type",
        "spec: {workload: {containers: {main: {security: {seccompProfile: Strict}}}}}")
        .at(MAIN + ".security.seccompProfile").says("'Strict' is not a seccomp profile type.")
        .fix("Fix: use RuntimeDefault (the default), Localhost (with seccompLocalhostProfile) or Unconfined."));
    cases.add(error(Reason.InvalidSecurityProfile, "Localhost without a profile",
        "spec: {workload: {containers: {main: {security: {apparmorProfile: Localhost}}}}}")
        .at(MAIN + ".security.apparmorProfile").says("a Localhost apparmor profile needs the profile's name.")
        .fix("Fix: set security.apparmorLocalhostProfile"));

    // Ports
    cases.add(error(Reason.InvalidPort, "port 0", "spec: {workload: {service: {ports: {http: {port: 0}}}}}")
        .at("spec.workload.service.ports.http.port").says("the port is missing or 0.")
        .fix("Fix: set port to a number from 1 to 65535, e.g. port: 8080."));
    cases.add(error(Reason.InvalidPort, "targetPort 0",
        "spec: {workload: {service: {ports: {http: {port: 80, targetPort: 0}}}}}")
        .at("spec.workload.service.ports.http.targetPort").says("0 is not a port number.")
        .fix("Fix: set targetPort to the container's port"));
    cases.add(error(Reason.InvalidPort, "above 65535", "spec: {workload: {service: {ports: {http: {port: 70000}}}}}")
        .at("spec.workload.service.ports.http.port").says("70000 is not a port number.")
        .fix("Fix: set port to a number from 1 to 65535"));
    cases.add(error(Reason.DuplicatePort, "two ports on 8080",
        "spec: {workload: {service: {ports: {web: {port: 8080}}}}}")
        .at("spec.workload.service.ports.web.port")
        .says("port 8080 is also used by port 'http'; a Service cannot expose one number twice.")
        .fix("Fix: give each port its own number, e.g. port: 8081."));
    cases.add(error(Reason.InvalidProtocol, "HTTP is not a protocol",
        "spec: {workload: {service: {ports: {http: {protocol: HTTP}}}}}")
        .at("spec.workload.service.ports.http.protocol").says("'HTTP' is not a protocol Kubernetes services support.")
        .fix("Fix: use TCP (the default), UDP or SCTP."));

    // Replicas, autoscaling, rollout
    cases.add(error(Reason.InvalidReplicas, "negative", "spec: {replicas: -1}")
        .at("spec.replicas").says("-1 is not a replica count.").fix("Fix: set replicas to 0 or more"));
    cases.add(error(Reason.InvalidReplicas, "autoscaling max 0 with replicas 0",
        "spec: {replicas: 0, autoscaling: {max: 0}}")
        .at("spec.autoscaling.max").says("max is 0; an autoscaler needs a maximum of at least 1 replica.")
        .fix("Fix: set spec.autoscaling.max to the most replicas the service may scale to"));
    cases.add(error(Reason.ReplicasExceedMax, "10 > 5", "spec: {replicas: 10, autoscaling: {max: 5}}")
        .at("spec.replicas").says("replicas (10) is more than spec.autoscaling.max (5).")
        .fix("Fix: lower replicas (it is the autoscaler's minimum) or raise spec.autoscaling.max to at least 10."));
    cases.add(error(Reason.ReplicasExceedMax, "explicit max 0", "spec: {autoscaling: {max: 0}}")
        .at("spec.replicas").says("replicas (1) is more than spec.autoscaling.max (0).")
        .fix("raise spec.autoscaling.max to at least 1."));
    cases.add(error(Reason.AutoscalingMaxMissing, "metrics without max",
        "spec: {replicas: 3, autoscaling: {metrics: [{metric: cpu, target: 70}]}}")
        .at("spec.autoscaling.max").says("autoscaling is set but has no max.")
        .fix("Fix: set spec.autoscaling.max to the most replicas the service may scale to, e.g. max: 10."));
    cases.add(error(Reason.InvalidMetricTarget, "cpu above 100",
        "spec: {autoscaling: {max: 4, metrics: [{metric: cpu, target: 120}]}}")
        .at("spec.autoscaling.metrics[0].target").says("cpu target 120 is above 100%")
        .fix("Fix: set a utilisation percentage from 1 to 100, e.g. target: 70."));
    cases.add(error(Reason.InvalidMetricTarget, "memory target 0",
        "spec: {autoscaling: {max: 4, metrics: [{metric: memory, target: 0}]}}")
        .at("spec.autoscaling.metrics[0].target").says("the target of memory is missing or 0; it must be greater than 0.")
        .fix("Fix: set a utilisation percentage, e.g. target: 70."));
    cases.add(error(Reason.InvalidMetricTarget, "negative custom target",
        "spec: {autoscaling: {max: 4, metrics: [{metric: queue_depth, target: -2.5}]}}")
        .at("spec.autoscaling.metrics[0].target").says("the target of queue_depth is -2.5; it must be a number greater")
        .fix("Fix: set the per-pod value to scale at, e.g. target: 100."));
    cases.add(error(Reason.InvalidMetricName, "hyphen",
        "spec: {autoscaling: {max: 4, metrics: [{metric: http-requests, target: 100}]}}")
        .at("spec.autoscaling.metrics[0].metric").says("'http-requests' is not cpu, memory or a Prometheus metric name.")
        .fix("Fix: use cpu, memory or a metric name made of letters, digits, '_' and ':'"));
    cases.add(error(Reason.InvalidDeployStrategy, "blue-green", "spec: {deploy: {strategy: blue-green}}")
        .at("spec.deploy.strategy").says("'blue-green' is not a deploy strategy.")
        .fix("Fix: use rolling (the default) or canary."));

    // Resources
    cases.add(error(Reason.InvalidResourceType, "uppercase type",
        "spec: {workload: {resources: {db: {type: Postgres}}}}")
        .at("spec.workload.resources.db.type").says("'Postgres' is not a resource type.")
        .fix("Fix: use service, external-service, secret, volume or gpu"));
    cases.add(error(Reason.InvalidResourceType, "a typo of a built-in type",
        "spec: {workload: {resources: {db: {type: secert, id: shop/db}}}}")
        .at("spec.workload.resources.db.type").says("'secert' is not a resource type; did you mean 'secret'?")
        .fix("Fix: write type: secret."));
    cases.add(error(Reason.InvalidDirection, "upstream",
        "spec: {workload: {resources: {orders: {type: service, direction: upstream}}}}")
        .at("spec.workload.resources.orders.direction").says("'upstream' is not a direction.")
        .fix("Fix: use outbound (this service calls it, the default), inbound"));
    cases.add(error(Reason.InvalidVolumeId, "51 characters",
        "spec: {workload: {resources: {data: {type: volume, id: " + "v".repeat(51) + ", params: {size: 1Gi}}}}}")
        .at("spec.workload.resources.data.id").says("has 51 characters; at most 50 are allowed")
        .fix("at most 50 characters, e.g. id: " + "v".repeat(50) + "."));
    cases.add(error(Reason.InvalidVolumeId, "not a DNS label",
        "spec: {workload: {resources: {data: {type: volume, id: Shared_Data}}}}")
        .at("spec.workload.resources.data.id").says("volume id 'Shared_Data' is not a DNS label.")
        .fix("Fix: use lowercase letters").fix("e.g. id: shared-data."));
    cases.add(error(Reason.SecretProviderMissing, "no provider",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db}}}}")
        .at("spec.workload.resources.db.params.provider").says("secret resource 'db' names no provider")
        .fix("Fix: set params.provider to the name of a SecretProvider"));
    cases.add(error(Reason.InvalidSecretProvider, "not a store name",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: My_Vault}}}}}")
        .at("spec.workload.resources.db.params.provider")
        .says("'My_Vault' cannot name a secret store: store names are lowercase DNS names.")
        .fix("Fix: use the store's name as your platform team gave it, e.g. provider: vault"));
    cases.add(error(Reason.SecretProviderNotFound, "a typo of an existing provider",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: valt}}}}}")
        .secretProviders("vault", "aws-sm")
        .at("spec.workload.resources.db.params.provider")
        .says("secret resource 'db' names provider 'valt', but the platform has no SecretProvider of that name (it "
            + "has 'aws-sm' and 'vault'); did you mean 'vault'?")
        .fix("Fix: name one of the SecretProviders, or ask the platform team for a SecretProvider named 'valt'."));
    cases.add(error(Reason.SecretProviderNotFound, "a platform without SecretProviders",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}")
        .secretProviders()
        .at("spec.workload.resources.db.params.provider")
        .says("secret resource 'db' names provider 'vault', but the platform has no SecretProvider of that name (it "
            + "has none).")
        .fix("Fix: ask the platform team for a SecretProvider named 'vault'."));
    cases.add(error(Reason.QuotaExceeded, "a namespace quota used up by a service before it in name order",
        "spec: {workload: {containers: {main: {resources: {requests: {cpu: 500m}}}}}}")
        .with(Derivations.service("aaa", "spec: {replicas: 2}"))
        .quota(new dev.lattice.engine.quota.Quota("shop-cpu", "platform@example.com",
            new dev.lattice.engine.quota.Quota.Selector(dev.lattice.engine.quota.Quota.Scope.NAMESPACE, "shop"),
            java.util.Map.of(dev.lattice.engine.quota.QuotaResource.CPU, java.math.BigDecimal.ONE), java.util.Map.of()))
        .at("spec.workload.containers")
        .says("service shop/api asks for 500m cpu (500m per replica x 1 replica), but LatticeQuota shop-cpu "
            + "(namespace shop) has 0 cpu left of 1 (services before it in namespace/name order use the rest).")
        .fix("Fix: lower the cpu requests (resources.requests.cpu) or the replicas (spec.replicas, or "
            + "spec.autoscaling.max), or ask the quota's owner platform@example.com to raise spec.limits.cpu of "
            + "LatticeQuota shop-cpu."));
    cases.add(error(Reason.QuotaExceeded, "an autoscaled service over the team's per-workload cap",
        "spec: {autoscaling: {max: 5}}")
        .quota(new dev.lattice.engine.quota.Quota("shop-team", "platform@example.com",
            new dev.lattice.engine.quota.Quota.Selector(dev.lattice.engine.quota.Quota.Scope.TEAM, "shop"),
            java.util.Map.of(), java.util.Map.of(dev.lattice.engine.quota.QuotaResource.REPLICAS,
                java.math.BigDecimal.valueOf(4))))
        .at("spec.replicas")
        .says("service shop/api asks for 5 replicas, but LatticeQuota shop-team (team shop) allows one workload at "
            + "most 4 replicas.")
        .fix("Fix: lower spec.replicas (or spec.autoscaling.max, which counts for autoscaled services), or ask the "
            + "quota's owner platform@example.com to raise spec.perWorkload.replicas of LatticeQuota shop-team."));
    cases.add(error(Reason.SecretIdMissing, "no id",
        "spec: {workload: {resources: {db: {type: secret, params: {provider: vault}}}}}")
        .at("spec.workload.resources.db.id").says("secret resource 'db' has no id")
        .fix("Fix: set id to the secret's key in your secret store, e.g. id: db/credentials."));
    cases.add(error(Reason.InvalidSecretKeys, "empty list",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, keys: []}}}}}")
        .at("spec.workload.resources.db.params.keys").says("keys must be a non-empty list of key names.")
        .fix("Fix: list the keys to fetch, e.g. keys: [username, password]"));
    cases.add(error(Reason.InvalidSecretKeys, "not Secret keys",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
            + "keys: [\"api key\", password]}}}}}")
        .at("spec.workload.resources.db.params.keys").says("keys [api key] cannot be keys of a Kubernetes Secret.")
        .fix("Fix: use letters, digits, '-', '_' and '.' only"));
    cases.add(error(Reason.InvalidSecretType, "unknown type",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
            + "secretType: kubernetes.io/magic}}}}}")
        .at("spec.workload.resources.db.params.secretType").says("'kubernetes.io/magic' is not a Kubernetes secret type.")
        .fix("Fix: use one of Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson"));
    cases.add(error(Reason.InvalidRefreshInterval, "days",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
            + "refreshInterval: 1d}}}}}")
        .at("spec.workload.resources.db.params.refreshInterval")
        .says("'1d' is not a duration in hours, minutes and seconds.")
        .fix("Fix: write it like 1h, 30m or 1h30m (only h, m and s units)."));
    cases.add(error(Reason.InvalidRefreshInterval, "no unit",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
            + "refreshInterval: \"60\"}}}}}")
        .at("spec.workload.resources.db.params.refreshInterval").says("'60' is not a duration")
        .fix("Fix: write it like 1h"));
    cases.add(error(Reason.ExternalEndpointsMissing, "no params",
        "spec: {workload: {resources: {stripe: {type: external-service}}}}")
        .at("spec.workload.resources.stripe.params.endpoints")
        .says("external-service resource 'stripe' lists no endpoints.")
        .fix("Fix: add params.endpoints, e.g. endpoints: {api: \"https://api.example.com\"}."));
    cases.add(error(Reason.InvalidEndpointUrl, "unknown network entity",
        "spec: {workload: {resources: {net: {type: external-service, id: \"entity:internet\"}}}}")
        .at("spec.workload.resources.net.id").says("'entity:internet' does not name a network entity")
        .fix("Fix: write entity:<name> or entity:<name>:<port> with one of world, cluster"));
    cases.add(endpoint("unsupported scheme", "ftp://files.example.com",
        "endpoint 'api' uses scheme 'ftp', which external services do not support.",
        "Fix: use https, http, tcp, udp or grpc"));
    cases.add(endpoint("tcp without port", "tcp://db.example.com",
        "endpoint 'api' ('tcp://db.example.com') has no port; tcp endpoints have no default port.",
        "Fix: add the port, e.g. tcp://db.example.com:5432."));
    cases.add(endpoint("bare host", "api.example.com",
        "endpoint 'api' ('api.example.com') has neither a scheme nor a port.",
        "Fix: write https://api.example.com for HTTPS (port 443), or api.example.com:<port> for plain TCP."));
    cases.add(endpoint("port out of range", "https://api.example.com:70000",
        "has port '70000', which is not a port from 1 to 65535.", "Fix: write a port number from 1 to 65535"));
    cases.add(endpoint("bad host", "https://api_example!com", "has host 'api_example!com', which is not a host name",
        "Fix: write https://host, http://host, tcp://host:port"));
    cases.add(endpoint("credentials in the URL", "https://app:hunter2@api.example.com",
        "the URL of endpoint 'api' contains credentials", "Fix: remove the credentials from the URL")
        .never("hunter2"));
    cases.add(error(Reason.GpuCountMissing, "count 0",
        "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 0}}}}}")
        .at("spec.workload.resources.gpu.params.count").says("count 0 is not a whole number of GPUs of at least 1.")
        .fix("Fix: set params.count to the number of GPUs each pod needs, e.g. count: 1."));
    cases.add(error(Reason.GpuCountMissing, "no params", "spec: {workload: {resources: {gpu: {type: gpu}}}}")
        .at("spec.workload.resources.gpu.params.count").says("gpu resource 'gpu' has no count.")
        .fix("Fix: set params.count"));
    cases.add(error(Reason.InvalidGpuCompute, "above 100",
        "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1, compute: 150}}}}}")
        .at("spec.workload.resources.gpu.params.compute").says("compute 150 is not a percentage of one GPU from 1 to 100.")
        .fix("Fix: set compute to a whole percentage from 1 to 100"));
    cases.add(error(Reason.InvalidGpuMemory, "GB suffix",
        "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1, memory: 20GB}}}}}")
        .at("spec.workload.resources.gpu.params.memory").says("'20GB' is not a GPU memory size.")
        .fix("Fix: write whole Gi or Mi, e.g. memory: 20Gi"));
    cases.add(error(Reason.InvalidGpuMemory, "above 1Pi",
        "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1, memory: 9999999999Gi}}}}}")
        .at("spec.workload.resources.gpu.params.memory").says("'9999999999Gi' is more GPU memory than the 1Pi limit.")
        .fix("Fix: write whole Gi or Mi"));
    cases.add(error(Reason.InvalidGpuModel, "model with a space",
        "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1, model: \"NVIDIA A100\"}}}}}")
        .at("spec.workload.resources.gpu.params.model")
        .says("model 'NVIDIA A100' is not a value the node label nvidia.com/gpu.product can have.")
        .fix("Fix: write the label value of the GPU nodes, e.g. model: NVIDIA-A100-SXM4-80GB (at most 63 letters, "
            + "digits, '-', '_' or '.', starting and ending with a letter or digit), or remove model to take any "
            + "GPU."));
    cases.add(error(Reason.InvalidVolumeSize, "volume size",
        "spec: {workload: {resources: {data: {type: volume, params: {size: ten}}}}}")
        .at("spec.workload.resources.data.params.size").says("'ten' is not a storage size.")
        .fix("Fix: write an integer with a unit, e.g. 10Gi or 500Mi."));
    cases.add(error(Reason.InvalidVolumeSize, "scratch sizeLimit",
        "spec: {workload: {containers: {main: {volumes: {/tmp: {sizeLimit: 1GB}}}}}}")
        .at(MAIN + ".volumes./tmp.sizeLimit").says("'1GB' is not a storage size.")
        .fix("Fix: write an integer with a unit, e.g. 512Mi or 1Gi, or remove sizeLimit."));
    cases.add(error(Reason.InvalidAccessMode, "unknown mode",
        "spec: {workload: {resources: {data: {type: volume, params: {size: 1Gi, accessMode: ReadWriteSometimes}}}}}")
        .at("spec.workload.resources.data.params.accessMode").says("'ReadWriteSometimes' is not a volume access mode.")
        .fix("Fix: use ReadWriteOnce (the default), ReadWriteMany"));

    // Templates
    cases.add(error(Reason.TemplateSyntax, "unclosed ${",
        "spec: {workload: {containers: {main: {variables: {ORDERS: \"${resources.orders.url\"}}}}}")
        .at(MAIN + ".variables.ORDERS").says("'${resources.orders.url' opens a reference that is never closed.")
        .fix("Fix: close every ${ with }, or write $${ for a literal ${."));
    cases.add(error(Reason.TemplateSyntax, "unclosed $${ with reverseExpand",
        "spec: {workload: {containers: {main: {files: {/etc/run.sh: {reverseExpand: true, content: \"echo ${HOME} "
            + "$${metadata.name\"}}}}}}")
        .at(MAIN + ".files./etc/run.sh.content").says("'$${metadata.name' opens a reference that is never closed.")
        .fix("Fix: close every $${ with } (with reverseExpand, $${...} is a reference and ${ stays literal)."));
    cases.add(error(Reason.DependencyPortUnknown, "port of a service not in the fleet",
        "spec: {workload: {containers: {main: {variables: {ORDERS_PORT: \"${resources.orders.port}\"}}}, "
            + "resources: {orders: {type: service}}}}")
        .at(MAIN + ".variables.ORDERS_PORT")
        .says("'${resources.orders.port}' needs the port of service shop/orders, which is not among the services given"
            + " to Lattice.")
        .fix("Fix: check the resource's id and namespace, derive it together with shop/orders"));
    cases.add(error(Reason.DependencyPortUnknown, "port of a service without ports",
        "spec: {workload: {containers: {main: {variables: {ORDERS_URL: \"${resources.orders.url}\"}}}, "
            + "resources: {orders: {type: service}}}}")
        .with(Derivations.service("orders", "spec: {workload: {service: null}}"))
        .at(MAIN + ".variables.ORDERS_URL")
        .says("'${resources.orders.url}' needs the port of service shop/orders, which exposes no ports.")
        .fix("Fix: ask the owners of shop/orders to declare spec.workload.service.ports"));
    cases.add(error(Reason.TemplateUnresolved, "undeclared resource",
        "spec: {workload: {containers: {main: {variables: {DB_HOST: \"${resources.db.host}\"}}}}}")
        .at(MAIN + ".variables.DB_HOST")
        .says("'${resources.db.host}' refers to resource 'db', which spec.workload.resources does not declare.")
        .fix("Fix: declare it under spec.workload.resources"));
    cases.add(error(Reason.TemplateUnresolved, "a misspelt resource",
        "spec: {workload: {containers: {main: {variables: {URL: \"${resources.ordrs.url}\"}}}, "
            + "resources: {orders: {type: service}}}}")
        .with(Derivations.service("orders", ""))
        .at(MAIN + ".variables.URL")
        .says("'${resources.ordrs.url}' refers to resource 'ordrs', which spec.workload.resources does not declare; "
            + "did you mean '${resources.orders.url}'? Fix: write 'orders' for 'ordrs', or declare 'ordrs' under "
            + "spec.workload.resources.")
        .fix("Fix: write 'orders' for 'ordrs'"));
    cases.add(error(Reason.TemplateUnresolved, "an undeclared resource among a few",
        "spec: {workload: {containers: {main: {variables: {URL: \"${resources.billing.url}\"}}}, "
            + "resources: {orders: {type: service}}}}")
        .with(Derivations.service("orders", ""))
        .at(MAIN + ".variables.URL")
        .says("'${resources.billing.url}' refers to resource 'billing', which spec.workload.resources does not "
            + "declare. It declares 'orders'.")
        .fix("Fix: declare it under spec.workload.resources"));
    cases.add(error(Reason.TemplateUnresolved, "a misspelt root",
        "spec: {workload: {containers: {main: {variables: {NAME: \"${metdata.name}\"}}}}}")
        .at(MAIN + ".variables.NAME")
        .says("'${metdata.name}' is not a reference Lattice knows; did you mean '${metadata.name}'?")
        .fix("Fix: use one of ${metadata.name}"));
    cases.add(error(Reason.SecretReferenceUnknownKey, "a misspelt key",
        "spec: {workload: {containers: {main: {variables: {KEY: \"${secret.stripe-key.api-kye}\"}}}, "
            + "resources: {stripe-key: {type: secret, id: shop/stripe, params: {provider: vault, keys: [api-key]}}}}}")
        .at(MAIN + ".variables.KEY")
        .says("'${secret.stripe-key.api-kye}' uses key 'api-kye', which secret resource 'stripe-key' does not list "
            + "in params.keys [api-key]; did you mean 'api-key'?")
        .fix("Fix: write '${secret.stripe-key.api-key}', or add 'api-kye' to "
            + "spec.workload.resources.stripe-key.params.keys."));
    cases.add(error(Reason.SecretReferenceUnknownResource, "a misspelt secret resource",
        "spec: {workload: {containers: {main: {variables: {KEY: \"${secret.strpe-key.api-key}\"}}}, "
            + "resources: {stripe-key: {type: secret, id: shop/stripe, params: {provider: vault}}}}}")
        .at(MAIN + ".variables.KEY")
        .says("'${secret.strpe-key.api-key}' refers to 'strpe-key', which is not a secret resource of this service; "
            + "did you mean '${secret.stripe-key.api-key}'?")
        .fix("Fix: write 'stripe-key' for 'strpe-key', or declare 'strpe-key' under spec.workload.resources with "
            + "type: secret, an id and params.provider."));
    cases.add(error(Reason.SecretReferenceUnknownResource, "a resource of another type",
        "spec: {workload: {containers: {main: {variables: {KEY: \"${secret.cache.token}\"}}}, "
            + "resources: {cache: {type: volume}}}}")
        .at(MAIN + ".variables.KEY")
        .says("'${secret.cache.token}' refers to 'cache', which is a resource of type 'volume', not a secret "
            + "resource.")
        .fix("Fix: give spec.workload.resources.cache type: secret (with an id and params.provider), or reference a "
            + "secret resource."));
    cases.add(error(Reason.TemplateUnresolved, "unknown reference",
        "spec: {workload: {containers: {main: {variables: {REGION: \"${cluster.region}\"}}}}}")
        .at(MAIN + ".variables.REGION").says("'${cluster.region}' is not a reference Lattice knows.")
        .fix("Fix: use one of ${metadata.name}"));
    cases.add(error(Reason.SecretReferenceUnknownResource, "undeclared secret",
        "spec: {workload: {containers: {main: {variables: {DB_PASSWORD: \"${secret.db.password}\"}}}}}")
        .at(MAIN + ".variables.DB_PASSWORD")
        .says("'${secret.db.password}' refers to 'db', which is not a secret resource of this service.")
        .fix("Fix: declare it under spec.workload.resources with type: secret, an id and params.provider."));
    cases.add(error(Reason.SecretReferenceUnknownKey, "key not listed",
        "spec: {workload: {containers: {main: {variables: {DB_PASSWORD: \"${secret.db.password}\"}}}, "
            + "resources: {db: {type: secret, id: shop/db, params: {provider: vault, keys: [username]}}}}}")
        .at(MAIN + ".variables.DB_PASSWORD")
        .says("'${secret.db.password}' uses key 'password', which secret resource 'db' does not list in params.keys "
            + "[username].")
        .fix("Fix: add 'password' to spec.workload.resources.db.params.keys"));
    cases.add(error(Reason.SecretReferenceUnknownKey, "not a Secret key",
        "spec: {workload: {containers: {main: {variables: {KEY: \"${secret.db.api key}\"}}}, "
            + "resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}")
        .at(MAIN + ".variables.KEY").says("uses key 'api key', which cannot be a key of a Kubernetes Secret.")
        .fix("Fix: use the key as the secret store has it"));
    cases.add(error(Reason.SecretReferenceNotAllowed, "two providers in one value",
        "spec: {workload: {containers: {main: {variables: {DSN: \"${secret.a.user}:${secret.b.pass}\"}}}, "
            + "resources: {a: {type: secret, id: x/a, params: {provider: vault}}, "
            + "b: {type: secret, id: x/b, params: {provider: aws}}}}}")
        .at(MAIN + ".variables.DSN").says("one value mixes secrets from several providers [aws, vault]")
        .fix("Fix: split the value into one variable or file per provider."));

    // Ingress and observability
    String route = "spec: {ingress: {routes: {public: ";
    cases.add(error(Reason.InvalidRouteKind, "unknown kind", route + "{kind: Route, hosts: [shop.example.com]}}}}")
        .at("spec.ingress.routes.public.kind").says("'Route' is not a route kind.")
        .fix("Fix: use HTTPRoute (the default), GRPCRoute or TCPRoute."));
    cases.add(error(Reason.RouteHostsMissing, "no hosts", route + "{}}}}")
        .at("spec.ingress.routes.public.hosts").says("the route lists no hosts.")
        .fix("Fix: list the host names it serves, e.g. hosts: [shop.example.com]."));
    cases.add(error(Reason.InvalidHost, "underscore", route + "{hosts: [shop_example.com]}}}}")
        .at("spec.ingress.routes.public.hosts[0]").says("'shop_example.com' is not a host name.")
        .fix("Fix: write a lowercase DNS name such as shop.example.com"));
    cases.add(error(Reason.InvalidHost, "17 hosts", route + "{hosts: [a.io, b.io, c.io, d.io, e.io, f.io, g.io, h.io, "
        + "i.io, j.io, k.io, l.io, m.io, n.io, o.io, p.io, q.io]}}}}")
        .at("spec.ingress.routes.public.hosts").says("the route lists 17 hosts; a Gateway API route takes at most 16.")
        .fix("Fix: split the hosts over several routes"));
    cases.add(error(Reason.RoutePortRequired, "several ports",
        "spec: {workload: {service: {ports: {metrics: {port: 9090}}}}, ingress: {routes: {public: "
            + "{hosts: [shop.example.com]}}}}")
        .at("spec.ingress.routes.public.port")
        .says("the service has several ports [http, metrics], so the route must say which one it serves.")
        .fix("Fix: set port to one of [http, metrics]."));
    cases.add(error(Reason.RoutePortRequired, "TCPRoute without listenPort",
        route + "{kind: TCPRoute, port: http}}}}")
        .at("spec.ingress.routes.public.listenPort").says("a TCPRoute needs the port the gateway listens on.")
        .fix("Fix: set listenPort, e.g. listenPort: 5432."));
    cases.add(error(Reason.RoutePortUnknown, "unknown port", route + "{hosts: [shop.example.com], port: admin}}}}")
        .at("spec.ingress.routes.public.port").says("'admin' is not a port of spec.workload.service.ports [http].")
        .fix("Fix: name one of the service's ports."));
    cases.add(error(Reason.InvalidRouteMatch, "unknown path type",
        route + "{hosts: [shop.example.com], rules: [{matches: [{path: {type: Regex, value: /api}}]}]}}}}")
        .at("spec.ingress.routes.public.rules[0].matches[0].path.type").says("'Regex' is not a path match type.")
        .fix("Fix: use PathPrefix (the default) or Exact."));
    String match = "spec.ingress.routes.public.rules[0].matches[0]";
    cases.add(error(Reason.InvalidRouteMatch, "path the Gateway API refuses",
        route + "{hosts: [shop.example.com], rules: [{matches: [{path: {value: /a//b}}]}]}}}}")
        .at(match + ".path.value").says("'/a//b' is not a path a Gateway accepts")
        .fix("Fix: write a normalised path such as /api/v1."));
    cases.add(error(Reason.InvalidRouteMatch, "lower-case method",
        route + "{hosts: [shop.example.com], rules: [{matches: [{method: get}]}]}}}}")
        .at(match + ".method").says("'get' is not an HTTP method a route can match.")
        .fix("Fix: use one of GET, HEAD, POST"));
    cases.add(error(Reason.InvalidRouteMatch, "header name",
        route + "{hosts: [shop.example.com], rules: [{matches: [{headers: [{name: \"x canary\", value: \"1\"}]}]}]}}}}")
        .at(match + ".headers[0].name").says("'x canary' is not an HTTP header name.")
        .fix("Fix: use letters, digits and"));
    cases.add(error(Reason.InvalidRouteMatch, "empty header value",
        route + "{hosts: [shop.example.com], rules: [{matches: [{headers: [{name: x-canary, value: \"\"}]}]}]}}}}")
        .at(match + ".headers[0].value").says("the header value is empty.")
        .fix("Fix: match on a value of 1 to 4096 characters"));
    cases.add(error(Reason.InvalidRouteMatch, "header matched twice",
        route + "{hosts: [shop.example.com], rules: [{matches: [{headers: [{name: x-a, value: \"1\"}, "
            + "{name: X-A, value: \"2\"}]}]}]}}}}")
        .at(match + ".headers[1].name").says("header 'X-A' is matched twice in one match.")
        .fix("Fix: match each header once"));
    cases.add(error(Reason.InvalidRouteMatch, "grpcMethod on an HTTPRoute",
        route + "{hosts: [shop.example.com], rules: [{matches: [{grpcMethod: {service: acme.Orders}}]}]}}}}")
        .at(match + ".grpcMethod").says("only a GRPCRoute matches on grpcMethod.")
        .fix("Fix: set kind: GRPCRoute"));
    cases.add(error(Reason.InvalidRouteMatch, "grpcMethod with an unknown field",
        route + "{kind: GRPCRoute, hosts: [shop.example.com], rules: [{matches: [{grpcMethod: {serivce: x}}]}]}}}}")
        .at(match + ".grpcMethod").says("grpcMethod has unknown fields [serivce].")
        .fix("Fix: use service, method and type"));
    cases.add(error(Reason.InvalidRouteMatch, "grpcMethod naming nothing",
        route + "{kind: GRPCRoute, hosts: [shop.example.com], rules: [{matches: [{grpcMethod: {type: Exact}}]}]}}}}")
        .at(match + ".grpcMethod").says("grpcMethod names neither a service nor a method.")
        .fix("Fix: set service, method or both"));
    cases.add(error(Reason.InvalidRouteMatch, "grpcMethod that is no gRPC name",
        route + "{kind: GRPCRoute, hosts: [shop.example.com], rules: [{matches: [{grpcMethod: "
            + "{service: acme.Orders, method: get-order}}]}]}}}}")
        .at(match + ".grpcMethod").says("is not a gRPC service and method name.")
        .fix("Fix: write the fully qualified service and the method as in the .proto file"));
    cases.add(error(Reason.InvalidTls, "neither secretName nor issuerRef",
        route + "{hosts: [shop.example.com], tls: {}}}}}")
        .at("spec.ingress.routes.public.tls").says("tls names neither a secretName nor an issuerRef.")
        .fix("Fix: set issuerRef: {name: <ClusterIssuer>}"));
    cases.add(error(Reason.InvalidTls, "issuer that is no object name",
        route + "{hosts: [shop.example.com], tls: {issuerRef: {name: Lets_Encrypt}}}}}}")
        .at("spec.ingress.routes.public.tls.issuerRef.name")
        .says("'Lets_Encrypt' cannot name a cert-manager issuer: issuer names are lowercase DNS names.")
        .fix("Fix: write the issuer's name as your platform team gave it"));
    cases.add(error(Reason.RouteConflict, "another service routes the same host and path",
        route + "{hosts: [shop.example.com]}}}}")
        .with(Derivations.service("web", route + "{hosts: [shop.example.com], rules: [{matches: [{path: "
            + "{value: /}}]}]}}}}"))
        .at("spec.ingress.routes.public.hosts")
        .says("the route claims host shop.example.com path PathPrefix /, which service shop/web (route 'public') "
            + "claims too; the gateway shop-ingress cannot send one host and path to two services.")
        .fix("Fix: give one of the two routes another host or path, or remove the route from one of the services "
            + "(both stay Failed until then)."));
    cases.add(error(Reason.RouteConflict, "another service listens on the same TCP port",
        route + "{kind: TCPRoute, listenPort: 5432}}}}")
        .with(Derivations.service("db", route + "{kind: TCPRoute, listenPort: 5432}}}}"))
        .at("spec.ingress.routes.public.listenPort")
        .says("the route claims TCP port 5432, which service shop/db (route 'public') claims too; the gateway "
            + "shop-ingress cannot send one port to two services.")
        .fix("Fix: give one of the two routes another listenPort"));
    cases.add(error(Reason.RouteConflict, "another service's routes need another gateway class",
        "spec: {ingress: {gatewayClass: cilium, routes: {public: {hosts: [api.example.com]}}}}")
        .with(Derivations.service("web", route + "{hosts: [www.example.com]}}}}"))
        .at("spec.ingress.gatewayClass")
        .says("the routes need gateway class 'cilium', but service shop/web routes through the same gateway "
            + "shop-ingress with class 'istio'.")
        .fix("Fix: use one gateway class for every service of namespace shop (set spec.ingress.gatewayClass to "
            + "the same value in both, or leave it out in both to use the platform's 'istio')."));
    cases.add(error(Reason.RouteConflict, "another service terminates TLS for the host with another Secret",
        route + "{hosts: [shop.example.com], rules: [{matches: [{path: {value: /api}}]}], "
            + "tls: {secretName: api-tls}}}}}")
        .with(Derivations.service("web", route + "{hosts: [shop.example.com], tls: {secretName: web-tls}}}}}"))
        .at("spec.ingress.routes.public.tls")
        .says("the route terminates TLS for shop.example.com with Secret api-tls, but service shop/web serves the "
            + "same host with Secret web-tls; the gateway's listener https-shop.example.com serves one "
            + "certificate per host.")
        .fix("Fix: set tls.secretName: web-tls on this route (one certificate for the host), or give the route "
            + "another host."));
    cases.add(error(Reason.MetricsPortUnknown, "unknown port", "spec: {observability: {metrics: {port: prom}}}")
        .at("spec.observability.metrics.port").says("'prom' is not a port of spec.workload.service.ports [http].")
        .fix("Fix: name one of the service's ports, or add a port with that name."));

    // Backup
    String hook = "spec: {backup: {hooks: {pre: [";
    cases.add(error(Reason.InvalidBackupHook, "relative command",
        hook + "{name: freeze, container: main, command: [fsfreeze, --freeze]}]}}}")
        .at("spec.backup.hooks.pre[0].command[0]").says("'fsfreeze' is not an absolute path.")
        .fix("Fix: start the command with the binary's absolute path, e.g. /bin/sh."));
    cases.add(error(Reason.InvalidBackupHook, "empty command", hook + "{name: freeze, container: main, command: []}]}}}")
        .at("spec.backup.hooks.pre[0].command").says("the backup hook has no command.")
        .fix("Fix: give the hook a command"));
    cases.add(error(Reason.InvalidBackupHook, "unknown onError",
        hook + "{name: freeze, container: main, command: [/bin/sync], onError: Retry}]}}}")
        .at("spec.backup.hooks.pre[0].onError").says("'Retry' is not a hook error action.")
        .fix("Fix: use Continue (the default: the backup goes on) or Fail"));
    cases.add(error(Reason.InvalidBackupHook, "no container", hook + "{name: freeze, command: [/bin/sync]}]}}}")
        .at("spec.backup.hooks.pre[0].container").says("the backup hook has no container.")
        .fix("Fix: set container to the container the hook runs in, e.g. container: main."));

    // Warnings: derived anyway
    cases.add(warning("spec.topology", "spec: {topology: {mode: Hard}}")
        .at("spec.topology").says("is accepted and kept, but this Lattice release derives nothing from it yet.")
        .fix("Fix: nothing to do now; the objects for spec.topology will appear after an upgrade"));
    cases.add(warning("custom resource type", "spec: {workload: {resources: {cache: {type: redis}}}}")
        .at("spec.workload.resources.cache.type")
        .says("type 'redis' is accepted, but no installed extension derives anything for it.")
        .fix("Fix: nothing to do if an extension for 'redis' is on its way"));
    cases.add(error(Reason.ImageProviderNotFound, "a typo of an existing image provider",
        "spec: {imagePullSecrets: [ghrc]}")
        .imageProviders("ghcr", "quay")
        .at("spec.imagePullSecrets")
        .says("imagePullSecrets names 'ghrc', but the platform has no ImageProvider of that name (it has 'ghcr' and "
            + "'quay'); did you mean 'ghcr'?")
        .fix("Fix: name one of the ImageProviders, or ask the platform team for an ImageProvider named 'ghrc' (a "
            + "public registry needs no imagePullSecrets)."));
    cases.add(error(Reason.ImageProviderNotFound, "a name far from the one image provider there is",
        "spec: {imagePullSecrets: [ghcr]}")
        .imageProviders("internal")
        .at("spec.imagePullSecrets")
        .says("imagePullSecrets names 'ghcr', but the platform has no ImageProvider of that name (it has "
            + "'internal').")
        .fix("Fix: name one of the ImageProviders, or ask the platform team for an ImageProvider named 'ghcr'"));
    cases.add(warning("file from a source",
        "spec: {workload: {containers: {main: {files: {/etc/app/ca.pem: {source: ca.pem}}}}}}")
        .at(MAIN + ".files./etc/app/ca.pem.source")
        .says("does not fill files from a source yet, so '/etc/app/ca.pem' will not exist in the container.")
        .fix("Fix: inline the file with content"));

    // Limits (dev.lattice.api.Limits): a count over its limit is the only error reported
    cases.add(error(Reason.TooManyEntries, "1,001 variables, all with invalid names",
        "spec: {workload: {containers: {main: {variables: {" + java.util.stream.IntStream.range(0, 1_001)
            .mapToObj(i -> "\"bad " + i + "\": x").collect(Collectors.joining(", ")) + "}}}}}")
        .at(MAIN + ".variables").says("the service declares 1001 variables here, more than the 1000 Lattice "
            + "accepts; no other rule was checked.")
        .fix("Fix: read settings from a file (files:) or split the container's configuration."));
    cases.add(error(Reason.TooManyEntries, "33 containers",
        "spec: {workload: {containers: {" + java.util.stream.IntStream.range(0, 32)
            .mapToObj(i -> "c" + i + ": " + CONTAINER).collect(Collectors.joining(", ")) + "}}}")
        .at("spec.workload.containers").says("the service declares 33 containers and sidecars here, more than the "
            + "32 Lattice accepts").fix("Fix: split the service, or run helpers as separate services."));
    // The other counts (issue 18's list): even empty, broken entries give only the count's error.
    cases.add(error(Reason.TooManyEntries, "257 resources", "spec: {workload: {resources: {"
        + entries("r", 257, ": {}") + "}}}").at("spec.workload.resources")
        .says("the service declares 257 resources here, more than the 256 Lattice accepts; no other rule was checked.")
        .fix("Fix: split the service."));
    cases.add(error(Reason.TooManyEntries, "65 ports", "spec: {workload: {service: {ports: {"
        + entries("p", 64, ": {port: 0}") + "}}}}").at("spec.workload.service.ports")
        .says("the service declares 65 ports here, more than the 64 Lattice accepts; no other rule was checked.")
        .fix("Fix: split the service."));
    cases.add(error(Reason.TooManyEntries, "65 routes", "spec: {ingress: {routes: {" + entries("r", 65, ": {}")
        + "}}}").at("spec.ingress.routes")
        .says("the service declares 65 routes here, more than the 64 Lattice accepts; no other rule was checked.")
        .fix("Fix: route several paths through one route's rules."));
    cases.add(error(Reason.TooManyEntries, "257 files in a sidecar (at the sidecar's path)", "spec: {sidecars: {side: "
        + CONTAINER.replace("}}}", "}}, files: {" + entries("/etc/f", 257, ": {}") + "}}") + "}}")
        .at("spec.sidecars.side.files")
        .says("the service declares 257 files here, more than the 256 Lattice accepts; no other rule was checked.")
        .fix("Fix: ship the files in the image, or mount a volume."));
    String longPath = "/etc/" + "a".repeat(200) + "/" + "b".repeat(40);
    cases.add(error(Reason.DerivedNameTooLong, "a secret file whose path makes its ExternalSecret's name too long",
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, keys: [password]}}},"
            + " containers: {main: {files: {" + longPath + ": {content: \"pw=${secret.db.password}\"}}}}}}")
        .at(MAIN + ".files." + longPath).says("the file's path makes the name of its ExternalSecret (api-main-file-...) "
            + "268 characters long, more than the 253 Kubernetes allows for an object name.")
        .fix("Fix: shorten the path to at most 231 characters, e.g. mount the file in a shorter directory."));
    cases.add(new Case(Reason.PlainCredential, "a Stripe live key in a plain variable",
        "spec: {workload: {containers: {main: {variables: {STRIPE_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc}}}}}")
        .at(MAIN + ".variables.STRIPE_KEY").never("4eC39HqLyjWDarjtT1zdp7dc")
        .says("the variable looks like a Stripe secret key (it contains 'sk_live_...'); a plain value is written as "
            + "it is into the container's ConfigMap, which anyone who may read that object can read.")
        .fix("Fix: store the value in your secret store, declare it as a resource (type: secret) and write "
            + "${secret.<resource>.<key>} here instead."));
    cases.add(new Case(Reason.PlainCredential, "a GitHub token in a sidecar's variable (at the sidecar's path)",
        "spec: {sidecars: {side: " + CONTAINER.replace("}}}", "}}, variables: {GH: ghp_" + "a1B2c3D4e5".repeat(4)
            + "}}") + "}}").at("spec.sidecars.side.variables.GH").never("a1B2c3D4e5").says("GitHub").fix("${secret."));
    cases.add(new Case(Reason.PlainCredential, "a bearer token in a probe header",
        "spec: {workload: {containers: {main: {readinessProbe: {httpGet: {path: /ready, port: 8080, httpHeaders: "
            + "[{name: Authorization, value: \"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig\"}]}}}}}}")
        .at(MAIN + ".readinessProbe.httpGet.httpHeaders").never("eyJhbGciOiJIUzI1NiJ9")
        .says("the probe header 'Authorization' looks like a bearer token").says("into the Deployment").fix("${secret."));
    cases.add(new Case(Reason.PlainCredential, "a private key in a plain file",
        "spec: {workload: {containers: {main: {files: {/etc/tls/key.pem: {content: \"-----BEGIN RSA PRIVATE "
            + "KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----\\n\"}}}}}}")
        .at(MAIN + ".files./etc/tls/key.pem.content").never("MIIEow")
        .says("the file looks like a private key (it contains '-----BEGIN...')").fix("${secret."));

    return cases.stream();
  }

  /** {@code n} flow-mapping entries {@code <prefix><i><value>}, comma-separated. */
  private static String entries(String prefix, int n, String value) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i + value)
        .collect(Collectors.joining(", "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalog")
  @DisplayName("each broken rule is reported with its reason, exact field path, problem and fix")
  void reportsTheBrokenRule(Case c) {
    Derivation result = Derivations.derive(c.yaml(), c.others, c.settings);

    if (c.reason.severity() == Severity.ERROR) {
      assertThat(result).as("a spec with an error is never derived").isInstanceOf(Derivation.Rejected.class);
      // Exactly that rule is broken: no other error hides behind the one under test.
      assertThat(errors(result)).extracting(Diagnostic::reason).containsOnly(c.reason);
    } else {
      assertThat(result).as("a warning does not block derivation").isInstanceOf(Derivation.Derived.class);
    }
    List<Diagnostic> matching = result.diagnostics().stream()
        .filter(d -> d.reason() == c.reason && d.fieldPath().equals(c.path))
        .toList();
    assertThat(matching)
        .as("a %s diagnostic at %s among %s", c.reason, c.path, result.diagnostics())
        .hasSize(1);
    String message = matching.get(0).message();
    assertThat(message).startsWith(c.path + ": ");
    c.fragments.forEach(fragment -> assertThat(message).contains(fragment));
    c.forbidden.forEach(secret -> assertThat(message).doesNotContain(secret));
    assertThat(message.indexOf(" Fix: ")).as("the fix follows the problem").isGreaterThan(c.path.length());
  }

  @Test
  @DisplayName("every validation reason code the engine or the mapper reports has at least one case in the catalog "
      + "(other conditions' reasons have catalogs of their own)")
  void everyReasonHasACase() {
    Set<Reason> covered = catalog().map(c -> c.reason).collect(Collectors.toCollection(() -> EnumSet.noneOf(
        Reason.class)));
    covered.addAll(dev.lattice.engine.hatch.HatchCatalogTest.covered()); // escape hatches: their own catalog
    Set<Reason> expected = Arrays.stream(Reason.values())
        .filter(r -> !NOT_FROM_VALIDATION.contains(r))
        .filter(r -> r.conditionType() == dev.lattice.api.status.ConditionType.Validated)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
    assertThat(covered).as("reasons with a catalog case").containsAll(expected);
  }

  @Test
  @DisplayName("every catalog case states a fix and says where the problem is")
  void everyCaseIsComplete() {
    catalog().forEach(
        c -> {
          assertThat(c.path).as("%s names a field path", c).isNotBlank();
          assertThat(c.fragments).as("%s states the problem", c).isNotEmpty();
          assertThat(c.fixGiven).as("%s states the fix", c).isTrue();
        });
  }

  private static List<Diagnostic> errors(Derivation result) {
    return result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  private static Case error(Reason reason, String label, String patch) {
    assertThat(reason.severity()).isEqualTo(Severity.ERROR);
    return new Case(reason, label, patch);
  }

  private static Case warning(String label, String patch) {
    return new Case(Reason.NotYetDerived, label, patch);
  }

  private static Case fileMode(String label, String mode, String problem) {
    return error(Reason.InvalidFileMode, label,
        "spec: {workload: {containers: {main: {files: {/etc/app/app.conf: {content: a, mode: \"" + mode + "\"}}}}}}")
        .at(MAIN + ".files./etc/app/app.conf.mode").says(problem)
        .fix("Fix: quote an octal mode such as \"0644\" (owner writes, all read) or \"0600\" (owner only).");
  }

  private static Case endpoint(String label, String url, String problem, String fix) {
    return error(Reason.InvalidEndpointUrl, label,
        "spec: {workload: {resources: {stripe: {type: external-service, params: {endpoints: {api: \"" + url
            + "\"}}}}}}")
        .at("spec.workload.resources.stripe.params.endpoints.api").says(problem).fix(fix);
  }

  /** One catalog entry: a patch onto {@link Specs#MINIMAL} and what its diagnostic must say. */
  static final class Case {
    final Reason reason;
    final String label;
    final String patch;
    final List<String> others = new ArrayList<>();
    final List<String> fragments = new ArrayList<>();
    final List<String> forbidden = new ArrayList<>();
    dev.lattice.engine.PlatformSettings settings = dev.lattice.engine.PlatformSettings.defaults();
    String path = "";
    boolean fixGiven;

    Case(Reason reason, String label, String patch) {
      this.reason = reason;
      this.label = label;
      this.patch = patch;
    }

    String yaml() {
      return Specs.minimalWith(patch);
    }

    Case at(String fieldPath) {
      this.path = fieldPath;
      return this;
    }

    Case says(String problem) {
      fragments.add(problem);
      return this;
    }

    Case fix(String fix) {
      fragments.add(fix);
      fixGiven = true;
      return this;
    }

    /** Another service of the fleet (a full document). */
    Case with(String otherService) {
      others.add(otherService);
      return this;
    }

    /** The platform has exactly these SecretProviders (issue 17). */
    Case secretProviders(String... names) {
      settings = settings.withProviders(settings.providers().withSecretProviders(List.of(names)));
      return this;
    }

    /** The platform has exactly these ImageProviders (issue 17), each pulling with credentials from vault. */
    Case imageProviders(String... names) {
      java.util.Map<String, dev.lattice.engine.ProviderSettings.ImageSource> providers = new java.util.TreeMap<>();
      for (String name : names) {
        providers.put(name, new dev.lattice.engine.ProviderSettings.ImageSource(name + ".io/acme", "vault",
            "registry/" + name, ".dockerconfigjson"));
      }
      settings = settings.withProviders(settings.providers().withImageProviders(providers));
      return this;
    }

    /** The platform has this LatticeQuota (issue 17); namespaces are their own teams. */
    Case quota(dev.lattice.engine.quota.Quota quota) {
      settings = settings.withProviders(settings.providers().withQuotas(List.of(quota), java.util.Map.of()));
      return this;
    }

    /** Text that must never appear in the message (a secret the spec contains). */
    Case never(String text) {
      forbidden.add(text);
      return this;
    }

    @Override
    public String toString() {
      return reason + ": " + label;
    }
  }
}

package dev.lattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.cli.generate.FleetGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Helm chart equivalent to what Lattice derives for the generated fleet, for the side-by-side comparison: one
 * template per kind, each ranging over {@code .Values.services}, producing ServiceAccount, ExternalSecret (one per
 * secret), ConfigMap (one per container), CiliumNetworkPolicy and Istio AuthorizationPolicy (callers and callees
 * from the agreed edges), TracingPolicyNamespaced (binary allowlist), Service, Deployment (env, secret refs,
 * security context, probes, spread, config checksum), PodDisruptionBudget (replicas &gt; 1), ScaledObject
 * (autoscaling), VMServiceScrape (metrics port) and HTTPRoute + Certificate (ingress). The values are the fleet's
 * specs with the bilateral agreement already worked out (Helm cannot do that, nor validate or authorize), so Helm
 * does strictly less work than {@code lattice derive}.
 */
public final class HelmChart {
  private HelmChart() {}

  private static final String HELPERS = """
      {{- define "lattice.meta" -}}
      namespace: {{ .namespace }}
      labels:
        app.kubernetes.io/managed-by: helm
        app.kubernetes.io/name: {{ .name }}
        lattice.dev/service: {{ .name }}
      {{- end -}}
      {{- define "lattice.selector" -}}
      matchLabels:
        lattice.dev/service: {{ .name }}
      {{- end -}}
      """;

  private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

  static {
    TEMPLATES.put("serviceaccount.yaml", """
        {{- range .Values.services }}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: {{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        automountServiceAccountToken: false
        {{- end }}
        """);
    TEMPLATES.put("externalsecret.yaml", """
        {{- range $svc := .Values.services }}
        {{- range .secrets }}
        ---
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata:
          name: {{ $svc.name }}-{{ .name }}
          {{- include "lattice.meta" $svc | nindent 2 }}
        spec:
          secretStoreRef:
            kind: ClusterSecretStore
            name: {{ .provider }}
          target:
            name: {{ $svc.name }}-{{ .name }}
            creationPolicy: Owner
          data:
          {{- $key := .key }}
          {{- range .properties }}
            - secretKey: {{ . }}
              remoteRef:
                key: {{ $key }}
                property: {{ . }}
          {{- end }}
        {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("configmap.yaml", """
        {{- range $svc := .Values.services }}
        {{- range .containers }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ $svc.name }}-{{ .name }}-env
          {{- include "lattice.meta" $svc | nindent 2 }}
        data:
          {{- range $k, $v := .env }}
          {{ $k }}: {{ $v | quote }}
          {{- end }}
        {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("ciliumnetworkpolicy.yaml", """
        {{- range $svc := .Values.services }}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: {{ .name }}-mesh
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          endpointSelector:
            {{- include "lattice.selector" . | nindent 4 }}
          egress:
            - toEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: kube-system
                    k8s:k8s-app: kube-dns
              toPorts:
                - ports:
                    - port: "53"
                      protocol: UDP
                    - port: "53"
                      protocol: TCP
            {{- range .callees }}
            - toEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: {{ .namespace }}
                    lattice.dev/service: {{ .name }}
              toPorts:
                - ports:
                    - port: {{ .port | quote }}
                      protocol: TCP
            {{- end }}
            - toEntities:
                - cluster
              toPorts:
                - ports:
                    - port: "15008"
                      protocol: TCP
          ingress:
            {{- range .callers }}
            - fromEndpoints:
                - matchLabels:
                    k8s:io.kubernetes.pod.namespace: {{ .namespace }}
                    lattice.dev/service: {{ .name }}
              toPorts:
                - ports:
                    - port: {{ $svc.targetPort | quote }}
                      protocol: TCP
            {{- end }}
            {{- if .metrics }}
            - fromEndpoints:
                - matchLabels:
                    app.kubernetes.io/name: vmagent
                    k8s:io.kubernetes.pod.namespace: monitoring
              toPorts:
                - ports:
                    - port: "9090"
                      protocol: TCP
            {{- end }}
            - fromEntities:
                - cluster
              toPorts:
                - ports:
                    - port: "15008"
                      protocol: TCP
        {{- end }}
        """);
    TEMPLATES.put("authorizationpolicy.yaml", """
        {{- range $svc := .Values.services }}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: {{ .name }}-mesh
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          action: ALLOW
          selector:
            {{- include "lattice.selector" . | nindent 4 }}
          rules:
          {{- if .callers }}
            - from:
                - source:
                    principals:
                    {{- range .callers }}
                      - cluster.local/ns/{{ .namespace }}/sa/{{ .name }}
                    {{- end }}
              to:
                - operation:
                    ports:
                      - {{ $svc.targetPort | quote }}
          {{- end }}
          {{- if .metrics }}
            - from:
                - source:
                    principals:
                      - cluster.local/ns/monitoring/sa/vmagent
              to:
                - operation:
                    ports:
                      - "9090"
          {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("tracingpolicy.yaml", """
        {{- range .Values.services }}
        ---
        apiVersion: cilium.io/v1alpha1
        kind: TracingPolicyNamespaced
        metadata:
          name: allow-binaries-{{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          podSelector:
            {{- include "lattice.selector" . | nindent 4 }}
          kprobes:
            - call: security_bprm_check
              syscall: false
              args:
                - index: 0
                  type: linux_binprm
              selectors:
                - matchActions:
                    - action: Sigkill
                  matchArgs:
                    - index: 0
                      operator: NotEqual
                      values:
                      {{- range .containers }}
                        {{- range .command }}
                        - {{ . }}
                        {{- end }}
                      {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("service.yaml", """
        {{- range .Values.services }}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          type: ClusterIP
          selector:
            lattice.dev/service: {{ .name }}
          ports:
          {{- range .ports }}
            - name: {{ .name }}
              port: {{ .port }}
              targetPort: {{ .targetPort }}
              protocol: TCP
          {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("deployment.yaml", """
        {{- range $svc := .Values.services }}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          replicas: {{ .replicas }}
          selector:
            {{- include "lattice.selector" . | nindent 4 }}
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxSurge: 25%
              maxUnavailable: 25%
          template:
            metadata:
              annotations:
                lattice.dev/config-hash: {{ .containers | toJson | sha256sum | trunc 16 }}
              labels:
                app.kubernetes.io/managed-by: helm
                app.kubernetes.io/name: {{ .name }}
                istio.io/dataplane-mode: ambient
                lattice.dev/service: {{ .name }}
            spec:
              serviceAccountName: {{ .name }}
              automountServiceAccountToken: false
              securityContext:
                fsGroup: 65534
                fsGroupChangePolicy: OnRootMismatch
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              topologySpreadConstraints:
                - maxSkew: 1
                  topologyKey: kubernetes.io/hostname
                  whenUnsatisfiable: ScheduleAnyway
                  labelSelector:
                    {{- include "lattice.selector" . | nindent 12 }}
              containers:
              {{- range .containers }}
                - name: {{ .name }}
                  image: {{ .image }}
                  imagePullPolicy: IfNotPresent
                  command:
                  {{- range .command }}
                    - {{ . }}
                  {{- end }}
                  envFrom:
                    - configMapRef:
                        name: {{ $svc.name }}-{{ .name }}-env
                  {{- if .secretEnv }}
                  env:
                  {{- range .secretEnv }}
                    - name: {{ .name }}
                      valueFrom:
                        secretKeyRef:
                          name: {{ $svc.name }}-{{ .secret }}
                          key: {{ .key }}
                  {{- end }}
                  {{- end }}
                  {{- if .main }}
                  ports:
                  {{- range $svc.ports }}
                    - name: {{ .name }}
                      containerPort: {{ .targetPort }}
                      protocol: TCP
                  {{- end }}
                  {{- end }}
                  {{- if .readinessPath }}
                  readinessProbe:
                    httpGet:
                      path: {{ .readinessPath }}
                      port: {{ $svc.targetPort }}
                  {{- end }}
                  resources:
                    {{- toYaml .resources | nindent 12 }}
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop:
                        - ALL
                    privileged: false
                    readOnlyRootFilesystem: true
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  volumeMounts:
                    - name: {{ .name }}-tmp
                      mountPath: /tmp
              {{- end }}
              volumes:
              {{- range .containers }}
                - name: {{ .name }}-tmp
                  emptyDir: {}
              {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("pdb.yaml", """
        {{- range .Values.services }}
        {{- if gt (int .replicas) 1 }}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: {{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          minAvailable: {{ sub (int .replicas) 1 }}
          selector:
            {{- include "lattice.selector" . | nindent 4 }}
        {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("scaledobject.yaml", """
        {{- range .Values.services }}
        {{- with .autoscaling }}
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: {{ .name }}
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          scaleTargetRef:
            name: {{ .name }}
          minReplicaCount: {{ .min }}
          maxReplicaCount: {{ .max }}
          triggers:
            - type: cpu
              metricType: Utilization
              metadata:
                value: {{ .cpu | quote }}
        {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("vmservicescrape.yaml", """
        {{- range .Values.services }}
        {{- if .metrics }}
        ---
        apiVersion: operator.victoriametrics.com/v1beta1
        kind: VMServiceScrape
        metadata:
          name: {{ .name }}-scrape
          {{- include "lattice.meta" . | nindent 2 }}
        spec:
          selector:
            {{- include "lattice.selector" . | nindent 4 }}
          endpoints:
            - port: metrics
              path: /metrics
              interval: 30s
        {{- end }}
        {{- end }}
        """);
    TEMPLATES.put("route.yaml", """
        {{- range $svc := .Values.services }}
        {{- with .ingress }}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {{ $svc.name }}-public-route
          {{- include "lattice.meta" $svc | nindent 2 }}
        spec:
          hostnames:
            - {{ .host }}
          parentRefs:
            - name: {{ $svc.namespace }}-ingress
          rules:
            - backendRefs:
                - name: {{ $svc.name }}
                  port: 80
              matches:
                - path:
                    type: PathPrefix
                    value: /
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: {{ $svc.name }}-public-cert
          {{- include "lattice.meta" $svc | nindent 2 }}
        spec:
          dnsNames:
            - {{ .host }}
          issuerRef:
            group: cert-manager.io
            kind: ClusterIssuer
            name: {{ .issuer }}
          secretName: {{ $svc.name }}-public-tls
        {{- end }}
        {{- end }}
        """);
  }

  /** Writes the chart into {@code dir} (replacing it) and returns {@code dir}. */
  public static Path writeChart(Path dir) {
    try {
      Fixture.deleteTree(dir);
      Files.createDirectories(dir.resolve("templates"));
      Files.writeString(dir.resolve("Chart.yaml"), """
          apiVersion: v2
          name: lattice-equivalent
          description: What lattice derives, as a Helm chart ranging over a values list of services.
          type: application
          version: 0.1.0
          """);
      Files.writeString(dir.resolve("values.yaml"), "services: []\n");
      Files.writeString(dir.resolve("templates/_helpers.tpl"), HELPERS);
      for (Map.Entry<String, String> t : TEMPLATES.entrySet()) {
        Files.writeString(dir.resolve("templates").resolve(t.getKey()), t.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kinds the chart can produce. */
  public static Set<String> kinds() {
    return Set.of("ServiceAccount", "ExternalSecret", "ConfigMap", "CiliumNetworkPolicy", "AuthorizationPolicy",
        "TracingPolicyNamespaced", "Service", "Deployment", "PodDisruptionBudget", "ScaledObject", "VMServiceScrape",
        "HTTPRoute", "Certificate");
  }

  /** Writes the values file for the generated fleet of the fixture. */
  public static Path writeValues(Fixture fixture, Path file) {
    return writeValues(fixture.documents, file);
  }

  /** Writes the values file for generated documents (LatticeServices; other kinds are ignored). */
  public static Path writeValues(List<FleetGenerator.Document> documents, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new YAMLMapper().writeValueAsString(Map.of("services", values(documents))));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Edge(String caller, String callee) {}

  static List<Map<String, Object>> values(List<FleetGenerator.Document> documents) {
    List<ObjectNode> specs = new ArrayList<>();
    for (FleetGenerator.Document d : documents) {
      if (d.body().path("kind").asText().equals("LatticeService")) {
        specs.add(d.body());
      }
    }
    // Declarations, then the edges both sides declared (what lattice's graph calls agreed).
    Set<Edge> outbound = new HashSet<>();
    Set<Edge> inbound = new HashSet<>();
    Map<String, Integer> targetPorts = new TreeMap<>();
    for (ObjectNode spec : specs) {
      String self = ref(spec);
      targetPorts.put(self, spec.path("spec").path("workload").path("service").path("ports").path("http")
          .path("targetPort").asInt(80));
      for (JsonNode r : spec.path("spec").path("workload").path("resources")) {
        if (!r.path("type").asText().equals("service")) {
          continue;
        }
        String other = r.path("namespace").asText() + "/" + r.path("id").asText();
        if (r.path("direction").asText().equals("outbound")) {
          outbound.add(new Edge(self, other));
        } else {
          inbound.add(new Edge(other, self));
        }
      }
    }
    Map<String, List<Map<String, Object>>> callers = new TreeMap<>();
    Map<String, List<Map<String, Object>>> callees = new TreeMap<>();
    for (Edge e : outbound) {
      if (inbound.contains(e)) {
        callers.computeIfAbsent(e.callee(), k -> new ArrayList<>()).add(peer(e.caller(), 0));
        callees.computeIfAbsent(e.caller(), k -> new ArrayList<>())
            .add(peer(e.callee(), targetPorts.getOrDefault(e.callee(), 80)));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ObjectNode doc : specs) {
      String self = ref(doc);
      String name = doc.path("metadata").path("name").asText();
      String namespace = doc.path("metadata").path("namespace").asText();
      JsonNode spec = doc.path("spec");
      JsonNode workload = spec.path("workload");
      Map<String, Object> svc = new LinkedHashMap<>();
      svc.put("name", name);
      svc.put("namespace", namespace);
      svc.put("replicas", spec.path("replicas").asInt(1));
      svc.put("targetPort", targetPorts.get(self));
      List<Map<String, Object>> ports = new ArrayList<>();
      workload.path("service").path("ports").fields().forEachRemaining(p -> {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", p.getKey());
        port.put("port", p.getValue().path("port").asInt());
        port.put("targetPort", p.getValue().path("targetPort").asInt(p.getValue().path("port").asInt()));
        ports.add(port);
      });
      svc.put("ports", ports);
      svc.put("metrics", workload.path("service").path("ports").has("metrics"));
      List<Map<String, Object>> containers = new ArrayList<>();
      workload.path("containers").fields().forEachRemaining(c -> {
        Map<String, Object> ctr = new LinkedHashMap<>();
        JsonNode body = c.getValue();
        ctr.put("name", c.getKey());
        ctr.put("main", c.getKey().equals("main"));
        ctr.put("image", body.path("image").asText());
        List<String> command = new ArrayList<>();
        body.path("command").forEach(x -> command.add(x.asText()));
        ctr.put("command", command);
        Map<String, String> env = new TreeMap<>();
        List<Map<String, Object>> secretEnv = new ArrayList<>();
        body.path("variables").fields().forEachRemaining(v -> {
          String value = v.getValue().asText();
          if (value.startsWith("${secret.")) {
            String[] parts = value.substring(2, value.length() - 1).split("\\.");
            secretEnv.add(Map.of("name", v.getKey(), "secret", parts[1], "key", parts[2]));
          } else {
            env.put(v.getKey(), value.replace("${metadata.name}", name));
          }
        });
        ctr.put("env", env);
        ctr.put("secretEnv", secretEnv);
        ctr.put("resources", Fixture.SPEC_MAPPER.convertValue(body.path("resources"), Map.class));
        if (body.has("readinessProbe")) {
          ctr.put("readinessPath", body.path("readinessProbe").path("httpGet").path("path").asText());
        }
        containers.add(ctr);
      });
      svc.put("containers", containers);
      List<Map<String, Object>> secrets = new ArrayList<>();
      workload.path("resources").fields().forEachRemaining(r -> {
        if (r.getValue().path("type").asText().equals("secret")) {
          List<String> properties = new ArrayList<>();
          r.getValue().path("params").path("keys").forEach(k -> properties.add(k.asText()));
          secrets.add(Map.of("name", r.getKey(), "key", r.getValue().path("id").asText(),
              "provider", r.getValue().path("params").path("provider").asText("vault"), "properties", properties));
        }
      });
      svc.put("secrets", secrets);
      svc.put("callers", callers.getOrDefault(self, List.of()));
      svc.put("callees", callees.getOrDefault(self, List.of()));
      if (spec.has("autoscaling")) {
        svc.put("autoscaling", Map.of("name", name, "namespace", namespace, "min", spec.path("replicas").asInt(1),
            "max", spec.path("autoscaling").path("max").asInt(),
            "cpu", spec.path("autoscaling").path("metrics").path(0).path("target").asInt(70)));
      }
      JsonNode routes = spec.path("ingress").path("routes");
      if (routes.size() > 0) {
        JsonNode route = routes.elements().next();
        svc.put("ingress", Map.of("host", route.path("hosts").path(0).asText(),
            "issuer", route.path("tls").path("issuerRef").path("name").asText("letsencrypt")));
      }
      out.add(svc);
    }
    return out;
  }

  private static String ref(JsonNode doc) {
    return doc.path("metadata").path("namespace").asText() + "/" + doc.path("metadata").path("name").asText();
  }

  private static Map<String, Object> peer(String ref, int port) {
    int slash = ref.indexOf('/');
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("namespace", ref.substring(0, slash));
    out.put("name", ref.substring(slash + 1));
    out.put("port", port);
    return out;
  }

  /** The number of YAML documents with a kind in helm's output. */
  public static int countDocuments(String rendered) {
    int count = 0;
    int at = rendered.startsWith("kind: ") ? 0 : rendered.indexOf("\nkind: ");
    while (at >= 0) {
      count++;
      at = rendered.indexOf("\nkind: ", at + 1);
    }
    return count;
  }
}

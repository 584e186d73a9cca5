package dev.lattice.engine.providers;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeps the verification exemption from being self-granted. Both admission controllers leave out pods labelled
 * {@link ImageProviderObjects#SKIP_LABEL}, and neither can tell who put the label there, so a Kubernetes
 * ValidatingAdmissionPolicy does: a Pod, or a Deployment or ReplicaSet whose pod template, carrying the label may
 * be created or updated only by the operator (which derives it only where Cedar permits
 * {@code SkipImageVerification}) and by the cluster's own controllers that turn its Deployments into pods. Anyone
 * else, a team's kubectl included, is refused, also when editing an exempted workload (e.g. its image).
 */
public final class ExemptionGuards {
  public static final String POLICY_API_VERSION = "admissionregistration.k8s.io/v1";
  public static final String POLICY_KIND = "ValidatingAdmissionPolicy";
  public static final String BINDING_KIND = "ValidatingAdmissionPolicyBinding";

  private ExemptionGuards() {}

  public static String name(String provider) {
    return ImageProviderObjects.policyName(provider) + "-exemption";
  }

  /** The message a refused request gets (the API server prefixes the policy's and binding's names). */
  public static String message() {
    return ImageProviderObjects.SKIP_LABEL + " is set only by the Lattice operator, on the pods of a LatticeService "
        + "that Cedar permits SkipImageVerification. Fix: remove the label and annotate the LatticeService "
        + ImageProviderObjects.SKIP_LABEL + ": \"true\"; the operator adds it where the permit exists.";
  }

  /** The policy and its binding, for the provider whose verification policy honours the label. */
  static List<GenericKubernetesResource> objects(ImageProvider provider, ImageVerificationSettings settings) {
    String name = name(provider.getMetadata().getName());
    String label = "'" + ImageProviderObjects.SKIP_LABEL + "'";
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("failurePolicy", "Fail");
    spec.put("matchConstraints", Map.of("resourceRules", List.of(
        rule("", List.of("pods")), rule("apps", List.of("deployments", "replicasets")))));
    spec.put("variables", List.of(
        variable("exempt", "object.kind == 'Pod'"
            + " ? has(object.metadata.labels) && " + label + " in object.metadata.labels"
            + " : has(object.spec.template.metadata) && has(object.spec.template.metadata.labels)"
            + " && " + label + " in object.spec.template.metadata.labels"),
        // The controller manager acts as itself or, with per-controller credentials, as kube-system's accounts.
        variable("platform", "request.userInfo.username == '" + settings.operatorUser() + "'"
            + " || request.userInfo.username == 'system:kube-controller-manager'"
            + " || request.userInfo.username.startsWith('system:serviceaccount:kube-system:')")));
    Map<String, Object> validation = new LinkedHashMap<>();
    validation.put("expression", "!variables.exempt || variables.platform");
    validation.put("message", message());
    validation.put("reason", "Forbidden");
    spec.put("validations", List.of(validation));

    Map<String, Object> bindingSpec = new LinkedHashMap<>();
    bindingSpec.put("policyName", name);
    bindingSpec.put("validationActions", List.of("Deny"));
    return List.of(
        Meta.generic(POLICY_API_VERSION, POLICY_KIND, meta(provider, name), Map.of("spec", spec)),
        Meta.generic(POLICY_API_VERSION, BINDING_KIND, meta(provider, name), Map.of("spec", bindingSpec)));
  }

  private static ObjectMeta meta(ImageProvider provider, String name) {
    ObjectMeta meta = ImageProviderObjects.meta(provider);
    meta.setName(name);
    return meta;
  }

  private static Map<String, Object> rule(String group, List<String> resources) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiGroups", List.of(group));
    rule.put("apiVersions", List.of("v1"));
    rule.put("operations", List.of("CREATE", "UPDATE"));
    rule.put("resources", resources);
    return rule;
  }

  private static Map<String, Object> variable(String name, String expression) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("name", name);
    variable.put("expression", expression);
    return variable;
  }
}

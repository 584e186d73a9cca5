package dev.lattice.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Where image signatures are enforced (issue 17): the admission controller the platform runs, and the one identity
 * that may put the verification exemption on a workload (the operator, which does so only where Cedar permits
 * {@code SkipImageVerification}).
 *
 * @param admissionController ConfigMap key {@code imageVerification.admissionController}: {@code sigstore}
 *     (policy-controller's ClusterImagePolicy) or {@code kyverno} (a ClusterPolicy with {@code verifyImages})
 * @param operatorUser ConfigMap key {@code imageVerification.operatorUser}: the API server's user name of the
 *     operator, the only one besides the cluster's own controllers allowed to write a workload with the exemption
 */
public record ImageVerificationSettings(AdmissionController admissionController, String operatorUser) {
  /** The admission controllers Lattice derives a verification policy for. */
  public enum AdmissionController {
    /** sigstore policy-controller: {@code ClusterImagePolicy} (policy.sigstore.dev). */
    sigstore,
    /** Kyverno: {@code ClusterPolicy} (kyverno.io) with a {@code verifyImages} rule. */
    kyverno
  }

  public ImageVerificationSettings {
    Objects.requireNonNull(admissionController, "admissionController");
    Objects.requireNonNull(operatorUser, "operatorUser");
  }

  public static ImageVerificationSettings defaults() {
    return new ImageVerificationSettings(AdmissionController.sigstore,
        "system:serviceaccount:lattice-system:lattice-operator");
  }

  /** These settings with the ConfigMap keys prefixed {@code imageVerification.}; an unknown controller is ignored. */
  ImageVerificationSettings withOverrides(Map<String, String> data) {
    AdmissionController controller = admissionController;
    String named = data.get("imageVerification.admissionController");
    for (AdmissionController candidate : AdmissionController.values()) {
      if (candidate.name().equals(named == null ? null : named.strip())) {
        controller = candidate;
      }
    }
    String user = data.getOrDefault("imageVerification.operatorUser", operatorUser).strip();
    return new ImageVerificationSettings(controller, user.isEmpty() ? operatorUser : user);
  }
}

package dev.lattice.operator;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** Who the operator's client is to the API server: the user whose writes of hatch statuses admission lets through. */
public final class OperatorIdentity {
  private OperatorIdentity() {}

  /** The user name a SelfSubjectReview reports (Kubernetes 1.28+), empty when the server cannot say. */
  public static Optional<String> of(KubernetesClient client) {
    try {
      SelfSubjectReview review = client.resource(new SelfSubjectReview()).create();
      return Optional.ofNullable(review).map(SelfSubjectReview::getStatus).map(s -> s.getUserInfo())
          .map(u -> u.getUsername()).filter(u -> !u.isEmpty());
    } catch (KubernetesClientException e) {
      return Optional.empty(); // an older server: the ServiceAccount of deploy/operator is still let through
    }
  }
}

package dev.lattice.policy;

import dev.lattice.api.model.ServiceRef;
import java.util.Objects;

/** One question for Cedar: may this service do this to that resource? */
public record AccessRequest(ServiceRef principal, Action action, ResourceEntity resource) {
  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
  }

  /** A stable text key, part of the decision cache key. */
  String key() {
    return principal + "\u0000" + action + "\u0000" + resource.cedar() + "\u0000" + resource.attributes();
  }

  /** The Cedar statement that would permit exactly this request; denial messages quote it. */
  public String permitStatement() {
    return "permit(principal == " + Entities.SERVICE + "::" + Entities.quote(principal.toString())
        + ", action == " + Entities.ACTION + "::" + Entities.quote(action.name())
        + ", resource == " + resource.cedar() + ");";
  }
}

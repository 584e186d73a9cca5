package dev.lattice.policy;

import dev.lattice.api.model.ServiceRef;
import java.util.Objects;

/**
 * One question for Cedar: may this workload do this to that resource?
 *
 * @param principalType the principal's entity type: {@link Entities#SERVICE}, or an escape hatch's own
 *     ({@link Entities#MESH_MEMBER}, {@link Entities#PACKAGE}), so a policy can permit one without the others
 */
public record AccessRequest(ServiceRef principal, Action action, ResourceEntity resource, String principalType) {
  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(principalType, "principalType");
  }

  /** A LatticeService's request. */
  public AccessRequest(ServiceRef principal, Action action, ResourceEntity resource) {
    this(principal, action, resource, Entities.SERVICE);
  }

  /** The same request made by a principal of {@code type}. */
  public AccessRequest as(String type) {
    return new AccessRequest(principal, action, resource, type);
  }

  /** The principal as Cedar names it: {@code Lattice::Service::"ns/name"}. */
  public String principalUid() {
    return principalType + "::" + Entities.quote(principal.toString());
  }

  /** A stable text key, part of the decision cache key. */
  String key() {
    return principalType + "\u0000" + principal + "\u0000" + action + "\u0000" + resource.cedar() + "\u0000"
        + resource.attributes();
  }

  /** The Cedar statement that would permit exactly this request; denial messages quote it. */
  public String permitStatement() {
    return "permit(principal == " + principalUid()
        + ", action == " + Entities.ACTION + "::" + Entities.quote(action.name())
        + ", resource == " + resource.cedar() + ");";
  }
}

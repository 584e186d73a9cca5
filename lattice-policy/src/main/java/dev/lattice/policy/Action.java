package dev.lattice.policy;

/**
 * The actions Lattice asks Cedar about, named as in the reference system so existing policies keep working
 * ({@code Lattice::Action::"AccessSecret"}).
 */
public enum Action {
  /** A service reads a secret from a provider's store. */
  AccessSecret("access secret", false),
  /** A service opens connections to an endpoint outside the cluster. */
  AccessExternalEndpoint("reach external endpoint", false),
  /** A service relaxes a hardened default (a capability, root, host network, …). */
  OverrideSecurity("use security override", false),
  /** A service accepts calls from any service ({@code id: "*"} inbound). */
  AllowWildcard("accept calls from any service", false),
  /** A service runs an image that is not pinned by digest. */
  AllowMutableImage("run the mutable image", false),
  /**
   * A service runs an image at all. Permitted unless a {@code forbid} matches, so platform teams can block
   * registries, names or tags without writing a permit for every image.
   */
  UseImage("run the image", true),
  /** An escape hatch (mesh member, package) expires later than the platform's maximum lifetime allows. */
  ExtendEscapeHatch("keep the escape hatch", false);

  private final String verb;
  private final boolean permittedByDefault;

  Action(String verb, boolean permittedByDefault) {
    this.verb = verb;
    this.permittedByDefault = permittedByDefault;
  }

  /** Words for messages: "is not permitted to {verb} …". */
  public String verb() {
    return verb;
  }

  /** True for actions that only a forbid can deny. */
  public boolean permittedByDefault() {
    return permittedByDefault;
  }
}

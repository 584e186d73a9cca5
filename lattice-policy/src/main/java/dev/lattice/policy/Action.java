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
  /**
   * A service's pods are left out of the admission controller's signature verification (the annotation
   * {@code lattice.dev/skip-image-verification: "true"}); the only way out of an ImageProvider's trust section.
   */
  SkipImageVerification("skip signature verification of the image", false),
  /**
   * A service's pods get GPUs ({@code type: gpu}); the resource is the model asked for, or {@code "any"}. Permitted
   * unless a {@code forbid} matches: GPU specs were accepted before this action existed and must keep deriving, and
   * the amount a team may use is a quota's job, so platforms only need to forbid the models (or teams) they gate.
   */
  UseGpu("use GPUs of the model", true),
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

package dev.lattice.operator;

/** How derived objects are written. */
public enum ApplyMode {
  /** Production: server-side apply with field manager {@code lattice}, conflicts forced. */
  SERVER_SIDE_APPLY,
  /** For API servers without server-side apply (fabric8's mock server in tests): create, else update. */
  CREATE_OR_UPDATE
}

package dev.lattice.policy;

/** What a Cedar statement does when it matches. */
public enum Effect {
  permit,
  forbid
}

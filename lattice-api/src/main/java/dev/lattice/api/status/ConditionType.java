package dev.lattice.api.status;

/** The condition types a LatticeService status carries; each later capability fills its own. */
public enum ConditionType {
  /** The spec passed every validation rule. */
  Validated,
  /** Cedar permits every access the spec asks for. */
  PolicyAuthorized,
  /** Every declared service edge is agreed by both sides. */
  BilateralConsent,
  /** Summary: the service was derived and nothing blocks it. */
  Ready,
  /** Escape hatches only: True from 30 days before {@code spec.expires}, and once expired. */
  Expiring
}

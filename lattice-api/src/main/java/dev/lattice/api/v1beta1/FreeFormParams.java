package dev.lattice.api.v1beta1;

/** Schema stand-in for free-form params (see {@code dev.lattice.api.v1alpha1.FreeForm}, which is package-private). */
final class FreeFormParams {
  private FreeFormParams() {}
}

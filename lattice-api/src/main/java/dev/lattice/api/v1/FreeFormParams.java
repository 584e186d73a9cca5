package dev.lattice.api.v1;

/** Schema stand-in for free-form params (see {@code dev.lattice.api.v1alpha1.FreeForm}). */
final class FreeFormParams {
  private FreeFormParams() {}
}

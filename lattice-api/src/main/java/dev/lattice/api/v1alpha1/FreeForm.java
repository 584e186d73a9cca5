package dev.lattice.api.v1alpha1;

/**
 * Schema stand-in for maps whose values may be anything (strings, lists, objects): with it and
 * {@code @PreserveUnknownFields} the CRD says "an object, keep every field", where the generator would otherwise
 * require every value to be an object and the API server would reject {@code params: {provider: vault}}.
 */
final class FreeForm {
  private FreeForm() {}
}

package dev.lattice.testkit.cluster;

/** The namespace a test owns: created before the test, deleted (by the namespace controller) after it. */
public record TestNamespace(String name) {
  @Override
  public String toString() {
    return name;
  }
}

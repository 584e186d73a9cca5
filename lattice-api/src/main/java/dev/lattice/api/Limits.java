package dev.lattice.api;

/**
 * Every size and count Lattice accepts, in one place (the README's "Limits" section lists them). Each is checked
 * before any work that grows with it, so hostile input costs bounded time and memory and fails with a reason that
 * names the file or field. The values follow Kubernetes' own bounds where one exists (a 3 MiB request, 253-character
 * object names, 63-character labels) and leave the largest legitimate spec of the examples (3 containers, 12
 * variables, 3 resources, 4 KiB) and a generated 10,000-service fleet (15 MB, 3,500 statements per CedarPolicy)
 * far inside them.
 */
public final class Limits {
  private Limits() {}

  // Input, checked by the CLI before or while parsing.
  /** Bytes of one input file; a larger one is refused before it is read. */
  public static final long FILE_BYTES = 64L * 1024 * 1024;
  /** Bytes of all input files of one run together. */
  public static final long TOTAL_INPUT_BYTES = 1024L * 1024 * 1024;
  /** Characters of one YAML or JSON document (the API server refuses requests over 3 MiB). */
  public static final int DOCUMENT_CHARS = 4 * 1024 * 1024;
  /** Documents in one file. */
  public static final int DOCUMENTS_PER_FILE = 20_000;
  /** Characters of one line: the YAML library's cost grows with the square of a line's length. */
  public static final int LINE_CHARS = 1024 * 1024;
  /** Characters of one text value or key (a CedarPolicy's text is one value, so it is the document's bound). */
  public static final int SCALAR_CHARS = DOCUMENT_CHARS;
  /** Levels of nested mappings and lists in a document (a spec uses about 10). */
  public static final int NESTING_DEPTH = 64;
  /** Values one document may hold once its YAML aliases are expanded (an alias bomb holds billions). */
  public static final int ALIAS_EXPANDED_VALUES = 100_000;

  // One LatticeService, checked by the engine's validation.
  /** Containers plus sidecars of one service. */
  public static final int CONTAINERS = 32;
  /** Entries of {@code spec.workload.resources}. */
  public static final int RESOURCES = 256;
  /** Variables of one container. */
  public static final int VARIABLES = 1_000;
  /** Files of one container. */
  public static final int FILES = 256;
  /** Routes of {@code spec.ingress.routes}. */
  public static final int ROUTES = 64;
  /** Ports of {@code spec.workload.service.ports}. */
  public static final int PORTS = 64;
  /** Characters of a derived object's name (a DNS subdomain); a spec field that would exceed it is an error. */
  public static final int OBJECT_NAME_CHARS = 253;

  // CedarPolicies, checked before any text reaches the native Cedar library.
  /** Statements of one CedarPolicy. */
  public static final int POLICY_STATEMENTS = 100_000;
  /** Characters of one statement. */
  public static final int STATEMENT_CHARS = 64 * 1024;
  /** Nested brackets in one statement: Cedar's native parser crashed the JVM past about 70. */
  public static final int POLICY_NESTING = 32;
  /** Operators in one statement: each is a level of Cedar's expression tree, which crashed past a few thousand. */
  public static final int POLICY_OPERATORS = 256;

  // What messages repeat.
  /** Characters of the platform's contact, repeated in every denial; a longer one is cut. */
  public static final int CONTACT_CHARS = 200;
  /** Characters of a user's value that a message quotes before cutting it. */
  public static final int QUOTED_CHARS = 64;
}

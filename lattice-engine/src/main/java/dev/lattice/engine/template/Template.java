package dev.lattice.engine.template;

import java.util.List;

/** A parsed template: literal text and references, in order. */
public record Template(List<Segment> segments) {
  public Template {
    segments = List.copyOf(segments);
  }

  public sealed interface Segment permits Literal, Reference {}

  public record Literal(String text) implements Segment {}

  /** {@code expression} is what stood between {@code ${} and {@code }}, e.g. {@code resources.db.host}. */
  public record Reference(String expression) implements Segment {
    public boolean isSecret() {
      return expression.startsWith("secret.");
    }
  }

  public static Template literal(String text) {
    return new Template(text.isEmpty() ? List.of() : List.of(new Literal(text)));
  }

  public List<Reference> references() {
    return segments.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
  }

  public boolean hasSecretReference() {
    return references().stream().anyMatch(Reference::isSecret);
  }

  /** True when the whole value is exactly one reference, e.g. {@code ${secret.db.password}}. */
  public boolean isSingleReference() {
    return segments.size() == 1 && segments.get(0) instanceof Reference;
  }
}

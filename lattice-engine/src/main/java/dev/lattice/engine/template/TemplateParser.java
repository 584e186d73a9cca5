package dev.lattice.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ${...}} templates. {@code $${} writes a literal {@code ${}. With reverse expansion (for files
 * whose own syntax uses {@code ${}), the roles swap: {@code $${...}} is a reference and {@code ${} is literal.
 */
public final class TemplateParser {
  private TemplateParser() {}

  /** The parse result: a template, or why the text is not one. */
  public sealed interface Result permits Ok, Malformed {}

  public record Ok(Template template) implements Result {}

  /** {@code problem} says where the text is malformed; it quotes no more than the broken reference. */
  public record Malformed(String problem) implements Result {}

  public static Result parse(String text, boolean reverseExpand) {
    List<Template.Segment> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    String open = reverseExpand ? "$${" : "${";
    int i = 0;
    while (i < text.length()) {
      if (!reverseExpand && text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith(open, i)) {
        int start = i + open.length();
        int end = text.indexOf('}', start);
        if (end < 0) {
          return new Malformed("'" + abbreviate(text.substring(i)) + "' opens a reference that is never closed");
        }
        String expression = text.substring(start, end).trim();
        if (expression.isEmpty()) {
          return new Malformed("'" + text.substring(i, end + 1) + "' is an empty reference");
        }
        if (literal.length() > 0) {
          segments.add(new Template.Literal(literal.toString()));
          literal.setLength(0);
        }
        segments.add(new Template.Reference(expression));
        i = end + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0) {
      segments.add(new Template.Literal(literal.toString()));
    }
    return new Ok(new Template(segments));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}

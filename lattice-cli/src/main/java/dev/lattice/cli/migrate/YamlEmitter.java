package dev.lattice.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the values the original text does not have (a new field, a changed value) with SnakeYAML's emitter, in
 * the style of the text around them: a changed scalar keeps its quoting, a value inside {@code {...}} stays in
 * flow style. Lines are never wrapped, so a long image reference stays on one line.
 */
final class YamlEmitter {
  private final String newline;
  private final int indent;

  YamlEmitter(String newline, int indent) {
    this.newline = newline;
    this.indent = Math.max(2, Math.min(indent, 9)); // the range SnakeYAML's emitter accepts
  }

  /** {@code key: value} as block YAML, every line indented by {@code column} spaces and ending in a newline. */
  List<String> entry(String key, JsonNode value, int column) {
    Map<String, Object> single = new LinkedHashMap<>();
    single.put(key, plain(value));
    String text = yaml(FlowStyle.BLOCK, ScalarStyle.PLAIN).dump(single);
    List<String> lines = new ArrayList<>();
    String indent = " ".repeat(column);
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(indent + line + newline);
      }
    }
    return lines;
  }

  /** A scalar as it would be written in the given style (plain falls back to quotes where YAML needs them). */
  String scalar(JsonNode value, ScalarStyle style, boolean inFlow) {
    if (!value.isTextual()) {
      return value.isNull() ? "null" : value.asText();
    }
    String text = value.textValue();
    boolean multiLine = text.contains("\n");
    ScalarStyle chosen = multiLine && (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED
        || style == ScalarStyle.PLAIN) ? ScalarStyle.DOUBLE_QUOTED : style;
    String dumped = strip(yaml(FlowStyle.BLOCK, chosen).dump(text));
    if (inFlow && chosen == ScalarStyle.PLAIN && dumped.chars().anyMatch(c -> ",[]{}#".indexOf(c) >= 0)) {
      dumped = strip(yaml(FlowStyle.BLOCK, ScalarStyle.DOUBLE_QUOTED).dump(text));
    }
    return dumped;
  }

  /** A mapping key, plain where YAML allows. */
  String key(String key) {
    return strip(yaml(FlowStyle.BLOCK, ScalarStyle.PLAIN).dump(key));
  }

  /** A value written inside {@code {...}} or {@code [...]}. */
  String flow(JsonNode value) {
    if (value.isValueNode()) {
      return scalar(value, ScalarStyle.PLAIN, true);
    }
    return strip(yaml(FlowStyle.FLOW, ScalarStyle.PLAIN).dump(plain(value)));
  }

  private static String strip(String dumped) {
    String text = dumped.endsWith("\n") ? dumped.substring(0, dumped.length() - 1) : dumped;
    return text.endsWith("\n...") ? text.substring(0, text.length() - 4) : text;
  }

  private Yaml yaml(FlowStyle flow, ScalarStyle scalar) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(flow);
    options.setDefaultScalarStyle(scalar);
    options.setIndent(indent);
    options.setIndicatorIndent(indent == 2 ? 2 : indent - 2); // "- " within the indentation, as people write
    options.setIndentWithIndicator(true);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setExplicitEnd(false);
    return new Yaml(options);
  }

  /** The tree as the plain Java values SnakeYAML represents without tags. */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return null;
  }
}

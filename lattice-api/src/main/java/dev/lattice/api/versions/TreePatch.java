package dev.lattice.api.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/**
 * The few JSON Patch (RFC 6902) operations the conversion annotation needs: the difference between two trees as
 * add, remove and replace operations on object members (arrays and scalars are replaced whole), applying them,
 * and a digest of a tree that does not depend on key order.
 */
final class TreePatch {
  private TreePatch() {}

  /** The operations that turn {@code from} into {@code to}; empty when they are equal. */
  static ArrayNode diff(JsonNode from, JsonNode to) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    diff("", from, to, ops);
    return ops;
  }

  private static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
    if (from.equals(to)) {
      return;
    }
    if (from instanceof ObjectNode a && to instanceof ObjectNode b) {
      for (Map.Entry<String, JsonNode> f : a.properties()) {
        if (!b.has(f.getKey())) {
          ops.addObject().put("op", "remove").put("path", path + "/" + escape(f.getKey()));
        }
      }
      for (Map.Entry<String, JsonNode> f : b.properties()) {
        JsonNode before = a.get(f.getKey());
        String at = path + "/" + escape(f.getKey());
        if (before == null) {
          ops.addObject().put("op", "add").put("path", at).set("value", f.getValue().deepCopy());
        } else {
          diff(at, before, f.getValue(), ops);
        }
      }
      return;
    }
    ops.addObject().put("op", "replace").put("path", path).set("value", to.deepCopy());
  }

  /** {@code tree} with {@code ops} applied (a fresh tree); an operation whose parent is missing is skipped. */
  static JsonNode apply(JsonNode tree, JsonNode ops) {
    JsonNode out = tree.deepCopy();
    for (JsonNode op : ops) {
      String path = op.path("path").asText("");
      if (path.isEmpty()) {
        if (op.has("value")) {
          out = op.get("value").deepCopy();
        }
        continue;
      }
      int slash = path.lastIndexOf('/');
      JsonNode parent = slash <= 0 ? out : out.at(path.substring(0, slash));
      if (!(parent instanceof ObjectNode holder)) {
        continue;
      }
      String key = unescape(path.substring(slash + 1));
      if (op.path("op").asText().equals("remove")) {
        holder.remove(key);
      } else if (op.has("value")) {
        holder.set(key, op.get("value").deepCopy());
      }
    }
    return out;
  }

  /** sha256 of the tree with object keys sorted, so that reordering keys does not count as an edit. */
  static String digest(JsonNode tree) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StringBuilder canonical = new StringBuilder();
      canonical(tree, canonical);
      return "sha256:" + HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void canonical(JsonNode node, StringBuilder out) {
    if (node instanceof ObjectNode object) {
      out.append('{');
      TreeSet<String> keys = new TreeSet<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        out.append(JsonNodeFactory.instance.textNode(key)).append(':');
        canonical(object.get(key), out);
        out.append(',');
      }
      out.append('}');
    } else if (node instanceof ArrayNode array) {
      out.append('[');
      array.forEach(item -> {
        canonical(item, out);
        out.append(',');
      });
      out.append(']');
    } else {
      out.append(node.isNumber() ? node.numberValue().toString() : node.toString());
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String key) {
    return key.replace("~1", "/").replace("~0", "~");
  }
}

package dev.lattice.engine.render;

import dev.lattice.engine.output.Manifests;

/** Pod volume names: readable where they fit in a DNS label, shortened with a stable hash where they do not. */
public final class VolumeNames {
  private VolumeNames() {}

  private static final java.util.regex.Pattern INVALID = java.util.regex.Pattern.compile("[^a-z0-9-]+");
  private static final java.util.regex.Pattern DASHES = java.util.regex.Pattern.compile("-+");
  private static final java.util.regex.Pattern EDGES = java.util.regex.Pattern.compile("^-|-$");

  public static String of(String readable) {
    String lower = readable.toLowerCase(java.util.Locale.ROOT);
    if (dev.lattice.engine.validate.Names.isDnsLabel(lower)) {
      return lower; // the common case: already a valid volume name, no rewriting needed
    }
    String name = EDGES.matcher(DASHES.matcher(INVALID.matcher(lower).replaceAll("-")).replaceAll("-"))
        .replaceAll("");
    if (name.length() <= 63 && !name.isEmpty() && Character.isLetter(name.charAt(0))) {
      return name;
    }
    String hash = sha256(readable).substring(0, 8);
    String prefix = name.length() > 50 ? name.substring(0, 50) : name;
    return ("v-" + prefix).replaceAll("-+$", "") + "-" + hash;
  }

  static String sha256(String text) {
    return Manifests.sha256(text);
  }
}

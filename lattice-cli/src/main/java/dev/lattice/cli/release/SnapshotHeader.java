package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.output.Manifests;

/**
 * The first line of a snapshot: which format, which Lattice and which platform settings produced it.
 *
 * @param settingsDigest hex SHA-256 of the settings' canonical JSON, so two snapshots of different settings are
 *     told apart at a glance
 */
public record SnapshotHeader(int format, String lattice, String settingsDigest) {
  public static final String FORMAT_NAME = "lattice-snapshot";
  /** Bumped whenever a reader of the previous format would misread a record. */
  public static final int FORMAT = 1;

  public static SnapshotHeader current(PlatformSettings settings) {
    return new SnapshotHeader(FORMAT, latticeVersion(), settingsDigest(settings));
  }

  public static String settingsDigest(PlatformSettings settings) {
    return Manifests.sha256(Manifests.json(settings));
  }

  /** The version in the jar manifest, or "development" when run from classes (tests, the IDE). */
  public static String latticeVersion() {
    String version = SnapshotHeader.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  public ObjectNode toJson() {
    ObjectNode node = Manifests.jsonMapper().createObjectNode();
    node.put("format", FORMAT_NAME);
    node.put("version", format);
    node.put("lattice", lattice);
    node.put("settings", settingsDigest);
    return node;
  }

  /** The header, or null when the line is not one of a snapshot this Lattice can read. */
  static SnapshotHeader fromJson(JsonNode node) {
    if (!FORMAT_NAME.equals(node.path("format").asText()) || node.path("version").asInt(-1) != FORMAT) {
      return null;
    }
    return new SnapshotHeader(FORMAT, node.path("lattice").asText(), node.path("settings").asText());
  }

  /** "lattice 0.1.0, settings 1a2b3c4d": how reports name the side. */
  public String describe() {
    return "lattice " + lattice + ", settings " + settingsDigest.substring(0, Math.min(8, settingsDigest.length()));
  }
}

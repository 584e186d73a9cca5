package dev.lattice.policy;

import dev.lattice.api.model.ServiceRef;
import java.util.Map;

/**
 * Entity type names and the attributes Lattice gives each entity, compatible with the reference system's policies:
 * {@code Lattice::Service::"<ns>/<name>"} {namespace, name, kind}, the escape hatches as principals of their own
 * types {@code Lattice::MeshMember::"<ns>/<name>"} and {@code Lattice::Package::"<ns>/<name>"} (same attributes,
 * kind {@code meshmember} or {@code package}), {@code Lattice::SecretPath::"<provider>:<key>"}
 * {path, provider}, {@code Lattice::ExternalEndpoint::"<host>:<port>"} {host, port, protocol},
 * {@code Lattice::SecurityOverride::"<id>"} {category, override_id}, {@code Lattice::ImageRef::"<image>"}
 * {registry, name, tag}, {@code Lattice::Mesh::"inbound"}, {@code Lattice::EscapeHatch::"<Kind>/<ns>/<name>"}
 * {kind, owner, expires, days}, {@code Lattice::GpuModel::"<model>"} {model, count} ({@code "any"} when no model is
 * named).
 */
public final class Entities {
  public static final String SERVICE = "Lattice::Service";
  /** A LatticeMeshMember's principal: its own type, so a permit for services never covers it (nor the reverse). */
  public static final String MESH_MEMBER = "Lattice::MeshMember";
  /** A LatticePackage's principal. */
  public static final String PACKAGE = "Lattice::Package";
  public static final String ACTION = "Lattice::Action";
  public static final String SECRET_PATH = "Lattice::SecretPath";
  public static final String EXTERNAL_ENDPOINT = "Lattice::ExternalEndpoint";
  public static final String SECURITY_OVERRIDE = "Lattice::SecurityOverride";
  public static final String IMAGE_REF = "Lattice::ImageRef";
  public static final String MESH = "Lattice::Mesh";
  public static final String ESCAPE_HATCH = "Lattice::EscapeHatch";
  public static final String GPU_MODEL = "Lattice::GpuModel";

  private Entities() {}

  /** The principal's attributes: {@code kind} says which of the three principal types it is. */
  static Map<String, String> principalAttributes(AccessRequest request) {
    ServiceRef ref = request.principal();
    String kind = switch (request.principalType()) {
      case MESH_MEMBER -> "meshmember";
      case PACKAGE -> "package";
      default -> "service";
    };
    return Map.of("namespace", ref.namespace(), "name", ref.name(), "kind", kind);
  }

  public static ResourceEntity secretPath(String provider, String remoteKey) {
    return ResourceEntity.of(SECRET_PATH, provider + ":" + remoteKey, Map.of("provider", provider, "path", remoteKey));
  }

  public static ResourceEntity externalEndpoint(String host, int port, String protocol) {
    return ResourceEntity.of(EXTERNAL_ENDPOINT, host + ":" + port,
        Map.of("host", host, "port", Integer.toString(port), "protocol", protocol));
  }

  public static ResourceEntity securityOverride(String id, String category) {
    return ResourceEntity.of(SECURITY_OVERRIDE, id, Map.of("category", category, "override_id", id));
  }

  /**
   * An escape hatch whose expiry passes the platform's maximum lifetime.
   *
   * @param days how many days from today it is meant to live
   */
  public static ResourceEntity escapeHatch(String kind, ServiceRef ref, String owner, String expires, long days) {
    return ResourceEntity.of(ESCAPE_HATCH, kind + "/" + ref, Map.of("kind", kind, "owner", owner, "expires", expires,
        "days", Long.toString(days)));
  }

  /**
   * A GPU model a service asks for.
   *
   * @param model the node label value of {@code nvidia.com/gpu.product}, or {@code "any"}
   * @param count how many GPUs each pod asks for
   */
  public static ResourceEntity gpuModel(String model, long count) {
    return ResourceEntity.of(GPU_MODEL, model, Map.of("model", model, "count", Long.toString(count)));
  }

  public static ResourceEntity meshInbound() {
    return ResourceEntity.of(MESH, "inbound", Map.of());
  }

  /**
   * An image reference with registry, name and tag split the way the reference does: {@code nginx:latest} is
   * {@code docker.io/library/nginx}, {@code user/app} is {@code docker.io/user/app}, a digest is the tag, no tag is
   * {@code latest}.
   */
  public static ResourceEntity image(String image) {
    String rest = image;
    String tag = "latest";
    int at = rest.indexOf('@');
    if (at >= 0) {
      tag = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      if (at < 0) {
        tag = rest.substring(colon + 1);
      }
      rest = rest.substring(0, colon);
    }
    String registry = "docker.io";
    String name = rest;
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        name = rest.substring(first + 1);
      }
    }
    if (registry.equals("docker.io") && !name.contains("/")) {
      name = "library/" + name;
    }
    return ResourceEntity.of(IMAGE_REF, image, Map.of("registry", registry, "name", name, "tag", tag));
  }

  /** A Cedar string literal. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

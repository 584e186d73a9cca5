package dev.lattice.engine.render;

/** ConfigMap and Secret keys for container files. */
public final class FileKeys {
  private FileKeys() {}

  /** {@code /etc/app/config.yaml} becomes {@code etc-app-config.yaml}. */
  public static String key(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.replace('/', '-');
  }
}

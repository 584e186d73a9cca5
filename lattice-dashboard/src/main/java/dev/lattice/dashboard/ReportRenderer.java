package dev.lattice.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one renderer of a {@link FleetReport}: JSON for scripts ({@code lattice report --format json}) and the page
 * (sections with sortable tables, bars for versions by team, uPlot lines for trends, every figure a link to the
 * workloads behind it). {@link #html(FleetReport)} inlines every asset so the file works offline;
 * {@link #html(FleetReport, String)} links them from a path a server answers with {@link #asset(String)}.
 */
public final class ReportRenderer {
  /** uPlot's WebJar, a dependency of this module: the page's line charts. */
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  private static final Map<String, String> ASSETS = Map.of(
      "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
      "uPlot.min.css", UPLOT + "uPlot.min.css",
      "dashboard.js", "dev/lattice/dashboard/dashboard.js",
      "dashboard.css", "dev/lattice/dashboard/dashboard.css");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportRenderer() {}

  /** The report as JSON, indented, ending in a newline. */
  public static String json(FleetReport report) {
    try {
      return JSON.writeValueAsString(jsonTree(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The report as a JSON tree (for a caller that embeds it in a larger document). */
  public static ObjectNode jsonTree(FleetReport report) {
    return ReportJson.tree(report);
  }

  /** The page as one self-contained file: styles and scripts inlined, nothing fetched from anywhere. */
  public static String html(FleetReport report) {
    return new HtmlPage(report, Optional.empty()).render();
  }

  /**
   * The page with its assets linked, for a server.
   *
   * @param assetPath where {@link #asset(String)} is served, e.g. {@code /dashboard/assets} (no trailing slash)
   */
  public static String html(FleetReport report, String assetPath) {
    Objects.requireNonNull(assetPath, "assetPath");
    return new HtmlPage(report, Optional.of(assetPath)).render();
  }

  /** The names {@link #asset(String)} answers, for a server's routing. */
  public static java.util.Set<String> assetNames() {
    return new java.util.TreeSet<>(ASSETS.keySet());
  }

  /** A static asset of the page from the jar ({@code dashboard.js}, {@code uPlot.iife.min.js}, …). */
  public static Optional<Asset> asset(String name) {
    String resource = ASSETS.get(name);
    if (resource == null) {
      return Optional.empty();
    }
    String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    return Optional.of(new Asset(type, bytes(resource)));
  }

  static String text(String name) {
    return new String(bytes(ASSETS.get(name)), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path (the uPlot WebJar or the "
            + "lattice-dashboard jar)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A static file: its content type and bytes. */
  public record Asset(String contentType, byte[] bytes) {}
}

package dev.lattice.operator.packages;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.engine.packages.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a package's chart with helm-java ({@code helm template}, native helm in this process): from a local
 * folder holding {@code <name>-<version>/} or {@code <name>-<version>.tgz}, an OCI reference, or a chart
 * repository's {@code <name>-<version>.tgz}. Helm's failures come back as {@link Rendered.Failed}, never thrown.
 */
public final class ChartRenderer {
  private static final ObjectMapper YAML = new YAMLMapper();

  private final Path base;

  /** @param base what a relative local repository is resolved against */
  public ChartRenderer(Path base) {
    this.base = base.toAbsolutePath();
  }

  public Rendered render(PackageEngine.Render plan) {
    PackageIntent p = plan.intent();
    Path values = null;
    try {
      TemplateCommand template;
      String repository = p.repository();
      String lower = repository.toLowerCase(Locale.ROOT);
      if (lower.startsWith("oci://")) {
        template = Helm.template(strip(repository) + "/" + p.chart()).withVersion(p.version());
      } else if (lower.startsWith("https://") || lower.startsWith("http://")) {
        template = Helm.template(strip(repository) + "/" + p.chart() + "-" + p.version() + ".tgz");
      } else {
        Path folder = local(repository);
        Path chart = folder.resolve(p.chart() + "-" + p.version());
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
          chart = folder.resolve(p.chart() + "-" + p.version() + ".tgz");
        }
        if (!Files.exists(chart)) {
          return Rendered.failed("chart " + p.chart() + " " + p.version() + " not found: neither " + p.chart() + "-"
              + p.version() + "/Chart.yaml nor " + p.chart() + "-" + p.version() + ".tgz is in " + folder);
        }
        template = new Helm(chart).template();
      }
      values = Files.createTempFile("lattice-values-", ".yaml");
      Files.writeString(values, YAML.writeValueAsString(plan.values()));
      String out = template.withName(p.name()).withNamespace(p.namespace()).withValuesFile(values).call();
      return Rendered.of(documents(out));
    } catch (IOException | RuntimeException e) {
      return Rendered.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      if (values != null) {
        try {
          Files.deleteIfExists(values);
        } catch (IOException ignored) {
          // A temp file left behind holds no secret: secret values never reach the values.
        }
      }
    }
  }

  private Path local(String repository) {
    String path = repository.regionMatches(true, 0, "file://", 0, 7) ? repository.substring(7) : repository;
    return base.resolve(path).normalize();
  }

  private static String strip(String repository) {
    return repository.endsWith("/") ? repository.substring(0, repository.length() - 1) : repository;
  }

  /** Helm's multi-document output, empty documents (a template that rendered nothing) dropped. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(String yaml) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
      while (it.hasNext()) {
        Object doc = it.next();
        if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
          out.add((Map<String, Object>) map);
        }
      }
    }
    return out;
  }
}

package dev.lattice.cli.command;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.generate.FleetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lattice generate-fleet}: a synthetic fleet for benchmarks and demos. */
@Command(
    name = "generate-fleet",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a synthetic fleet of N LatticeServices, for demos and load tests.",
      "The services are spread over N/20 namespaces, with bilateral dependencies (5%% one-sided), secrets, "
          + "ingress, metrics ports and the CedarPolicies they need. The same --seed gives the same fleet."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice generate-fleet --services 1000 --out /tmp/fleet",
      "  lattice derive --summary /tmp/fleet",
      "  lattice generate-fleet --services 1000 --api-version v1 --out /tmp/fleet-v1",
    })
public final class GenerateFleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--services", paramLabel = "N", required = true, description = "Number of services.")
  int services;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write (created).")
  Path out;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Random seed (default 42).")
  long seed;

  @Option(names = "--api-version", paramLabel = "VERSION", defaultValue = "v1alpha1",
      description = "LatticeService version to write: v1alpha1 (default), v1beta1 or v1; the same fleet in each.")
  String apiVersion;

  @Override
  public Integer call() throws IOException {
    if (services < 1) {
      spec.commandLine().getErr().println("lattice generate-fleet: --services must be at least 1.");
      return ExitCodes.INPUT_ERROR;
    }
    Optional<ApiVersion> version = ApiVersion.of(apiVersion);
    if (version.isEmpty()) {
      spec.commandLine().getErr().println("lattice generate-fleet: --api-version " + apiVersion + " is not served; "
          + "use one of " + ApiVersion.servedList() + ".");
      return ExitCodes.INPUT_ERROR;
    }
    YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .build());
    // Documents that share a file (the split platform policies) go into it one after the other.
    Map<String, StringBuilder> files = new LinkedHashMap<>();
    for (FleetGenerator.Document document : FleetGenerator.generate(services, seed)) {
      files.computeIfAbsent(document.file(), f -> new StringBuilder())
          .append(yaml.writeValueAsString(written(document.body(), version.get())));
    }
    int written = 0;
    for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
      Path path = out.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      written++;
    }
    spec.commandLine().getErr().println("Wrote " + written + " files (" + services + " services) to " + out + ".");
    return ExitCodes.OK;
  }

  /** A generated LatticeService in {@code version}, converted as lattice migrate would; other kinds as they are. */
  private static ObjectNode written(ObjectNode document, ApiVersion version) {
    if (version == ApiVersion.V1ALPHA1 || !"LatticeService".equals(document.path("kind").asText())) {
      return document;
    }
    if (Conversions.convert(document, version) instanceof ConversionResult.Converted converted) {
      return converted.document();
    }
    throw new IllegalStateException("a generated service needs a decision to be written in " + version);
  }
}

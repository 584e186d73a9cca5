package dev.lattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The part of {@code lattice derive} that is Jackson YAML alone, in a fresh JVM with {@code bin/lattice}'s flags:
 * (1) parse every file of the fleet into trees with a plain {@link YAMLMapper}, cold, on all cores; (2) derive the
 * fleet (not timed); (3) write every derived service with a plain {@link YAMLMapper} to its own file, cold (the
 * derivation never touches YAML), on all cores. The two timed parts are what the YAML library costs a cold CLI run
 * before Lattice does anything: a floor for the end-to-end target on this machine.
 *
 * <p>{@code java [bin/lattice's flags] -cp ... dev.lattice.bench.YamlFloor FLEET OUT}
 */
public final class YamlFloor {
  private YamlFloor() {}

  public static void main(String[] args) throws Exception {
    Path fleetDir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    ObjectMapper yaml = new YAMLMapper();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fleetDir)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    long t0 = System.nanoTime();
    long documents = files.parallelStream().mapToLong(file -> {
      try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
        return it.readAll().size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
    long t1 = System.nanoTime();

    ReadResult read = new ManifestReader().read(List.of(fleetDir));
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    Platform platform = Platform.of(read);
    List<Derivation> derived = new Engine(platform.settings(), platform.authorizer()).deriveAll(fleet);

    Files.createDirectories(out);
    long t2 = System.nanoTime();
    long bytes = derived.parallelStream().mapToLong(d -> {
      if (!(d instanceof Derivation.Derived ok)) {
        return 0;
      }
      try {
        StringBuilder text = new StringBuilder();
        for (var object : ok.resources()) {
          text.append(yaml.writeValueAsString(object));
        }
        Path file = out.resolve(d.ref().namespace() + "-" + d.ref().name() + ".yaml");
        Files.writeString(file, text);
        return text.length();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
    long t3 = System.nanoTime();
    System.out.printf("read %d files (%d documents) into trees: %.2f s; write %d services (%.1f MB YAML): %.2f s%n",
        files.size(), documents, (t1 - t0) / 1e9, derived.size(), bytes / 1e6, (t3 - t2) / 1e9);
  }
}

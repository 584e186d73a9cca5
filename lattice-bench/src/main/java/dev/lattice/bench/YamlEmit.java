package dev.lattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.output.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One way of writing every derived service's YAML, cold, in a fresh JVM with {@code bin/lattice}'s flags (C1 only),
 * on all cores, timed in process CPU: what a cold {@code lattice derive --output-dir} spends on emission with that
 * way. Ways: {@code direct} ({@link Manifests#yaml}, from the objects), {@code tree} (each object to a Jackson tree
 * first, then the same YAML writer over the tree), {@code json} (compact JSON only: Jackson's serialisation of the
 * objects without any YAML, the part no YAML emitter can remove). Every way but json is checked to give the bytes
 * of {@code direct}.
 *
 * <p>{@code java [bin/lattice's flags] -cp ... dev.lattice.bench.YamlEmit FLEET WAY}
 */
public final class YamlEmit {
  private YamlEmit() {}

  public static void main(String[] args) {
    ReadResult read = new ManifestReader().read(List.of(Path.of(args[0])));
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    Platform platform = Platform.of(read);
    List<List<HasMetadata>> services = new Engine(platform.settings(), platform.authorizer()).deriveAll(fleet)
        .stream().filter(d -> d instanceof Derivation.Derived).map(d -> ((Derivation.Derived) d).resources())
        .map(r -> List.<HasMetadata>copyOf(r)).toList();
    Function<List<HasMetadata>, String> way = switch (args[1]) {
      case "direct" -> Manifests::yaml;
      case "tree" -> YamlEmit::viaTree;
      case "json" -> objects -> {
        StringBuilder text = new StringBuilder();
        objects.forEach(o -> text.append(Manifests.json(o)).append('\n'));
        return text.toString();
      };
      default -> throw new IllegalArgumentException("way: direct, tree or json");
    };
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    long bytes = services.parallelStream().mapToLong(s -> way.apply(s).length()).sum();
    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    String check = "";
    if (!args[1].equals("json")) {
      long differ = services.stream().filter(s -> !way.apply(s).equals(Manifests.yaml(s))).count();
      check = differ == 0 ? ", same bytes as direct" : ", " + differ + " services DIFFER from direct";
    }
    System.out.printf("%s: %d services, %.1f MB: %.2f CPU-s, %.2f s wall%s%n", args[1], services.size(), bytes / 1e6,
        cpu / 1e9, wall / 1e9, check);
  }

  /** Each object to a JSON tree (empty fields dropped there), then the tree through the same YAML writer. */
  private static String viaTree(List<HasMetadata> objects) {
    StringWriter out = new StringWriter();
    try (SequenceWriter documents = Manifests.yamlWriter().writeValues(out)) {
      for (HasMetadata object : objects) {
        JsonNode tree = Manifests.tree(object);
        documents.write(tree);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

package dev.lattice.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.bench.Fixture;
import dev.lattice.bench.Tally;
import dev.lattice.engine.output.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw floor: serialising the already-derived objects of the whole fleet, in memory.
 *
 * <ul>
 *   <li>{@code manifestsYaml}: {@link Manifests#yaml} per service, exactly what {@code lattice derive --output-dir}
 *       writes (canonical: tree, sorted keys, quoting).
 *   <li>{@code plainYaml}: a default {@link YAMLMapper} on each object: the Jackson YAML floor for the same objects.
 *   <li>{@code canonicalJson}: {@link Manifests#json} per object (tree, sorted keys).
 *   <li>{@code plainJson}: a default {@link JsonMapper} on each object: the Jackson JSON floor.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBench {
  @Param("1000")
  public int services;

  private Fixture fixture;
  private final ObjectMapper json = new JsonMapper();
  private final ObjectMapper yaml = new YAMLMapper();

  @Setup
  public void setup() {
    fixture = Fixture.of(services);
  }

  private void count(long bytes, long objects) {
    Tally.add("ops", 1);
    Tally.add("bytes", bytes);
    Tally.add("objects", objects);
  }

  @Benchmark
  public long manifestsYaml() {
    long chars = 0;
    long objects = 0;
    for (List<HasMetadata> service : fixture.objects) {
      chars += Manifests.yaml(service).length();
      objects += service.size();
    }
    count(chars, objects);
    return chars;
  }

  @Benchmark
  public long plainYaml() throws JsonProcessingException {
    return each(yaml);
  }

  @Benchmark
  public long canonicalJson() {
    long chars = 0;
    long objects = 0;
    for (List<HasMetadata> service : fixture.objects) {
      for (HasMetadata object : service) {
        chars += Manifests.json(object).length();
        objects++;
      }
    }
    count(chars, objects);
    return chars;
  }

  @Benchmark
  public long plainJson() throws JsonProcessingException {
    return each(json);
  }

  private long each(ObjectMapper mapper) throws JsonProcessingException {
    long bytes = 0;
    long objects = 0;
    for (List<HasMetadata> service : fixture.objects) {
      for (HasMetadata object : service) {
        bytes += mapper.writeValueAsBytes(object).length;
        objects++;
      }
    }
    count(bytes, objects);
    return bytes;
  }
}

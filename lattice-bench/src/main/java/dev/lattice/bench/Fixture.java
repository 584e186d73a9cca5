package dev.lattice.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ServedTypes;
import dev.lattice.cli.LatticeCli;
import dev.lattice.cli.generate.FleetGenerator;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.authorize.Ask;
import dev.lattice.policy.AccessRequest;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.DecisionCache;
import dev.lattice.policy.PolicyLibrary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One fleet of N services (seed 42), built once per JVM and shared by every benchmark of that N (the suite runs JMH
 * with forks 0): the YAML files {@code lattice generate-fleet} writes, what {@link ManifestReader} reads from them,
 * the {@link Fleet}, the policy library, and a derivation of the whole fleet whose Cedar decisions fill
 * {@link #warmCache}. Building it is timed (that is the "cold" in-process derivation) but is never part of a
 * measurement. Benchmarks must treat it as read-only.
 */
public final class Fixture {
  public static final long SEED = 42;
  private static final Map<Integer, Fixture> BY_SIZE = new ConcurrentHashMap<>();
  static final ObjectMapper SPEC_MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public final int services;
  public final Path dir;
  public final Path fleetDir;
  public final List<FleetGenerator.Document> documents;
  public final ReadResult read;
  public final Fleet fleet;
  public final PlatformSettings settings;
  public final PolicyLibrary library;
  public final DecisionCache warmCache;
  public final Engine engine;
  public final List<Derivation> derived;
  /** The objects of every derived service, per service. */
  public final List<List<HasMetadata>> objects;
  /** Every access request the fleet's specs ask Cedar for, in fleet order. */
  public final List<AccessRequest> requests;
  /** Facts about the build: timings of each step (ms), counts. Reported beside the benchmark results. */
  public final Map<String, Object> facts = new LinkedHashMap<>();

  /** The fixture for {@code services}, built on first use. */
  public static Fixture of(int services) {
    Fixture f = BY_SIZE.get(services);
    if (f == null) {
      synchronized (BY_SIZE) {
        f = BY_SIZE.computeIfAbsent(services, Fixture::new);
      }
    }
    return f;
  }

  /** Where fleets and charts are written: {@code -Dlattice.bench.work}, default {@code $TMPDIR/lattice-bench}. */
  public static Path workDir() {
    String configured = System.getProperty("lattice.bench.work");
    return Path.of(configured != null ? configured : System.getProperty("java.io.tmpdir") + "/lattice-bench");
  }

  private Fixture(int services) {
    this.services = services;
    this.dir = workDir().resolve("n" + services);
    this.fleetDir = dir.resolve("fleet");
    long t0 = System.nanoTime();
    this.documents = FleetGenerator.generate(services, SEED);
    long t1 = System.nanoTime();
    writeFleet(services, fleetDir);
    long t2 = System.nanoTime();
    ReadResult fromFiles = new ManifestReader().read(List.of(fleetDir));
    if (!fromFiles.errors().isEmpty()) {
      throw new IllegalStateException("the generated fleet has input errors: " + fromFiles.errors().get(0));
    }
    this.read = fromFiles;
    long t3 = System.nanoTime();
    this.fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    Platform platform = Platform.of(read);
    this.settings = platform.settings();
    this.library = platform.policies();
    long t4 = System.nanoTime();
    this.warmCache = new DecisionCache();
    this.engine = new Engine(settings, new CedarAuthorizer(library, warmCache));
    this.derived = deriveParallel(engine, fleet);
    long t5 = System.nanoTime();
    List<List<HasMetadata>> objs = new ArrayList<>();
    int failed = 0;
    long objectCount = 0;
    java.util.Set<dev.lattice.api.model.ServiceRef> ok = new java.util.HashSet<>();
    java.util.SortedSet<String> namespaces = new java.util.TreeSet<>();
    for (Derivation d : derived) {
      if (d instanceof Derivation.Derived done) {
        // As lattice derive writes them: a service's own objects, and each namespace's shared Gateway once.
        List<HasMetadata> own = dev.lattice.cli.io.SharedGateways.withoutParts(done.resources());
        objs.add(own);
        objectCount += own.size();
        ok.add(done.ref());
        namespaces.add(done.ref().namespace());
      } else {
        failed++;
      }
    }
    for (var gateway : dev.lattice.cli.io.SharedGateways.of(fleet, namespaces, ok::contains, settings).values()) {
      if (gateway.isPresent()) {
        objs.add(List.of(gateway.get()));
        objectCount++;
      }
    }
    this.objects = List.copyOf(objs);
    List<AccessRequest> asks = new ArrayList<>();
    for (ServiceInput input : fleet.services()) {
      for (Ask ask : engine.accessRequests(input, fleet)) {
        asks.add(ask.request());
      }
    }
    this.requests = List.copyOf(asks);
    facts.put("services", services);
    facts.put("generateMs", ms(t0, t1));
    facts.put("writeFilesMs", ms(t1, t2));
    facts.put("readMs", ms(t2, t3));
    facts.put("fleetAndPoliciesMs", ms(t3, t4));
    facts.put("deriveColdMs", ms(t4, t5));
    facts.put("coldEvaluations", warmCache.evaluations());
    facts.put("coldCacheHits", warmCache.hits());
    facts.put("coldCacheMisses", warmCache.misses());
    facts.put("derived", derived.size() - failed);
    facts.put("failed", failed);
    facts.put("objects", objectCount);
    facts.put("accessRequests", requests.size());
    facts.put("distinctRequests", new java.util.HashSet<>(requests).size());
    facts.put("imageRequests", requests.stream().filter(r -> r.action() == dev.lattice.policy.Action.UseImage).count());
    facts.put("statements", library.statements().size());
  }

  /**
   * Every service of the fleet derived on every core, in fleet order: what {@code lattice derive} does (services
   * derive independently against the same immutable fleet).
   */
  public static List<Derivation> deriveParallel(Engine engine, Fleet fleet) {
    return fleet.services().parallelStream().map(input -> engine.derive(input, fleet)).toList();
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }

  /** Writes the fleet exactly as {@code lattice generate-fleet --services N --out DIR} does (in this JVM). */
  public static void writeFleet(int services, Path out) {
    deleteTree(out);
    StringWriter err = new StringWriter();
    int status = LatticeCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "generate-fleet",
        "--services", String.valueOf(services), "--seed", String.valueOf(SEED), "--out", out.toString());
    if (status != 0) {
      throw new IllegalStateException("lattice generate-fleet failed: " + err);
    }
  }

  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The LatticeService document of the i-th generated service (a copy, free to change). */
  public ObjectNode serviceDocument(int index) {
    return documents.get(index).body().deepCopy();
  }

  /** Maps a LatticeService document to engine input, as {@link ManifestReader} does after parsing. */
  public static ServiceInput input(ObjectNode document) {
    try {
      ApiVersion version = ApiVersion.of(document.path("apiVersion").asText()).orElse(ApiVersion.V1ALPHA1);
      MappedIntent mapped = ServedTypes.map(SPEC_MAPPER.treeToValue(document, ServedTypes.type(version)));
      return new ServiceInput(mapped.intent(), mapped.diagnostics());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

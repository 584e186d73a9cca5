package dev.lattice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.cli.LatticeCli;
import dev.lattice.cli.Terminal;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.SpecGenerators;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

/**
 * No secret value in any output, over random fleets: each fleet is derived next to a Kubernetes Secret holding
 * marker values (in {@code stringData} and base64 in {@code data}) and with a credential-looking marker in a plain
 * variable; neither the report (text and JSON), nor stderr, nor any file written may contain the Secret's markers,
 * and no report may repeat the plain credential (the derived ConfigMap holds it, as the user wrote it, with a
 * {@code PlainCredential} warning). {@code -DQT_EXAMPLES=n} runs more fleets.
 */
class SecretLeakPropertyTest {
  private static final String SECRET = "Zq9" + "secretMARKERvalue" + "7Hx";
  private static final String CREDENTIAL = "sk_live_" + "PLANTEDmarker0123456789ab";
  private static final AtomicLong FLEETS = new AtomicLong();
  private static final AtomicLong OUTPUTS = new AtomicLong();
  private static final AtomicLong BYTES = new AtomicLong();
  private static final AtomicLong WARNED = new AtomicLong();

  @TempDir Path root;

  @AfterAll
  static void record() {
    ReliabilityFigures.record("SecretLeakPropertyTest", Map.of("fleets", FLEETS.get(), "outputsScanned",
        OUTPUTS.get(), "bytesScanned", BYTES.get(), "markersPlanted", 3L * FLEETS.get(), "plainCredentialWarnings", WARNED.get()));
  }

  @Test
  void noSecretValueInAnyOutput() {
    qt().withExamples(Integer.getInteger("QT_EXAMPLES", 60))
        .forAll(SpecGenerators.fleets(4, 2), Generate.range(0, 1_000_000))
        .checkAssert((fleet, run) -> {
          try {
            check(fleet, root.resolve("run-" + FLEETS.incrementAndGet()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(List<Map<String, Object>> fleet, Path dir) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<String> documents = new ArrayList<>();
    for (Map<String, Object> service : fleet) {
      documents.add(SpecGenerators.yaml(service));
    }
    // The credential-looking plain value goes into the first service's first container.
    String first = documents.get(0).replaceFirst("(?m)^(      (\"?[a-z-]+\"?):\\n)", "$1        variables: {"
        + "PAYMENT_TOKEN: \"" + CREDENTIAL + "\"}\n");
    documents.set(0, first);
    Files.writeString(in.resolve("fleet.yaml"), String.join("---\n", documents));
    Files.writeString(in.resolve("secret.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: shop, annotations: {note: "%s"}}
        stringData: {password: "%s"}
        data: {token: %s}
        """.formatted(SECRET, SECRET, Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
    Path out = dir.resolve("out");
    List<String> outputs = new ArrayList<>();
    outputs.addAll(derive("derive", "--output-dir", out.toString(), in.toString()));
    outputs.addAll(derive("derive", "-o", "json", in.toString()));
    outputs.addAll(derive("validate", in.toString()));
    List<String> written = new ArrayList<>();
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          // Decoded leniently: the binary run record (last-run.bin) holds the report as UTF-8 among other bytes.
          written.add(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    String encoded = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    for (String text : outputs) {
      OUTPUTS.incrementAndGet();
      BYTES.addAndGet(text.length());
      assertThat(text).doesNotContain(SECRET, encoded, CREDENTIAL);
      if (text.contains("PlainCredential")) {
        WARNED.incrementAndGet();
      }
    }
    for (String text : written) {
      OUTPUTS.incrementAndGet();
      BYTES.addAndGet(text.length());
      assertThat(text).doesNotContain(SECRET, encoded);
    }
  }

  /** stdout and stderr of one in-process run; the JSON manifests (-o json) may hold the plain credential. */
  private static List<String> derive(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = LatticeCli.run(Terminal.REDIRECTED, "lattice", new PrintWriter(stdout, true),
        new PrintWriter(stderr, true), args);
    assertThat(code).as(stderr.toString()).isBetween(0, 2);
    boolean manifests = List.of(args).contains("-o");
    return manifests ? List.of(stderr.toString(), stdout.toString().replace(CREDENTIAL, ""))
        : List.of(stderr.toString(), stdout.toString());
  }
}

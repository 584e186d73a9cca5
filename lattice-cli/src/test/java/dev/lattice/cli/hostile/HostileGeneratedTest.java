package dev.lattice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.Limits;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input generated here rather than checked in (large files, encodings, links), each a case issue 18 found
 * crashing or hanging {@code lattice derive}, with the checks of {@link Hostile}. The watchdog only catches a hang.
 */
@Timeout(180)
class HostileGeneratedTest {
  @TempDir Path root;
  Path in;

  @BeforeEach
  void input() throws IOException {
    in = Files.createDirectory(root.resolve("in"));
  }

  private Hostile derive(String file, byte[] content) throws IOException {
    Files.write(in.resolve(file), content);
    return Hostile.derive(root, in);
  }

  private Hostile derive(String file, String content) throws IOException {
    return derive(file, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("an 8 MB scalar without whitespace and an 8 MB comment line are refused before parsing")
  void longLines() throws IOException {
    Hostile scalar = derive("scalar.yaml", Specs.MINIMAL.replace("name: api", "name: a" + "x".repeat(8 << 20)));
    assertThat(scalar.exitCode).isEqualTo(2);
    assertThat(scalar.report).contains("scalar.yaml:3: the line has " + ((8 << 20) + 36) + " characters, more than "
        + "the 1048576 Lattice reads in one line; the file is not read. Fix: break the value over several lines (a "
        + "YAML block scalar, |), or keep large content out of the spec.");

    Files.delete(in.resolve("scalar.yaml"));
    Hostile comment = derive("comment.yaml", "# " + "c".repeat(8 << 20) + "\n" + Specs.MINIMAL);
    assertThat(comment.report).contains("comment.yaml:1: the line has 8388610 characters");
  }

  @Test
  @DisplayName("a 2.5 GB file (sparse) is refused before it is read, naming its size")
  void hugeFile() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(in.resolve("huge.yaml").toFile(), "rw")) {
      file.setLength(2560L << 20);
    }
    Hostile run = Hostile.derive(root, in);
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.report).contains("huge.yaml: the file has 2560 MiB, more than the 64 MiB Lattice reads from one "
        + "file; it is not read. Fix: split it into several files, or check that it is the file you meant.");
  }

  @Test
  @DisplayName("a file of NULs, UTF-16 text and Latin-1 bytes each get a reason; a BOM and CRLF line ends are fine")
  void encodings() throws IOException {
    Files.write(in.resolve("nuls.yaml"), new byte[1 << 20]);
    Files.write(in.resolve("utf16.yaml"), ("\uFEFF" + Specs.MINIMAL).getBytes(StandardCharsets.UTF_16LE));
    Files.write(in.resolve("latin1.yaml"), Specs.MINIMAL.replace("api:1.0.0", "\u00e9:1").getBytes(
        StandardCharsets.ISO_8859_1));
    Files.write(in.resolve("bom-crlf.yaml"), ("\uFEFF" + Specs.MINIMAL.replace("name: api", "name: crlf")
        .replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));

    Hostile run = Hostile.derive(root, in);

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.report).contains("latin1.yaml: the file is not UTF-8 text.")
        .contains("nuls.yaml:1: invalid YAML: the text holds control characters YAML does not allow (such as NUL); "
            + "is it a binary file, or text saved as UTF-16? Fix: save it as UTF-8 text.")
        .contains("utf16.yaml: the file is not UTF-8 text.")
        .containsPattern("shop/crlf +Ready");
    assertThat(root.resolve("out/shop/crlf.yaml")).exists();
  }

  @Test
  @DisplayName("a refreshInterval of 10,000 repeated durations is checked without a StackOverflowError")
  void repeatedDuration() throws IOException {
    Hostile run = derive("secret.yaml", Specs.minimalWith("spec: {workload: {resources: {db: {type: secret, "
        + "id: shop/db, params: {provider: vault, refreshInterval: " + "1h".repeat(10_000) + "x}}}}}"));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.report).contains("spec.workload.resources.db.params.refreshInterval: '" + "1h".repeat(20)
        + "...' is not a duration in hours, minutes and seconds.");
  }

  @Test
  @DisplayName("a CedarPolicy nested 10,000 deep fails that statement with its line; the JVM survives")
  void deepCedar() throws IOException {
    Hostile run = derive("policy.yaml", "apiVersion: lattice.dev/v1alpha1\nkind: CedarPolicy\nmetadata: {name: deep, "
        + "namespace: lattice-system}\nspec:\n  policies: |\n    permit(principal, action, resource) when { "
        + "(".repeat(10_000) + "true" + ")".repeat(10_000) + " };\n");
    assertThat(run.exitCode).isZero();
    assertThat(run.report).contains("line 1: the statement nests brackets 10001 levels deep");
  }

  @Test
  @DisplayName("a 5 MB platform contact is cut to its first 200 characters in denials")
  void hugeContact() throws IOException {
    Files.writeString(in.resolve("platform.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + "lattice-platform, namespace: lattice-system}\ndata:\n  contact: |\n" + ("    ada " + "x".repeat(60) + "\n")
        .repeat(50_000));
    Hostile run = derive("api.yaml", Specs.minimalWith(
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}"));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.report).contains("contact ada " + "x".repeat(60) + " ada").contains("... to request a CedarPolicy");
  }

  @Test
  @DisplayName("a symbolic link loop in an input folder is not followed, and the rest is read")
  void symlinkLoop() throws IOException {
    Files.createSymbolicLink(in.resolve("loop"), in);
    Files.createDirectory(in.resolve("sub"));
    Files.createSymbolicLink(in.resolve("sub/up"), in);
    Hostile run = derive("api.yaml", Specs.MINIMAL);
    assertThat(run.exitCode).isZero();
    assertThat(run.report).contains("2 services: 2 Ready, 0 Failed.");
  }

  @Test
  @DisplayName("50,000 invalid variable names end in one TooManyEntries error, not 50,000 located messages")
  void manyInvalidNames() throws IOException {
    StringBuilder variables = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      variables.append("          \"bad name ").append(i).append("\": x\n");
    }
    Files.writeString(in.resolve("api.yaml"), Specs.MINIMAL.replace("        command:",
        "        variables:\n" + variables + "        command:"));
    Path out = root.resolve("out");
    var stdout = new java.io.StringWriter();
    int code = dev.lattice.cli.LatticeCli.run(dev.lattice.cli.Terminal.REDIRECTED, "lattice",
        new java.io.PrintWriter(stdout, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
        "derive", "--summary", "--output-dir", out.toString(), in.toString());
    assertThat(code).isEqualTo(1);
    assertThat(stdout.toString()).contains("error   TooManyEntries  " + in.resolve("api.yaml") + ":9\n"
        + "          spec.workload.containers.main.variables: the service declares 50000 variables here, more than "
        + "the " + Limits.VARIABLES + " Lattice accepts; no other rule was checked.")
        .doesNotContain("InvalidVariableName");
  }

  @Test
  @DisplayName("a 5 MB block scalar over short lines is refused at its field; the other documents of the file are read")
  void hugeScalar() throws IOException {
    String content = ("              " + "d".repeat(60) + "\n").repeat((5 << 20) / 75);
    Hostile run = derive("big.yaml", Specs.MINIMAL.replace("name: api", "name: small") + "---\n"
        + Specs.MINIMAL.replace("        command:", "        files:\n          /etc/big.txt:\n            content: |\n"
        + content + "        command:"));
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.report).contains("big.yaml:26: spec.workload.containers.main.files./etc/big.txt.content: the "
        + "value has 4264205 characters, more than the " + Limits.SCALAR_CHARS + " Lattice reads in one value. Fix: "
        + "keep large content out of the spec, e.g. in the image or a volume.").containsPattern("shop/small +Ready");
  }

  @Test
  @DisplayName("a 5 MB document of 80 values of 64 KB each is refused; the other documents of the file are read")
  void hugeDocument() throws IOException {
    StringBuilder variables = new StringBuilder("        variables:\n");
    for (int i = 0; i < 80; i++) {
      variables.append("          V").append(i).append(": ").append("v".repeat(64 * 1024)).append('\n');
    }
    Hostile run = derive("big.yaml", Specs.MINIMAL.replace("name: api", "name: small") + "---\n"
        + Specs.MINIMAL.replace("        command:", variables + "        command:"));
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.report).contains("the document has more than " + Limits.DOCUMENT_CHARS + " characters, more than "
        + "Lattice reads in one document (the API server refuses objects over 3 MiB). Fix: split it into several "
        + "documents.").containsPattern("shop/small +Ready");
  }

  @Test
  @DisplayName("a file of 20,001 documents is refused at the 20,001st; the documents before it are read")
  void tooManyDocuments() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i <= Limits.DOCUMENTS_PER_FILE; i++) {
      text.append("---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: c").append(i).append("}}\n");
    }
    Files.writeString(in.resolve("many.yaml"), text);
    Files.writeString(in.resolve("zz-good.yaml"), Hostile.GOOD);
    var stdout = new java.io.StringWriter();
    int code = dev.lattice.cli.LatticeCli.run(dev.lattice.cli.Terminal.REDIRECTED, "lattice",
        new java.io.PrintWriter(stdout, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
        "derive", "--output-dir", root.resolve("out").toString(), in.toString());
    assertThat(code).isEqualTo(2);
    // Each document before the limit is listed as skipped (not a Lattice kind): one line each, bounded by the limit.
    assertThat(stdout.toString()).contains("many.yaml:" + (2 * Limits.DOCUMENTS_PER_FILE + 2) + ": the file holds "
        + "more than " + Limits.DOCUMENTS_PER_FILE + " documents; the rest of it is not read. Fix: split it into "
        + "several files.");
    assertThat(stdout.toString().lines().count()).isLessThan(Limits.DOCUMENTS_PER_FILE + 20);
    assertThat(root.resolve("out/fleet/good.yaml")).exists();
  }

  @Test
  @DisplayName("input adding up to more than 1 GiB (17 sparse files of 63 MiB) is refused before any file is read")
  void tooMuchInput() throws IOException {
    for (int i = 0; i < 17; i++) {
      try (RandomAccessFile file = new RandomAccessFile(in.resolve("part-" + i + ".yaml").toFile(), "rw")) {
        file.setLength(63L << 20);
      }
    }
    Files.writeString(in.resolve("zz-good.yaml"), Hostile.GOOD);
    var stdout = new java.io.StringWriter();
    var stderr = new java.io.StringWriter();
    int code = dev.lattice.cli.LatticeCli.run(dev.lattice.cli.Terminal.REDIRECTED, "lattice",
        new java.io.PrintWriter(stdout, true), new java.io.PrintWriter(stderr, true),
        "derive", "--output-dir", root.resolve("out").toString(), in.toString());
    assertThat(code).isEqualTo(2);
    assertThat(stdout + "\n" + stderr).contains("18 files: the input adds up to 1071 MiB, more than the 1024 MiB "
        + "Lattice reads in one run; nothing is read. Fix: derive the fleet in parts (one directory per run).");
    assertThat(root.resolve("out/fleet/good.yaml")).doesNotExist();
  }

  @Test
  @DisplayName("at the issue's sizes: a 50 MB scalar without whitespace and a 50 MB comment line are refused by line "
      + "length, before parsing")
  void longLinesAtTheIssuesSize() throws IOException {
    Hostile scalar = derive("scalar.yaml", Specs.MINIMAL.replace("name: api", "name: a" + "x".repeat(50 << 20)));
    assertThat(scalar.exitCode).isEqualTo(2);
    assertThat(scalar.report).contains("scalar.yaml:3: the line has " + ((50 << 20) + 36) + " characters, more "
        + "than the 1048576 Lattice reads in one line; the file is not read.");

    Files.delete(in.resolve("scalar.yaml"));
    Hostile comment = derive("comment.yaml", "# " + "c".repeat(50 << 20) + "\n" + Specs.MINIMAL);
    assertThat(comment.exitCode).isEqualTo(2);
    assertThat(comment.report).contains("comment.yaml:1: the line has " + ((50 << 20) + 2) + " characters, more "
        + "than the 1048576 Lattice reads in one line; the file is not read.");
  }

  @Test
  @DisplayName("at the issue's sizes: a 700 MB file of NULs (sparse) is refused by size before it is read")
  void nulFileAtTheIssuesSize() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(in.resolve("nuls.yaml").toFile(), "rw")) {
      file.setLength(700L << 20);
    }
    Hostile run = Hostile.derive(root, in);
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.report).contains("nuls.yaml: the file has 700 MiB, more than the 64 MiB Lattice reads from one "
        + "file; it is not read. Fix: split it into several files, or check that it is the file you meant.");
  }

  @Test
  @DisplayName("at the issue's sizes: a 50 MB platform contact is refused as too long a value, never echoed")
  void hugeContactAtTheIssuesSize() throws IOException {
    Files.writeString(in.resolve("platform.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + "lattice-platform, namespace: lattice-system}\ndata:\n  contact: |\n" + ("    ada " + "x".repeat(60) + "\n")
        .repeat(50_000_000 / 69));
    Hostile run = derive("api.yaml", Specs.minimalWith(
        "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}"));
    assertThat(run.exitCode).isEqualTo(2);
    // The block scalar's lines without their indentation: the value's length, refused before it is used anywhere.
    assertThat(run.report).contains("platform.yaml:5: data.contact: the value has " + (50_000_000 / 69 * 65)
        + " characters, more than the " + Limits.SCALAR_CHARS + " Lattice reads in one value. Fix: keep large "
        + "content out of the spec, e.g. in the image or a volume.")
        .contains("AccessSecretDenied").doesNotContain("ada " + "x".repeat(60));
  }
}

package dev.lattice.cli.hatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.EscapeHatchSpec;
import dev.lattice.api.hatch.Governance;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice hatches}: every escape hatch, who owns it, why, until when, and how many workloads use one. */
@Command(
    name = "hatches",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "List every escape hatch in PATH (LatticeMeshMember, LatticePackage) with its owner, reason, expiry and days "
          + "left, expired first, and the share of workloads that use one against the 30%% line.",
      "Expiry is judged as lattice derive judges it: Expiring from 30 days before, then the platform's grace period "
          + "(hatches.gracePeriodDays of the lattice-platform ConfigMap), then EscapeHatchExpired."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice hatches examples/mesh-member",
      "  lattice hatches -o json services/ \\",
      "    | jq '.hatches[] | select(.state == \"expired\")'",
      "  lattice hatches --today 2027-03-01 services/  # expired by then?",
      "",
      "Exit status: 0 read everything, 2 some input could not be read."
    })
public final class HatchesCommand implements Callable<Integer> {
  /** The seed's line: more than this share of workloads on escape hatches means the platform is not fitting. */
  static final double LINE = 0.30;

  /** Output formats besides the text table. */
  public enum Format { yaml, json }

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print ${COMPLETION-CANDIDATES} instead of the table.")
  Format output;

  @Option(names = "--today", paramLabel = "DATE",
      description = "Judge expiry on DATE (YYYY-MM-DD) instead of today in UTC.")
  LocalDate today;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadResult read = new ManifestReader().read(paths);
    var settings = Platform.of(read).settings().hatches();
    LocalDate day = today != null ? today : LocalDate.now(java.time.ZoneOffset.UTC);
    List<HatchRow> rows = new ArrayList<>();
    int workloads = 0;
    for (var s : read.services()) {
      var intent = s.input().intent();
      workloads++;
      intent.hatch().ifPresent(h -> rows.add(HatchRow.of(h.kind(), intent.ref(), h.governance(), day, settings)));
    }
    // Packages the reader served, and any it called unserved (a kind of another version): all count the same.
    String unserved = "kind " + EscapeHatch.Kind.PACKAGE.kindName() + " is not served";
    Set<String> packageFiles = new TreeSet<>();
    read.skipped().stream().filter(d -> d.kind().equals(EscapeHatch.Kind.PACKAGE.kindName()))
        .forEach(d -> packageFiles.add(d.file()));
    read.packages().forEach(p -> packageFiles.add(p.file()));
    List<dev.lattice.cli.io.InputError> errors = new ArrayList<>();
    for (var e : read.errors()) {
      if (e.message().startsWith(unserved)) {
        packageFiles.add(e.file());
      } else {
        errors.add(e);
      }
    }
    List<HatchRow> packages = packages(packageFiles, day, settings);
    rows.addAll(packages);
    workloads += packages.size();
    rows.sort(HatchRow.ORDER);
    if (output == null) {
      text(rows, workloads, out);
    } else {
      structured(rows, workloads, day, output, out);
    }
    errors.forEach(e -> err.println("error   " + e));
    out.flush();
    err.flush();
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
  }

  /**
   * LatticePackage documents by their governance fields alone: this command needs no chart to judge them, and
   * reads them even where lattice derive does not handle them yet.
   */
  private static List<HatchRow> packages(Set<String> files, LocalDate day,
      dev.lattice.engine.PlatformSettings.HatchSettings settings) throws IOException {
    ObjectMapper yaml = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    List<HatchRow> out = new ArrayList<>();
    for (String file : files) {
      try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(Path.of(file)))) {
        while (documents.hasNext()) {
          JsonNode d = documents.next();
          if (d == null || !d.path("kind").asText().equals(EscapeHatch.Kind.PACKAGE.kindName())) {
            continue;
          }
          ServiceRef ref = new ServiceRef(d.path("metadata").path("namespace").asText("default"),
              d.path("metadata").path("name").asText(""));
          EscapeHatchSpec spec = yaml.treeToValue(d.path("spec").isObject() ? d.path("spec")
              : yaml.createObjectNode(), EscapeHatchSpec.class);
          out.add(HatchRow.of(EscapeHatch.Kind.PACKAGE, ref, Governance.of(spec), day, settings));
        }
      }
    }
    return out;
  }

  private static void text(List<HatchRow> rows, int workloads, PrintWriter out) {
    if (rows.isEmpty()) {
      out.println("No escape hatches among " + workloads + " workload" + (workloads == 1 ? "" : "s") + ".");
      return;
    }
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"KIND", "NAME", "OWNER", "EXPIRES", "DAYS LEFT", "STATE", "REASON"});
    for (HatchRow r : rows) {
      table.add(new String[] {r.kind(), r.ref().toString(), dash(r.governance().owner()),
          dash(r.governance().expires()), r.daysLeft().isPresent() ? Long.toString(r.daysLeft().getAsLong()) : "-",
          r.state().label(), dash(r.governance().reason())});
    }
    int[] widths = new int[7];
    table.forEach(row -> {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    });
    for (String[] row : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    out.println(summary(rows.size(), workloads));
  }

  static String summary(int hatches, int workloads) {
    double share = workloads == 0 ? 0 : (double) hatches / workloads;
    long percent = Math.round(share * 100);
    return hatches + " of " + workloads + " workload" + (workloads == 1 ? "" : "s") + " (" + percent + "%) use an "
        + "escape hatch; " + (share > LINE ? "above the 30% line: the platform does not fit these teams yet, find "
        + "out what they need." : "within the 30% line.");
  }

  private static void structured(List<HatchRow> rows, int workloads, LocalDate day, Format format, PrintWriter out)
      throws IOException {
    ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = json.createObjectNode();
    root.put("today", day.toString());
    ArrayNode list = root.putArray("hatches");
    for (HatchRow r : rows) {
      ObjectNode node = list.addObject();
      node.put("kind", r.kind());
      node.put("namespace", r.ref().namespace());
      node.put("name", r.ref().name());
      node.put("owner", r.governance().owner());
      node.put("reason", r.governance().reason());
      node.put("expires", r.governance().expires());
      if (r.daysLeft().isPresent()) {
        node.put("daysLeft", r.daysLeft().getAsLong());
      } else {
        node.putNull("daysLeft");
      }
      node.put("state", r.state().label());
    }
    root.put("workloads", workloads);
    root.put("withHatch", rows.size());
    root.put("share", workloads == 0 ? 0.0 : Math.round(10000.0 * rows.size() / workloads) / 10000.0);
    root.put("line", LINE);
    root.put("aboveLine", workloads != 0 && (double) rows.size() / workloads > LINE);
    if (format == Format.yaml) {
      out.print(YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build().writeValueAsString(root));
    } else {
      out.println(json.writeValueAsString(root));
    }
  }

  private static String dash(String text) {
    return text.isEmpty() ? "-" : text;
  }
}

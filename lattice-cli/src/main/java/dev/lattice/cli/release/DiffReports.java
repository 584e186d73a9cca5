package dev.lattice.cli.release;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lattice.engine.output.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The text (terminal) and JSON (scripts) forms of a {@link DiffResult}; the HTML form is {@link HtmlReport}. */
public final class DiffReports {
  private DiffReports() {}

  /** "commerce/a, commerce/b and 3 more". */
  static String examples(List<String> shown, int total) {
    return String.join(", ", shown) + (total > shown.size() ? " and " + (total - shown.size()) + " more" : "");
  }

  static String services(int n) {
    return n + (n == 1 ? " service" : " services");
  }

  /** Phase and access changes first, then the groups, the check, and (unless brief) each service's diffs. */
  public static void text(DiffResult result, String expectedFile, boolean brief, PrintWriter out) {
    out.println("Compared " + services(result.compared()) + " (before: " + result.before().describe() + "; after: "
        + result.after().describe() + ").");
    if (result.empty()) {
      out.println("No derived object, phase or access changes.");
    }
    if (!result.flips().isEmpty()) {
      out.println();
      out.println("Phase and access changes (" + services(result.flips().size()) + "):");
      for (DiffResult.Flip flip : result.flips()) {
        if (flip.phaseChanged()) {
          out.println("  " + flip.service() + "  phase " + flip.phaseBefore() + " -> " + flip.phaseAfter());
        }
        flip.gained().forEach(a -> out.println("  " + flip.service() + "  gains " + a));
        flip.lost().forEach(a -> out.println("  " + flip.service() + "  loses " + a));
      }
    }
    if (!result.groups().isEmpty()) {
      out.println();
      out.println("Changes by pattern (" + result.groups().size()
          + (result.groups().size() == 1 ? " group, " : " groups, ") + result.changed() + " of "
          + services(result.compared()) + " changed):");
      for (DiffResult.Group group : result.groups()) {
        out.println("  " + group.key().describe() + ": " + services(group.services()) + " (e.g. "
            + examples(group.examples(), group.services()) + ")");
      }
    }
    if (result.checked()) {
      out.println();
      check(result, expectedFile, out);
    }
    if (!brief && !result.empty()) {
      out.println();
      out.println("Per service:");
      result.forEachServiceDiff(service -> {
        out.println("# " + service.service());
        for (DiffResult.ObjectDiff object : service.objects()) {
          out.println(object.diff());
        }
      });
    }
    out.flush();
  }

  /** The outcome of --check: what no declaration explains, and declarations that matched nothing. */
  static void check(DiffResult result, String expectedFile, PrintWriter out) {
    List<DiffResult.Group> uncovered = result.groups().stream().filter(g -> g.uncovered() > 0).toList();
    if (result.explained()) {
      out.println("Check against " + expectedFile + ": every change is declared and every declaration matched.");
      return;
    }
    out.println("Check against " + expectedFile + " FAILED: " + uncovered.size() + " group(s) of changes not "
        + "declared, " + result.unmatched().size() + " declaration(s) matched nothing.");
    for (DiffResult.Group group : uncovered) {
      out.println("  not declared: " + group.key().describe() + ": " + services(group.uncovered()) + " ("
          + examples(group.uncoveredExamples(), group.uncovered()) + ")");
    }
    for (Expectation expectation : result.unmatched()) {
      out.println("  matched nothing: " + expectation.describe() + " (changelog: \"" + expectation.changelog()
          + "\")");
    }
    out.println("Fix: declare each intended change in " + expectedFile + " (kind, path, change, changelog, optional "
        + "services) with its CHANGELOG.md line; remove declarations that no longer match; an unintended change "
        + "is a bug to fix before the release.");
  }

  /** The whole result as one JSON document; the service diffs are written as they are read back. */
  public static void json(DiffResult result, PrintWriter out) {
    try (JsonGenerator json = Manifests.jsonMapper().getFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.writeStartObject();
      json.writeObjectField("before", result.before().toJson());
      json.writeObjectField("after", result.after().toJson());
      json.writeObjectFieldStart("summary");
      json.writeNumberField("compared", result.compared());
      json.writeNumberField("changed", result.changed());
      json.writeNumberField("groups", result.groups().size());
      json.writeNumberField("flips", result.flips().size());
      json.writeEndObject();
      json.writeArrayFieldStart("flips");
      for (DiffResult.Flip flip : result.flips()) {
        json.writeStartObject();
        json.writeStringField("service", flip.service());
        json.writeStringField("phaseBefore", flip.phaseBefore());
        json.writeStringField("phaseAfter", flip.phaseAfter());
        strings(json, "gained", flip.gained());
        strings(json, "lost", flip.lost());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("groups");
      for (DiffResult.Group group : result.groups()) {
        json.writeStartObject();
        json.writeStringField("kind", group.key().kind());
        json.writeStringField("path", group.key().pattern());
        json.writeStringField("change", group.key().change());
        json.writeNumberField("services", group.services());
        strings(json, "examples", group.examples());
        if (result.checked()) {
          json.writeNumberField("undeclared", group.uncovered());
          strings(json, "undeclaredExamples", group.uncoveredExamples());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      if (result.checked()) {
        json.writeObjectFieldStart("check");
        json.writeBooleanField("explained", result.explained());
        strings(json, "unmatched", result.unmatched().stream().map(Expectation::describe).toList());
        json.writeEndObject();
      }
      json.writeArrayFieldStart("services");
      result.forEachServiceDiff(service -> {
        try {
          json.writeStartObject();
          json.writeStringField("service", service.service());
          json.writeArrayFieldStart("objects");
          for (DiffResult.ObjectDiff object : service.objects()) {
            json.writeStartObject();
            json.writeStringField("object", object.object());
            json.writeStringField("change", object.change());
            json.writeStringField("diff", object.diff());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }

  private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}

package dev.lattice.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.SkippedDocument;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.ServiceStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The machine-readable report: one JSON object with {@code services} and {@code errors} (the stable contract),
 * plus {@code skipped} and per-service {@code diagnostics} and {@code source} for tools that want more.
 */
public final class JsonReport {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  public static void print(DeriveRun run, PrintWriter out) {
    print(run, ReportStyle.PLAIN, out);
  }

  /**
   * With {@code summary}, {@code services} holds only the failing services and {@code summary} the counts by phase
   * and reason; a strict run adds {@code strict} with the number of warnings that fail it.
   */
  public static void print(DeriveRun run, ReportStyle style, PrintWriter out) {
    print(run, style, null, out);
  }

  /** With the run's cost estimate as {@code cost} (issue 17), when there is one to report. */
  public static void print(DeriveRun run, ReportStyle style, CostReport cost, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    if (style.summary()) {
      ObjectNode summary = root.putObject("summary");
      summary.put("services", run.outcomes().size());
      ObjectNode phases = summary.putObject("phases");
      run.countByPhase().forEach(phases::put);
      ObjectNode reasons = summary.putObject("reasons");
      run.countByReason().forEach(reasons::put);
    }
    if (run.strict()) {
      root.putObject("strict").put("warnings", run.warnings());
    }
    ArrayNode services = root.putArray("services");
    for (ServiceOutcome outcome : run.outcomes()) {
      if (style.summary() && !run.fails(outcome)) {
        continue;
      }
      Derivation d = outcome.derivation();
      ObjectNode service = services.addObject();
      service.put("namespace", d.ref().namespace());
      service.put("name", d.ref().name());
      service.put("phase", d.status().phase().name());
      ArrayNode conditions = service.putArray("conditions");
      for (ServiceStatus.StatusCondition c : d.status().conditions()) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", c.type().name());
        condition.put("status", c.status());
        condition.put("reason", c.reason());
        condition.put("message", c.message());
      }
      ArrayNode resources = service.putArray("resources");
      if (d instanceof Derivation.Derived derived) {
        for (HasMetadata object : derived.resources()) {
          ObjectNode resource = resources.addObject();
          resource.put("apiVersion", object.getApiVersion());
          resource.put("kind", object.getKind());
          resource.put("namespace", object.getMetadata().getNamespace());
          resource.put("name", object.getMetadata().getName());
        }
      }
      ArrayNode diagnostics = service.putArray("diagnostics");
      for (Diagnostic diagnostic : d.diagnostics()) {
        ObjectNode node = diagnostics.addObject();
        node.put("severity", diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT));
        node.put("reason", diagnostic.reason().name());
        node.put("field", diagnostic.fieldPath());
        node.put("line", outcome.source().locator().lineOf(diagnostic.fieldPath()));
        node.put("message", TypoLines.of(diagnostic.message(), outcome));
        node.put("fix", diagnostic.fix());
      }
      ObjectNode source = service.putObject("source");
      source.put("file", outcome.source().file());
      source.put("line", outcome.source().locator().documentLine());
    }
    ArrayNode errors = root.putArray("errors");
    for (InputError error : run.errors()) {
      ObjectNode node = errors.addObject();
      node.put("file", error.file());
      node.put("line", error.line());
      node.put("message", error.message());
    }
    ArrayNode policies = root.putArray("policies");
    for (var policy : run.policies()) {
      ObjectNode node = policies.addObject();
      node.put("namespace", policy.namespace());
      node.put("name", policy.name());
      node.put("enforced", policy.enforced() && policy.enabled());
      node.put("permitCount", policy.permits());
      node.put("forbidCount", policy.forbids());
      node.put("message", policy.message());
      ArrayNode problems = node.putArray("problems");
      policy.problems().forEach(p -> problems.addObject().put("line", p.line()).put("message", p.message()));
    }
    if (!run.runWarnings().isEmpty()) {
      ArrayNode warnings = root.putArray("warnings");
      run.runWarnings().forEach(warnings::add);
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedDocument document : run.skipped()) {
      ObjectNode node = skipped.addObject();
      node.put("file", document.file());
      node.put("line", document.line());
      node.put("apiVersion", document.apiVersion());
      node.put("kind", document.kind());
      node.put("name", document.name());
      node.put("note", document.note());
    }
    if (cost != null) {
      cost.put(root);
    }
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}

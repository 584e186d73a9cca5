package dev.lattice.cli.command;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.graph.Edge;
import dev.lattice.graph.EdgeState;
import dev.lattice.graph.ServiceGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice graph}: who may call whom, before anything is applied. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show every service edge declared in PATH and its state, and what would complete it.",
      "States: active (both sides agree, traffic flows), pending on callee or on caller (one side declared it; "
          + "traffic stays denied), unknown target or unknown caller (the other service is not among those read)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice graph examples/commerce",
      "  lattice graph --format dot examples/commerce | dot -Tsvg > graph.svg",
      "  lattice graph --format json services/ \\",
      "    | jq '.edges[] | select(.state != \"active\")'",
      "",
      "Exit status: 0 read everything, 2 some input could not be read."
    })
public final class GraphCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format { text, dot, json }

  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ReadResult read = new ManifestReader().read(paths);
    ServiceGraph graph = ServiceGraph.of(read.services().stream().map(s -> s.input().intent()).toList());
    List<Edge> edges = graph.edges();
    java.util.Set<ServiceRef> members = new java.util.HashSet<>();
    read.services().stream().map(s -> s.input().intent()).filter(i -> i.isHatch()).forEach(i -> members.add(i.ref()));
    switch (format) {
      case dot -> dot(edges, read.services(), members, out);
      case json -> json(edges, read.errors(), members, out);
      default -> text(edges, members, out);
    }
    if (format != Format.json) {
      read.errors().forEach(e -> spec.commandLine().getErr().println("error   " + e));
    }
    out.flush();
    spec.commandLine().getErr().flush();
    return read.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
  }

  /** A node as the text table shows it: mesh members (escape hatches) are marked. */
  private static String label(ServiceRef ref, java.util.Set<ServiceRef> members) {
    return members.contains(ref) ? ref + " (mesh member)" : ref.toString();
  }

  private static void text(List<Edge> edges, java.util.Set<ServiceRef> members, PrintWriter out) {
    if (edges.isEmpty()) {
      out.println("No service declares another service.");
      return;
    }
    int caller = Math.max("CALLER".length(),
        edges.stream().mapToInt(e -> label(e.caller(), members).length()).max().orElse(0));
    int callee = Math.max("CALLEE".length(),
        edges.stream().mapToInt(e -> label(e.callee(), members).length()).max().orElse(0));
    String row = "%-" + caller + "s  %-" + callee + "s  %-17s %s";
    out.println(String.format(row, "CALLER", "CALLEE", "STATE", "TO COMPLETE").stripTrailing());
    for (Edge e : edges) {
      out.println(String.format(row, label(e.caller(), members), label(e.callee(), members), e.state().label(),
          hint(e, members)).stripTrailing());
    }
    long active = edges.stream().filter(Edge::active).count();
    out.printf("%n%d edges: %d active, %d not carrying traffic.%n", edges.size(), active, edges.size() - active);
  }

  /** What would make the edge active, in the words of the entry to add. */
  static String hint(Edge e) {
    return hint(e, java.util.Set.of());
  }

  static String hint(Edge e, java.util.Set<ServiceRef> members) {
    return switch (e.state()) {
      case ACTIVE -> e.viaAnyCaller() ? "(callee accepts any caller)" : "";
      case PENDING_CALLEE -> e.callee() + " adds " + entry(e.caller(), e.callee(), "inbound",
          members.contains(e.callee()));
      case PENDING_CALLER -> e.caller() + " adds " + entry(e.callee(), e.caller(), "outbound",
          members.contains(e.caller()));
      case UNKNOWN_TARGET -> "no such service; check id/namespace of " + e.caller() + "'s "
          + e.callerResource().orElse("") + " entry";
      case UNKNOWN_CALLER -> "no such service; check id/namespace of " + e.callee() + "'s "
          + e.calleeResource().orElse("") + " entry";
    };
  }

  private static String entry(ServiceRef target, ServiceRef owner, String direction, boolean member) {
    if (member) {
      String namespace = target.namespace().equals(owner.namespace()) ? "" : "namespace: " + target.namespace();
      return target.name() + ": {" + namespace + "} to spec.mesh." + (direction.equals("inbound") ? "allowedCallers"
          : "dependencies");
    }
    String namespace = target.namespace().equals(owner.namespace()) ? "" : ", namespace: " + target.namespace();
    return target.name() + ": {type: service, direction: " + direction + namespace + "}";
  }

  private static void dot(
      List<Edge> edges, List<SourcedService> services, java.util.Set<ServiceRef> members, PrintWriter out) {
    out.println("digraph lattice {");
    out.println("  rankdir=LR;");
    out.println("  node [shape=box, fontname=\"Helvetica\"];");
    services.stream().map(s -> s.input().intent().ref()).sorted()
        .forEach(ref -> out.println("  \"" + ref + "\"" + (members.contains(ref)
            ? " [shape=component, style=dashed, label=\"" + ref + "\\n(mesh member)\"]" : "") + ";"));
    for (Edge e : edges) {
      String style = switch (e.state()) {
        case ACTIVE -> "color=\"#2e7d32\", style=solid";
        case PENDING_CALLEE, PENDING_CALLER -> "color=\"#ef6c00\", style=dashed";
        case UNKNOWN_TARGET, UNKNOWN_CALLER -> "color=\"#c62828\", style=dotted";
      };
      out.println("  \"" + e.caller() + "\" -> \"" + e.callee() + "\" [label=\"" + e.state().label() + "\", " + style
          + "];");
    }
    out.println("}");
  }

  private static void json(List<Edge> edges, List<InputError> errors, java.util.Set<ServiceRef> members,
      PrintWriter out) throws IOException {
    var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("edges");
    for (Edge e : edges) {
      ObjectNode node = list.addObject();
      node.put("caller", e.caller().toString());
      node.put("callee", e.callee().toString());
      node.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      e.callerResource().ifPresent(r -> node.put("callerResource", r));
      e.calleeResource().ifPresent(r -> node.put("calleeResource", r));
      if (members.contains(e.caller())) {
        node.put("callerKind", "LatticeMeshMember");
      }
      if (members.contains(e.callee())) {
        node.put("calleeKind", "LatticeMeshMember");
      }
      if (e.state() != EdgeState.ACTIVE) {
        node.put("toComplete", hint(e, members));
      }
    }
    ArrayNode errorList = root.putArray("errors");
    for (InputError error : errors) {
      ObjectNode node = errorList.addObject();
      node.put("file", error.file());
      node.put("line", error.line());
      node.put("message", error.message());
    }
    out.println(mapper.writeValueAsString(root));
  }
}

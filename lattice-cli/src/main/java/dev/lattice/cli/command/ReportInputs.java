package dev.lattice.cli.command;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.cli.io.RawDocuments.RawDocument;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.dashboard.EscapeHatch;
import dev.lattice.dashboard.FleetInputs;
import dev.lattice.dashboard.PendingConsent;
import dev.lattice.dashboard.ServiceFacts;
import dev.lattice.dashboard.SpecFields;
import dev.lattice.dashboard.Teams;
import dev.lattice.graph.Edge;
import dev.lattice.graph.EdgeState;
import dev.lattice.graph.ServiceGraph;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code lattice report} can know from files: each service's team (Namespace documents' {@code lattice.dev/team}
 * label, else the namespace name), the version it is written in and the fields it sets, the escape hatches (any
 * kind with {@code spec.owner}, {@code spec.reason} or {@code spec.expires}, read generically so new kinds count
 * without a class here), and the one-sided declarations of the service graph.
 */
public final class ReportInputs {
  /** Escape-hatch kinds counted even when their governance fields are missing (a gap the report shows). */
  static final Set<String> HATCH_KINDS = Set.of("LatticeMeshMember", "LatticePackage");

  private ReportInputs() {}

  public static FleetInputs of(ReadResult read, List<RawDocument> documents, LocalDate today) {
    Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    Map<ServiceRef, RawDocument> written = new HashMap<>();
    List<EscapeHatch> hatches = new ArrayList<>();
    for (RawDocument d : documents) {
      if (d.kind().equals("Namespace") && d.apiVersion().equals("v1")) {
        Map<String, String> labels = new TreeMap<>();
        d.tree().path("metadata").path("labels").fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        namespaceLabels.put(d.name(), labels);
      } else if (d.kind().equals(LatticeService.KIND)) {
        written.putIfAbsent(new ServiceRef(d.namespace(), d.name()), d);
      } else if (isHatch(d)) {
        hatches.add(hatch(d));
      }
    }
    // Teams are known only once every Namespace is read: resolve the hatches' teams now.
    List<EscapeHatch> withTeams = new ArrayList<>();
    for (EscapeHatch h : hatches) {
      withTeams.add(new EscapeHatch(h.kind(), h.namespace(), h.name(),
          Teams.of(h.namespace(), namespaceLabels.get(h.namespace())), h.owner(), h.reason(), h.expires(),
          h.source()));
    }

    List<ServiceFacts> services = new ArrayList<>();
    for (SourcedService s : read.services()) {
      if (s.input().intent().isHatch()) {
        continue; // a LatticeMeshMember: the report counts it among the escape hatches, not the services
      }
      ServiceRef ref = s.input().intent().ref();
      RawDocument doc = written.get(ref);
      String version = doc == null ? "" : doc.apiVersion();
      SortedSet<String> fields = doc == null ? new TreeSet<>() : SpecFields.ofDocument(doc.tree());
      services.add(ServiceFacts.fromFile(ref, Teams.of(ref.namespace(), namespaceLabels.get(ref.namespace())),
          version, fields, s.file()));
    }

    ServiceGraph graph = ServiceGraph.of(read.services().stream().map(s -> s.input().intent()).toList());
    List<PendingConsent> pending = new ArrayList<>();
    for (Edge e : graph.edges()) {
      if (e.state() == EdgeState.PENDING_CALLEE || e.state() == EdgeState.PENDING_CALLER) {
        ServiceRef waiting = e.state() == EdgeState.PENDING_CALLEE ? e.callee() : e.caller();
        pending.add(new PendingConsent(e.caller(), e.callee(), waiting, Optional.empty(), GraphCommand.hint(e)));
      }
    }
    return FleetInputs.fromFiles(today, services, withTeams, pending);
  }

  private static boolean isHatch(RawDocument d) {
    if (HATCH_KINDS.contains(d.kind())) {
      return true;
    }
    var spec = d.tree().path("spec");
    return spec.isObject() && (spec.has("owner") || spec.has("expires"))
        && d.apiVersion().startsWith("lattice.dev/");
  }

  private static EscapeHatch hatch(RawDocument d) {
    var spec = d.tree().path("spec");
    return new EscapeHatch(d.kind(), d.namespace(), d.name(), d.namespace(),
        text(spec.path("owner")), text(spec.path("reason")), date(spec.path("expires").asText("")),
        Optional.of(d.file()));
  }

  private static Optional<String> text(com.fasterxml.jackson.databind.JsonNode node) {
    return node.isValueNode() && !node.asText("").isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  /** {@code 2026-12-31}, or the date of a timestamp ({@code 2026-12-31T00:00:00Z}); anything else is no date. */
  static Optional<LocalDate> date(String text) {
    if (text.length() < 10) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.substring(0, 10)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

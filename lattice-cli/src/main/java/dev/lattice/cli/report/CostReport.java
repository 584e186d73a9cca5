package dev.lattice.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.CostSettings;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.cost.CostEstimate;
import dev.lattice.engine.validate.Names;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cost estimate of a {@code lattice derive} run (issue 17): per Ready service and per team (the namespace label
 * {@code lattice.dev/team}, else the namespace), from the platform's rate table. Without a table nothing is
 * estimated, said once when the platform's settings were read (a team's own files without them say nothing).
 *
 * @param rows the Ready services' estimates, in namespace/name order
 * @param teams per team, its total in cents and its number of services
 */
public record CostReport(String currency, List<Row> rows, SortedMap<String, long[]> teams, boolean stateMissing) {
  /** One service's estimate. */
  public record Row(ServiceRef ref, String team, CostEstimate estimate) {}

  static final String BASIS = "requests (limits when none is written) x replicas, autoscaled services at"
      + " autoscaling.max; " + CostEstimate.HOURS_PER_MONTH + " hours a month";

  /**
   * @param teams the {@code lattice.dev/team} label of each Namespace read
   * @param settingsRead whether the run read the platform's settings (lattice-system/lattice-platform)
   */
  public static CostReport of(List<ServiceOutcome> outcomes, CostSettings rates, SortedMap<String, String> teams,
      boolean settingsRead) {
    List<Row> rows = new ArrayList<>();
    SortedMap<String, long[]> byTeam = new TreeMap<>();
    if (rates.hasTable()) {
      for (ServiceOutcome outcome : outcomes) {
        if (outcome.derivation() instanceof Derivation.Derived) {
          ServiceRef ref = outcome.derivation().ref();
          String team = teams.getOrDefault(ref.namespace(), ref.namespace());
          CostEstimate.of(outcome.source().input().intent().spec(), rates).ifPresent(e -> {
            rows.add(new Row(ref, team, e));
            long[] total = byTeam.computeIfAbsent(team, t -> new long[2]);
            total[0] += e.monthlyCents();
            total[1]++;
          });
        }
      }
      rows.sort(java.util.Comparator.comparing(Row::ref));
    }
    return new CostReport(rates.currency(), rows, byTeam, !rates.hasTable() && settingsRead);
  }

  private static final String MISSING = "Note: no cost estimate: the platform settings (lattice-system/"
      + "lattice-platform) have no rate table. Fix: set cost.cpuCoreHour, cost.memoryGiBHour and cost.gpuHour (and"
      + " cost.currency) there.";

  /** The text section, after the report's summary line. */
  public void print(PrintWriter out) {
    if (stateMissing) {
      out.println(MISSING);
    }
    if (rows.isEmpty()) {
      out.flush();
      return;
    }
    out.println("Cost estimate per month" + (currency.isEmpty() ? "" : " (" + currency + ")") + ": " + BASIS + ".");
    int width = rows.stream().mapToInt(r -> shown(r.ref()).length()).max().orElse(0);
    for (String team : teams.keySet()) {
      width = Math.max(width, ("team " + team).length());
    }
    for (Row row : rows) {
      out.printf("  %-" + width + "s  %s%n", shown(row.ref()), CostEstimate.format(row.estimate().monthlyCents(), ""));
    }
    for (var team : teams.entrySet()) {
      long services = team.getValue()[1];
      out.printf("  %-" + width + "s  %s  (%d %s)%n", "team " + Names.printable(team.getKey()),
          CostEstimate.format(team.getValue()[0], ""), services, services == 1 ? "service" : "services");
    }
    out.flush();
  }

  /** {@code cost} in the JSON report: {@code estimated}, the basis, {@code services} and {@code teams}. */
  public void put(ObjectNode root) {
    ObjectNode cost = root.putObject("cost");
    cost.put("estimated", !rows.isEmpty() || !teams.isEmpty());
    if (stateMissing) {
      cost.put("note", MISSING.substring("Note: ".length()));
    }
    if (rows.isEmpty()) {
      return;
    }
    cost.put("currency", currency);
    cost.put("basis", BASIS);
    ArrayNode services = cost.putArray("services");
    for (Row row : rows) {
      services.addObject().put("namespace", row.ref().namespace()).put("name", row.ref().name())
          .put("team", row.team()).put("monthlyCents", row.estimate().monthlyCents())
          .put("monthly", CostEstimate.format(row.estimate().monthlyCents(), ""));
    }
    ArrayNode byTeam = cost.putArray("teams");
    teams.forEach((team, total) -> byTeam.addObject().put("team", team).put("services", total[1])
        .put("monthlyCents", total[0]).put("monthly", CostEstimate.format(total[0], "")));
  }

  private static String shown(ServiceRef ref) {
    return Names.printable(ref.namespace()) + "/" + Names.printable(ref.name());
  }
}

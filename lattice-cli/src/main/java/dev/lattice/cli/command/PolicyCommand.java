package dev.lattice.cli.command;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.authorize.Ask;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.Decision;
import dev.lattice.policy.PolicyLibrary;
import dev.lattice.policy.PolicySummary;
import dev.lattice.policy.Statement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice policy}: the impact of a policy change before it ships. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Work with CedarPolicies: see the impact of a change before it ships.",
    footerHeading = "%nExamples:%n",
    footer = "  lattice policy test --policies proposed/ examples/commerce",
    subcommands = {PolicyCommand.Test.class})
public final class PolicyCommand {
  /** {@code lattice policy test --policies DIR PATH...}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Show which services gain or lose which access under proposed CedarPolicies.",
        "The CedarPolicies in --policies replace the current ones (those found in PATH, if any) for the "
            + "comparison. Nothing is applied."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  lattice policy test --policies proposed/ services/ current-policies/",
        "  lattice policy test --policies proposed/ --format json services/ \\",
        "    | jq '.changes[] | select(.change == \"loses\")'",
        "",
        "Exit status: 0 compared (whatever changed), 2 input or a policy could not be",
        "read (a missing --policies path stops before comparing)."
      })
  public static final class Test implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, json }

    @Spec CommandSpec spec;

    @Option(names = "--policies", paramLabel = "DIR", required = true,
        description = "Files or directories with the proposed CedarPolicies.")
    List<Path> proposed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "PATH", arity = "1..*",
        description = "Services, and the CedarPolicies in force today.")
    List<Path> paths;

    /** One access whose decision changes. */
    record Change(String service, String change, String access, String field, String why) {}

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      // Comparing against nothing would report that every service loses every access: stop instead.
      List<Path> missing = proposed.stream().filter(p -> !Files.exists(p)).toList();
      if (!missing.isEmpty()) {
        missing.forEach(p -> err.println("error   --policies " + p + ": no such file or directory, so there are no "
            + "proposed CedarPolicies to compare. Fix: give the file or folder that holds them, e.g. --policies "
            + "proposed/."));
        err.flush();
        return ExitCodes.INPUT_ERROR;
      }
      ReadResult current = new ManifestReader().read(paths);
      ReadResult next = new ManifestReader().read(proposed);
      Platform platform = Platform.of(current);
      PolicyLibrary proposedLibrary = PolicyLibrary.load(next.policies());
      CedarAuthorizer before = platform.authorizer();
      CedarAuthorizer after = new CedarAuthorizer(proposedLibrary, before.cache());
      Fleet fleet = Fleet.of(current.services().stream().map(SourcedService::input).toList());
      Engine engine = new Engine(platform.settings(), before);

      List<Change> changes = new ArrayList<>();
      for (var input : fleet.services()) {
        compare(input.intent().ref().toString(), engine.accessRequests(input, fleet), before, after, changes);
      }
      // Packages ask as Lattice::Package: their mesh section's requests and their secrets'.
      for (var p : current.packages()) {
        var node = dev.lattice.engine.packages.PackageHatch.node(p.intent());
        List<Ask> asks = new ArrayList<>(engine.accessRequests(node, fleet.with(node)));
        asks.addAll(dev.lattice.engine.packages.PackageEngine.accessRequests(p.intent()));
        compare(p.intent().ref() + " (LatticePackage)", asks, before, after, changes);
      }
      List<String> problems = new ArrayList<>();
      current.errors().forEach(e -> problems.add(e.toString()));
      next.errors().forEach(e -> problems.add(e.toString()));
      for (PolicySummary summary : proposedLibrary.summaries()) {
        summary.problems().forEach(p -> problems.add(p.toString()));
      }
      if (next.policies().isEmpty()) {
        problems.add("no CedarPolicy found in " + proposed + "; comparing against an empty policy set");
      }
      if (format == Format.json) {
        json(changes, problems, out);
      } else {
        text(changes, fleet.size(), out);
        problems.forEach(p -> err.println("warning " + p));
      }
      out.flush();
      err.flush();
      return current.errors().isEmpty() && next.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
    }

    private static void compare(String who, List<Ask> asks, CedarAuthorizer before, CedarAuthorizer after,
        List<Change> changes) {
      for (Ask ask : asks) {
        Decision was = before.authorize(ask.request());
        Decision will = after.authorize(ask.request());
        if (was.allowed() != will.allowed()) {
          changes.add(new Change(who, will.allowed() ? "gains" : "loses", ask.what(), ask.fieldPath(),
              will.allowed() ? permittedBy(will) : deniedBy(will)));
        }
      }
    }

    private static String permittedBy(Decision decision) {
      return decision.deciding().isEmpty() ? "permitted"
          : "permitted by " + decision.deciding().stream().map(Statement::describe).collect(Collectors.joining(", "));
    }

    private static String deniedBy(Decision decision) {
      return switch (decision.outcome()) {
        case FORBIDDEN -> "forbidden by " + decision.deciding().stream().map(Statement::describe)
            .collect(Collectors.joining(", "));
        case ERROR -> "Cedar error: " + decision.error();
        default -> "no permit matches any more";
      };
    }

    private static void text(List<Change> changes, int services, PrintWriter out) {
      if (changes.isEmpty()) {
        out.println("No access changes for the " + services + " services read.");
        return;
      }
      for (Change c : changes) {
        out.println(c.service() + "  " + c.change() + "  " + c.access() + "  (" + c.field() + "; " + c.why() + ")");
      }
      long gains = changes.stream().filter(c -> c.change().equals("gains")).count();
      long affected = changes.stream().map(Change::service).distinct().count();
      out.println();
      out.println(affected + " of " + services + " services change: " + gains + " access(es) gained, "
          + (changes.size() - gains) + " lost.");
    }

    private static void json(List<Change> changes, List<String> problems, PrintWriter out) throws IOException {
      var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      ObjectNode root = mapper.createObjectNode();
      ArrayNode list = root.putArray("changes");
      for (Change c : changes) {
        list.addObject().put("service", c.service()).put("change", c.change()).put("access", c.access())
            .put("field", c.field()).put("why", c.why());
      }
      ArrayNode warnings = root.putArray("warnings");
      problems.forEach(warnings::add);
      out.println(mapper.writeValueAsString(root));
    }
  }
}

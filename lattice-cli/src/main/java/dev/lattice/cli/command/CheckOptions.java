package dev.lattice.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code lattice derive} and {@code lattice validate} share: what to check and how to report it. */
public final class CheckOptions {
  /** How the report is printed. */
  public enum ReportFormat { text, json, github }

  // Each option has its own label: picocli's completion script names its value list after the label.
  @Option(names = "--report", paramLabel = "REPORT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). github prints workflow "
          + "annotations (::error file=...,line=...::) that GitHub shows on the pull request.")
  ReportFormat report;

  @Option(names = "--strict",
      description = "Warnings (UnknownField, NotYetDerived, a one-sided dependency, a CedarPolicy statement that "
          + "does not parse) fail the run with exit status 1, as errors do.")
  boolean strict;

  @Option(names = "--summary",
      description = "Report only the failing services, then the counts by phase and by reason.")
  boolean summary;

  @Option(names = "--service", paramLabel = "NS/NAME",
      description = "Only this service (repeatable). The rest of PATH is still read: its dependencies, callers "
          + "and policies.")
  List<String> services = new ArrayList<>();

  @Option(names = "--today", paramLabel = "DATE",
      description = "Judge escape-hatch expiry (LatticeMeshMember spec.expires) on DATE, YYYY-MM-DD, instead of "
          + "today in UTC: for reproducible runs and tests.")
  java.time.LocalDate today;

  /** The date escape hatches are judged on: --today, else today in UTC. */
  public java.time.LocalDate today() {
    return today != null ? today : java.time.LocalDate.now(java.time.ZoneOffset.UTC);
  }

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;
}

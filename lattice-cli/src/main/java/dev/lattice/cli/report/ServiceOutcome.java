package dev.lattice.cli.report;

import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Derivation;

/** One service's derivation with the file it came from. */
public record ServiceOutcome(SourcedService source, Derivation derivation) {}

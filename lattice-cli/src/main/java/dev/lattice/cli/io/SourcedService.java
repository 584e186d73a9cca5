package dev.lattice.cli.io;

import dev.lattice.engine.ServiceInput;

/** A service read from a file, with where it came from so messages can point at lines. */
public record SourcedService(ServiceInput input, String file, SourceLocator locator) {}

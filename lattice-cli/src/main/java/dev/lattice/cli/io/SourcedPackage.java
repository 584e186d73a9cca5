package dev.lattice.cli.io;

import dev.lattice.engine.packages.PackageIntent;

/** A LatticePackage read from a file, with where it came from so messages can point at lines. */
public record SourcedPackage(PackageIntent intent, String file, SourceLocator locator) {}

package dev.lattice.cli.io;

/** A document of a kind lattice derive does not handle (a Namespace, RBAC, …): noted, never an error. */
public record SkippedDocument(String file, int line, String apiVersion, String kind, String name, String note) {}

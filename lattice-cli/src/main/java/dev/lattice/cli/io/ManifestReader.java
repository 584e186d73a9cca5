package dev.lattice.cli.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads LatticeServices from files and directories (recursively, *.yaml, *.yml and *.json, several documents per
 * file; YAML anchors, aliases and merge keys resolved, empty documents skipped).
 * Other kinds are skipped with a note; unreadable input becomes an {@link InputError} with file and line, never an
 * exception.
 *
 * <p>This class finds the files, reads them in parallel and merges what they held; the parts of the job are
 * {@link InputFiles} (which files), {@link InputBounds} (how much), {@link CachedRead} (the read cache),
 * {@link DocumentParser} (a file into documents), {@link DocumentKinds} (a document by its kind) and
 * {@link Duplicates} (what only the merged read can see).
 */
public final class ManifestReader {
  /** The ConfigMap holding platform settings (contact, clusterName, clusterDomain, trustDomain). */
  public static final String PLATFORM_SETTINGS = "lattice-platform";

  private final DocumentParser parser;

  /** A reader that says nothing about deprecated versions (validate, graph, explain, policy test). */
  public ManifestReader() {
    this(false);
  }

  /** @param warnDeprecated whether each service written in a deprecated version gets a warning (lattice derive) */
  public ManifestReader(boolean warnDeprecated) {
    this.parser = new DocumentParser(warnDeprecated);
  }

  public ReadResult read(List<Path> paths) {
    return read(paths, null);
  }

  /**
   * @param cache what earlier runs read from these files, or null: an unchanged file that held only services is
   *     then not parsed again
   */
  public ReadResult read(List<Path> paths, ReadCache cache) {
    List<InputError> pathErrors = new ArrayList<>();
    List<Path> files = InputFiles.of(paths, pathErrors);
    Optional<InputError> tooMuch = InputBounds.totalSize(files);
    if (tooMuch.isPresent()) {
      return new ReadResult(List.of(), List.of(), Map.of(), List.of(), List.of(tooMuch.get()), ProviderDocuments.NONE,
          List.of());
    }
    List<FileContents> contents = files.parallelStream().map(file -> CachedRead.read(file, cache, parser)).toList();
    FileContents all = new FileContents();
    all.errors.addAll(pathErrors);
    contents.forEach(all::add);
    Duplicates.rejectServices(all.services, all.errors);
    Duplicates.rejectProviders(all.secretProviders, all.errors);
    Duplicates.rejectProviders(all.imageProviders, all.errors);
    Duplicates.rejectProviders(all.quotas, all.errors);
    return new ReadResult(all.services, all.policies, all.platformSettings, all.skipped, all.errors,
        new ProviderDocuments(all.secretProviders, all.imageProviders, all.quotas, new java.util.TreeMap<>(all.teams)),
        all.packages);
  }
}

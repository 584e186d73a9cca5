package dev.lattice.cli.io;

import java.util.List;

/** Everything read from the given paths: services, skipped documents and unreadable input. */
public record ReadResult(List<SourcedService> services, List<SkippedDocument> skipped, List<InputError> errors) {
  public ReadResult {
    services = List.copyOf(services);
    skipped = List.copyOf(skipped);
    errors = List.copyOf(errors);
  }
}

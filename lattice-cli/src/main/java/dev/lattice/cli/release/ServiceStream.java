package dev.lattice.cli.release;

import java.io.IOException;
import java.util.Iterator;

/**
 * One side of a diff: its header, then its services in namespace/name order, one at a time, so that neither side
 * is ever held whole.
 */
public interface ServiceStream extends Iterator<ServiceRecord>, AutoCloseable {
  SnapshotHeader header();

  @Override
  void close() throws IOException;
}

package dev.lattice.cli.release;

import java.util.Iterator;
import java.util.List;

/** A service stream over records made in a test. */
final class ListStream implements ServiceStream {
  private final SnapshotHeader header;
  private final Iterator<ServiceRecord> records;

  ListStream(List<ServiceRecord> records) {
    this.header = new SnapshotHeader(SnapshotHeader.FORMAT, "test", "0000000000");
    this.records = records.iterator();
  }

  @Override
  public SnapshotHeader header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public ServiceRecord next() {
    return records.next();
  }

  @Override
  public void close() {}
}

package dev.lattice.api.model;

/** A service port; {@code targetPort} already defaults to {@code port}. */
public record Port(String name, int port, int targetPort, Protocol protocol) {
  public enum Protocol {
    TCP,
    UDP,
    SCTP
  }
}

package dev.lattice.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code /metrics} (Prometheus text), {@code /healthz} (liveness) and {@code /readyz} (informers synced). */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  public HealthServer(int port, Supplier<String> metrics, BooleanSupplier ready) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> respond(exchange, 200, metrics.get(),
        "text/plain; version=0.0.4; charset=utf-8"));
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n", "text/plain"));
    server.createContext("/readyz", exchange -> {
      boolean ok = ready.getAsBoolean();
      respond(exchange, ok ? 200 : 503, ok ? "ready\n" : "informers not synced\n", "text/plain");
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.lattice.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (liveness) and {@code /readyz} (informers synced); and, when
 * added, a page (e.g. {@code /dashboard}) and the static assets it loads, served from the classpath (the jar).
 */
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

  /** Serves {@code html()} as {@code text/html} at {@code path}, computed per request. */
  public HealthServer page(String path, Supplier<String> html) {
    server.createContext(path, exchange -> {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        respond(exchange, 404, "not found\n", "text/plain");
        return;
      }
      respond(exchange, 200, html.get(), "text/html; charset=utf-8");
    });
    return this;
  }

  /** A static file of a page. */
  public record Asset(String contentType, byte[] bytes) {}

  /**
   * Serves what {@code lookup} answers for the name after {@code prefix} (e.g. {@code /dashboard/assets/}): the
   * page's scripts come from the jar, so it works without internet.
   */
  public HealthServer assets(String prefix, java.util.function.Function<String, java.util.Optional<Asset>> lookup) {
    server.createContext(prefix, exchange -> {
      String name = exchange.getRequestURI().getPath().substring(prefix.length());
      var asset = name.isEmpty() || name.contains("/") ? java.util.Optional.<Asset>empty() : lookup.apply(name);
      if (asset.isEmpty()) {
        respond(exchange, 404, "not found\n", "text/plain");
        return;
      }
      respond(exchange, 200, asset.get().bytes(), asset.get().contentType());
    });
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
    respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static void respond(HttpExchange exchange, int status, byte[] bytes, String type) throws IOException {
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

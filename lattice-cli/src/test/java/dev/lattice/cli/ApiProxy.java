package dev.lattice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of the API server for one operator's client (test code). TLS passes through untouched,
 * so the client still talks to the real server; what the proxy adds is the one fault an interceptor cannot make:
 * {@link #cut()} closes every open connection at once, the operator's watches included, as a network partition or
 * an API server restart would.
 */
final class ApiProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong cuts = new AtomicLong();
  private volatile boolean closed;

  ApiProxy(URI apiServer) throws IOException {
    this.upstream = new InetSocketAddress(apiServer.getHost(), apiServer.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "api-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** The URL to give the client instead of the API server's (same host, so the certificate still matches). */
  String url() {
    return "https://" + upstream.getHostString() + ":" + server.getLocalPort();
  }

  /** Closes every connection open now; new ones are accepted as before. Returns how many were closed. */
  int cut() {
    int closedNow = 0;
    for (Socket socket : open) {
      quietly(socket);
      closedNow++;
    }
    cuts.incrementAndGet();
    return closedNow;
  }

  long connections() {
    return connections.get();
  }

  long cuts() {
    return cuts.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket api = new Socket();
        api.connect(upstream, 5_000);
        connections.incrementAndGet();
        open.add(client);
        open.add(api);
        pump(client, api);
        pump(api, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  /** Copies one direction until either side ends, then closes both (the other pump then ends too). */
  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // A cut or a close of the other side: both sockets go below.
      } finally {
        quietly(from);
        quietly(to);
      }
    }, "api-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void quietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    cut();
  }
}

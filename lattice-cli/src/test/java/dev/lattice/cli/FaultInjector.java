package dev.lattice.cli;

import com.sun.net.httpserver.HttpServer;
import dev.lattice.testkit.cluster.LocalCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The fault-injecting layer of an operator's client (test code): a fabric8 interceptor sends a chosen share of
 * writes, reads (GET and LIST) and watch requests to a small local server that answers with a fault instead of the
 * API server (a read or write only the first time it is made), or holds one chosen request until the test lets
 * it fail. The client's own retries are off (fabric8
 * retries 5xx, 429 and I/O errors up to ten times by default, which would hide almost every injected 500 and 504),
 * so every fault counted here is one the operator saw. All connections go through an {@link ApiProxy}, which can
 * close them at once. Leases and the access reviews JOSDK makes at start are never faulted.
 */
final class FaultInjector implements AutoCloseable {
  /**
   * What the fault server answers. {@code HANG} outlasts the client's request timeout: a timeout. {@code GONE} on
   * a watch is the real API server's 410 (see {@link #redirect}).
   */
  enum Fault {
    CONFLICT(409), SERVER_ERROR(500), GONE(410), SLOW_GATEWAY_TIMEOUT(504), HANG(0);

    final int code;

    Fault(int code) {
      this.code = code;
    }
  }

  /** The classes of request the operator makes. */
  enum Kind { WRITE, READ, WATCH }

  /** The client's request timeout; a {@link Fault#HANG} answers only after it. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Random random;
  private final HttpServer server;
  private final ExecutorService serverThreads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "fault-server");
    thread.setDaemon(true);
    return thread;
  });
  private final ApiProxy proxy;
  private final Map<Kind, Integer> percent = new ConcurrentHashMap<>();
  private final Map<Kind, Fault[]> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final java.util.Set<String> firstTime = ConcurrentHashMap.newKeySet();
  private volatile Hold hold;
  private final java.util.List<Next> next = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A rule that answers the next {@code remaining} requests it matches with one fault, before any other rule. */
  private record Next(Kind kind, Predicate<HttpRequest> when, Fault fault,
      java.util.concurrent.atomic.AtomicInteger remaining) {}

  FaultInjector(LocalCluster cluster, long seed) throws IOException {
    this.random = new Random(seed);
    this.proxy = new ApiProxy(URI.create(cluster.plane().url()));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Fault fault = Fault.valueOf(exchange.getRequestURI().getPath().substring(1));
      if (fault == Fault.SLOW_GATEWAY_TIMEOUT || fault == Fault.HANG) {
        sleep(fault == Fault.HANG ? REQUEST_TIMEOUT.plusSeconds(2) : Duration.ofSeconds(2));
      }
      int code = fault == Fault.HANG ? 504 : fault.code;
      String reason = switch (code) {
        case 409 -> "Conflict";
        case 410 -> "Expired";
        case 504 -> "Timeout";
        default -> "InternalError";
      };
      byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected "
          + fault + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException e) {
        // the client gave up (HANG): that was the point
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(serverThreads);
    server.start();
  }

  /** From now on {@code share} percent of the requests of {@code kind} get one of {@code answers}, picked at random. */
  FaultInjector inject(Kind kind, int share, Fault... answers) {
    faults.put(kind, answers);
    percent.put(kind, share);
    return this;
  }

  /**
   * The next {@code times} requests of {@code kind} that {@code when} matches get {@code fault}, e.g. the first
   * lists of LatticeServices an operator makes as it starts (counted under {@code faults.<kind>.<fault>}).
   */
  FaultInjector failNext(Kind kind, int times, Fault fault, Predicate<HttpRequest> when) {
    next.add(new Next(kind, when, fault, new java.util.concurrent.atomic.AtomicInteger(times)));
    return this;
  }

  /** Every read and write is a candidate again, as if never made (for a new round of edits). */
  FaultInjector newRound() {
    firstTime.clear();
    return this;
  }

  /** No more random faults (a hold still applies). */
  FaultInjector calm() {
    percent.clear();
    return this;
  }

  /** Holds the first request that {@code when} matches (one at a time), see {@link Hold}. */
  Hold holdFirst(String what, Predicate<HttpRequest> when) {
    Hold next = new Hold(what, when);
    hold = next;
    return next;
  }

  /** Closes every connection the client has open: every watch breaks and is opened again. */
  int cutConnections() {
    return proxy.cut();
  }

  ApiProxy proxy() {
    return proxy;
  }

  /** A client like the cluster's, through the proxy, with this layer, no retries and a short request timeout. */
  KubernetesClient client(LocalCluster cluster) {
    Config base;
    try (KubernetesClient plain = cluster.newClient()) {
      base = plain.getConfiguration();
    }
    Config config = new ConfigBuilder(base).withMasterUrl(proxy.url()).withRequestRetryBackoffLimit(0)
        .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis()).build();
    Interceptor layer = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        intercept(builder, request);
      }
    };
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("faults", layer)).build();
  }

  private void intercept(BasicBuilder builder, HttpRequest request) {
    String path = request.uri().getPath();
    if (path.contains("/leases") || path.contains("selfsubject")) {
      return;
    }
    Kind kind = kind(request);
    count("requests." + kind);
    if (kind == Kind.READ && path.endsWith("/latticeservices")) {
      count("lists.latticeservices"); // the informer's (re)lists: nothing else lists LatticeServices
    }
    Hold current = hold;
    if (current != null && current.take(request)) {
      Fault answer = current.await();
      redirect(builder, request, kind, answer);
      return;
    }
    for (Next rule : next) {
      if (rule.kind() == kind && rule.when().test(request) && rule.remaining().getAndDecrement() > 0) {
        count("next." + kind + "." + rule.fault());
        redirect(builder, request, kind, rule.fault());
        return;
      }
    }
    Integer share = percent.get(kind);
    // A read or write is a candidate the first time it is made only, so that a retry of the same request passes
    // and every reconcile ends, after at most as many attempts as faults it met; watches are candidates each time.
    if (share == null || (kind != Kind.WATCH && !firstTime.add(request.method() + " " + request.uri()))) {
      return;
    }
    Fault fault;
    synchronized (random) {
      if (random.nextInt(100) >= share) {
        return;
      }
      Fault[] answers = faults.get(kind);
      fault = answers[random.nextInt(answers.length)];
    }
    redirect(builder, request, kind, fault);
  }

  private void redirect(BasicBuilder builder, HttpRequest request, Kind kind, Fault fault) {
    count("faults." + kind + "." + fault);
    if (kind == Kind.WATCH && fault == Fault.GONE) {
      // The API server's own 410: a watch from a resourceVersion older than its window gets an ERROR event with
      // status 410 Expired, on which an informer lists again (a 410 to the connection request would only be
      // retried as a connection failure).
      builder.uri(withResourceVersion(request.uri(), "1"));
      return;
    }
    builder.uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + fault.name()));
  }

  static URI withResourceVersion(URI uri, String version) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    StringBuilder next = new StringBuilder("resourceVersion=" + version);
    for (String part : query.split("&")) {
      if (!part.isEmpty() && !part.startsWith("resourceVersion=")) {
        next.append('&').append(part);
      }
    }
    String text = uri.toString();
    int question = text.indexOf('?');
    return URI.create((question < 0 ? text : text.substring(0, question)) + "?" + next);
  }

  static Kind kind(HttpRequest request) {
    if (!request.method().equals("GET")) {
      return Kind.WRITE;
    }
    String query = request.uri().getQuery();
    return query != null && (query.contains("watch=true") || query.contains("watch=1")) ? Kind.WATCH : Kind.READ;
  }

  private void count(String key) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  /** Requests seen and faults injected, by kind (and fault), e.g. {@code faults.READ.HANG}. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  long faultsInjected() {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("faults."))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  long faultsInjected(Kind kind) {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("faults." + kind + "."))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  long requests(Kind kind) {
    return count(counts.get("requests." + kind));
  }

  /** How many requests a {@link #failNext} rule answered with a fault, by kind. */
  long nextFaults(Kind kind) {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("next." + kind + "."))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  /** How often the operator listed LatticeServices: once per informer (re)list. */
  long serviceLists() {
    return count(counts.get("lists.latticeservices"));
  }

  private static long count(AtomicLong n) {
    return n == null ? 0 : n.get();
  }

  /**
   * One request held at a chosen point: the operator's thread that makes it waits until {@link #fail} (the request
   * then gets that fault), so the test can stop the operator exactly there, between two writes of a reconcile.
   */
  static final class Hold {
    private final String what;
    private final Predicate<HttpRequest> when;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Fault answer = Fault.SERVER_ERROR;
    private boolean taken;

    Hold(String what, Predicate<HttpRequest> when) {
      this.what = what;
      this.when = when;
    }

    private synchronized boolean take(HttpRequest request) {
      if (taken || !when.test(request)) {
        return false;
      }
      taken = true;
      reached.countDown();
      return true;
    }

    private Fault await() {
      try {
        released.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    }

    /** Waits until the operator makes the held request. */
    void awaitReached(Duration timeout) throws InterruptedException {
      if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for the operator to " + what);
      }
    }

    /** Lets the held request go on, to the fault server: the operator sees {@code fault}. */
    void fail(Fault fault) {
      answer = fault;
      released.countDown();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    Hold current = hold;
    if (current != null) {
      current.fail(Fault.SERVER_ERROR);
    }
    server.stop(0);
    serverThreads.shutdownNow();
    proxy.close();
  }
}

package dev.lattice.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lattice.api.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Serves the admission webhook on {@code /validate-latticeservice} and the CRD's conversion webhook on
 * {@code /convert-latticeservice} over HTTPS (the API server only calls webhooks over TLS), with the certificate
 * cert-manager writes to {@code tls.crt} and {@code tls.key} (PKCS#8) in a mounted directory.
 */
public final class WebhookServer implements AutoCloseable {
  public static final String PATH = "/validate-latticeservice";
  /** The CRD's conversion webhook path ({@code spec.conversion.webhook.clientConfig}). */
  public static final String CONVERT_PATH = "/convert-latticeservice";

  private final HttpsServer server;
  private final ExecutorService executor;

  public WebhookServer(int port, Path certificateDirectory, AdmissionValidator validator)
      throws IOException, GeneralSecurityException {
    this(port, certificateDirectory, validator, new ConversionWebhook());
  }

  public WebhookServer(int port, Path certificateDirectory, AdmissionValidator validator,
      ConversionWebhook conversion) throws IOException, GeneralSecurityException {
    server = HttpsServer.create(new InetSocketAddress(port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certificateDirectory)));
    // A thread per exchange: without an executor the server's one dispatcher thread runs every exchange, and an
    // exchange on a connection the API server opened but keeps idle in its pool blocks it reading a request that
    // never comes, so every later call times out (seen as "Client.Timeout exceeded while awaiting headers").
    executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "webhook-exchange");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(PATH, exchange -> answer(exchange, "AdmissionReview", validator::review));
    server.createContext(CONVERT_PATH, exchange -> answer(exchange, "ConversionReview", conversion::review));
    server.start();
  }

  private static void answer(HttpExchange exchange, String what, UnaryOperator<JsonNode> handler)
      throws IOException {
    byte[] body;
    int status = 200;
    try (InputStream in = exchange.getRequestBody()) {
      // The API server sends at most 3 MiB; a larger body is not from it, and is not read into memory.
      byte[] request = in.readNBytes(Limits.DOCUMENT_CHARS + 1);
      if (request.length > Limits.DOCUMENT_CHARS) {
        status = 413;
        body = ("the " + what + " is larger than " + Limits.DOCUMENT_CHARS + " bytes.")
            .getBytes(StandardCharsets.UTF_8);
      } else {
        var review = AdmissionValidator.json().readTree(request);
        body = AdmissionValidator.json().writeValueAsBytes(handler.apply(review));
      }
    } catch (IOException e) {
      status = 400;
      body = ("cannot read the " + what + ": it is not JSON.").getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      // A bug must answer, not hang the API server's call until its timeout.
      status = 500;
      body = ("the " + what + " could not be answered: " + e).getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  static SSLContext sslContext(Path directory) throws IOException, GeneralSecurityException {
    var certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(directory.resolve("tls.crt"))));
    String pem = Files.readString(directory.resolve("tls.key"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey key = privateKey(der);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("webhook", key, new char[0], certificates.toArray(new Certificate[0]));
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("tls.key is not a PKCS#8 RSA or EC private key", last);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

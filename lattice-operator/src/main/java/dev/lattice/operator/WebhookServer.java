package dev.lattice.operator;

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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Serves the admission webhook over HTTPS (the API server only calls webhooks over TLS) on
 * {@code /validate-latticeservice}, with the certificate cert-manager writes to {@code tls.crt} and {@code tls.key}
 * (PKCS#8) in a mounted directory.
 */
public final class WebhookServer implements AutoCloseable {
  public static final String PATH = "/validate-latticeservice";

  private final HttpsServer server;

  public WebhookServer(int port, Path certificateDirectory, AdmissionValidator validator)
      throws IOException, GeneralSecurityException {
    server = HttpsServer.create(new InetSocketAddress(port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certificateDirectory)));
    server.createContext(PATH, exchange -> {
      byte[] body;
      int status = 200;
      try (InputStream in = exchange.getRequestBody()) {
        // The API server sends at most 3 MiB; a larger body is not from it, and is not read into memory.
        byte[] request = in.readNBytes(Limits.DOCUMENT_CHARS + 1);
        if (request.length > Limits.DOCUMENT_CHARS) {
          status = 413;
          body = ("the AdmissionReview is larger than " + Limits.DOCUMENT_CHARS + " bytes.")
              .getBytes(StandardCharsets.UTF_8);
        } else {
          var review = AdmissionValidator.json().readTree(request);
          body = AdmissionValidator.json().writeValueAsBytes(validator.review(review));
        }
      } catch (IOException e) {
        status = 400;
        body = "cannot read the AdmissionReview: it is not JSON.".getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
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
  }
}

package dev.lattice.controlplane;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for one local control plane: it signs the API server's serving certificate and
 * the webhook's, so clients trust exactly this CA (never "skip TLS verify"). Keys are EC P-256, which Go and the JDK
 * both accept; certificates live a day, as long as any sandbox or test run should.
 */
public final class Pki {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LIFETIME = Duration.ofDays(1);

  private final KeyPair caKeys;
  private final X509Certificate ca;

  private Pki(KeyPair caKeys, X509Certificate ca) {
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A new CA. */
  public static Pki create(String name) {
    KeyPair keys = ecKeys();
    X500Name subject = new X500Name("CN=" + name);
    var builder = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject,
        keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Pki(keys, sign(builder, keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A serving certificate for {@code dnsNames} and the loopback addresses, with its key. */
  public Issued serving(String commonName, List<String> dnsNames) {
    KeyPair keys = ecKeys();
    var builder = new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(),
        new X500Name("CN=" + commonName), keys.getPublic());
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    try {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
      return new Issued(sign(builder, caKeys), keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String caPem() {
    return pem(ca);
  }

  /** A certificate and its key; {@link #write} lays them out as {@code tls.crt} and {@code tls.key} (PKCS#8). */
  public record Issued(X509Certificate certificate, KeyPair keys) {
    public void write(Path directory) {
      try {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("tls.crt"), pem(certificate));
        Files.writeString(directory.resolve("tls.key"), pkcs8(keys));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An RSA key pair for signing service-account tokens: private key as PKCS#8, public key as PKIX PEM. */
  public static void writeServiceAccountKeys(Path privateKey, Path publicKey) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      KeyPair keys = generator.generateKeyPair();
      Files.writeString(privateKey, pkcs8(keys));
      Files.writeString(publicKey, pem(new PemObject("PUBLIC KEY", keys.getPublic().getEncoded())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pkcs8(KeyPair keys) {
    return pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) {
    try {
      ContentSigner signer256 = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer256));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(LIFETIME));
  }
}

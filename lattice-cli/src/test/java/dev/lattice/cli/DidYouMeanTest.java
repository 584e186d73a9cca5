package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DidYouMeanTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static final String HEAD = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        workload:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
      """;

  @Test
  void probe() throws IOException {
    Path file = write("api.yaml", """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          workload:
            containers:
              main:
                image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
                comand: ["/app/api"]
                resource:
                  limits: {cpu: 500m, memory: 256Mi}
                variables:
                  A: "${resources.ordrs.url}"
                  B: "${secret.stripe-key.api-kye}"
                  C: "${secret.strpe-key.api-key}"
                  D: "${resource.orders.url}"
                  E: "${secret.cache.x}"
            resources:
              orders: {type: service}
              stripe-key: {type: secret, id: x/y, params: {provider: vault, keys: [api-key]}}
              cache: {type: secert, id: c}
        """);
    CliRun run = CliRun.of("derive", file.toString());
    System.out.println(run.out());
    System.out.println(run.err());
  }
}

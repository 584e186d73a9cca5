package dev.lattice.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs CustomResourceDefinitions from folders of YAML files with server-side apply (client-side apply would put
 * the whole object into an annotation, and several upstream CRDs are larger than an annotation may be), then waits
 * until each is Established so that objects of its kind can be created at once.
 */
public final class Crds {
  private static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(60);

  private Crds() {}

  /** Applies every CRD under the folders (recursively, *.yaml) and returns their names once all are Established. */
  public static List<String> install(KubernetesClient client, List<Path> folders) {
    List<String> names = new ArrayList<>();
    for (Path folder : folders) {
      for (Path file : yamlFiles(folder)) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata object : client.load(in).items()) {
            if (object instanceof CustomResourceDefinition crd) {
              client.apiextensions().v1().customResourceDefinitions().resource(crd)
                  .fieldManager("lattice-controlplane").forceConflicts().serverSideApply();
              names.add(crd.getMetadata().getName());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    long deadline = System.nanoTime() + ESTABLISH_TIMEOUT.toNanos();
    for (String name : names) {
      while (!established(client, name)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("CRD " + name + " was not Established within "
              + ESTABLISH_TIMEOUT.toSeconds() + "s");
        }
        ControlPlane.sleep(100);
      }
    }
    return names;
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

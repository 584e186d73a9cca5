package dev.lattice.engine.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The security promise of authorization, for random fleets and policy sets: an ExternalSecret exists only for a
 * secret some permit grants and no forbid denies; a service with any denied secret gets no object at all.
 */
class NoSecretWithoutPermitPropertyTest {
  private static final List<String> PROVIDERS = List.of("vault", "aws");

  @Test
  @DisplayName("property: no ExternalSecret is derived without a permit, and forbid always wins")
  void noExternalSecretWithoutPermit() {
    qt().withExamples(25).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<ServiceInput> services = new ArrayList<>();
      Set<String> requested = new HashSet<>(); // "svc|provider:key"
      for (int s = 0; s < 4; s++) {
        StringBuilder resources = new StringBuilder();
        int secrets = 1 + random.nextInt(3);
        for (int k = 0; k < secrets; k++) {
          String provider = PROVIDERS.get(random.nextInt(2));
          String key = "team/k" + random.nextInt(4);
          resources.append("s").append(k).append(": {type: secret, id: ").append(key).append(", params: {provider: ")
              .append(provider).append("}}, ");
          requested.add("svc" + s + "|" + provider + ":" + key);
        }
        services.add(PolicyFixtures.service("metadata: {name: svc" + s + "}\nspec: {workload: {resources: {"
            + resources + "}}}"));
      }
      Set<String> permitted = new HashSet<>();
      Set<String> forbiddenPaths = new HashSet<>();
      StringBuilder policy = new StringBuilder();
      for (String r : requested) {
        if (random.nextInt(3) > 0) {
          permitted.add(r);
          String[] parts = r.split("\\|");
          policy.append("permit(principal == Lattice::Service::\"shop/").append(parts[0])
              .append("\", action == Lattice::Action::\"AccessSecret\", resource == Lattice::SecretPath::\"")
              .append(parts[1]).append("\");\n");
        }
      }
      if (random.nextBoolean()) {
        String path = "team/k" + random.nextInt(4);
        forbiddenPaths.add(path);
        policy.append("forbid(principal, action, resource) when { resource.path == \"").append(path).append("\" };\n");
      }
      Engine engine = PolicyFixtures.engine(policy.toString());

      for (Derivation d : engine.deriveAll(Fleet.of(services))) {
        String svc = d.ref().name();
        boolean allGranted = requested.stream().filter(r -> r.startsWith(svc + "|"))
            .allMatch(r -> permitted.contains(r) && !forbiddenPaths.contains(r.substring(r.indexOf(':') + 1)));
        assertThat(d instanceof Derivation.Derived).as("%s derived iff every secret is granted", svc)
            .isEqualTo(allGranted);
        if (d instanceof Derivation.Derived derived) {
          for (HasMetadata o : derived.resources()) {
            if (o instanceof GenericKubernetesResource es && o.getKind().equals("ExternalSecret")) {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec = (Map<String, Object>) es.getAdditionalProperties().get("spec");
              @SuppressWarnings("unchecked")
              String provider = ((Map<String, Object>) spec.get("secretStoreRef")).get("name").toString();
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> from = (List<Map<String, Object>>) spec.get("dataFrom");
              @SuppressWarnings("unchecked")
              String key = ((Map<String, Object>) from.get(0).get("extract")).get("key").toString();
              String grant = svc + "|" + provider + ":" + key;
              assertThat(permitted).as("ExternalSecret %s has a permit", es.getMetadata().getName()).contains(grant);
              assertThat(forbiddenPaths).doesNotContain(key);
            }
          }
        } else {
          assertThat(d.diagnostics()).anyMatch(x -> x.reason().name().equals("AccessSecretDenied"));
        }
      }
    });
  }
}

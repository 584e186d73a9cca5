package dev.lattice.api.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class ConversionsTest {
  private static final ObjectMapper YAML = new YAMLMapper();

  static final String ALPHA = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        replicas: 2
        workload:
          containers:
            main: {image: ghcr.io/acme/api:1.0.0, command: [/app/api]}
          service:
            ports:
              http: {port: 8080}
          resources:
            cart: {direction: both}
            web: {type: service, direction: inbound}
            stripe: {type: external-service, params: {endpoints: {api: "https://api.stripe.com"}}}
            db-password: {type: secret, params: {provider: vault, keys: [password]}}
            cache: {type: volume, id: shared-cache}
            gpu: {type: gpu}
            billing: {type: service, direction: outbound}
        backup: {schedule: "0 2 * * *"}
      """;

  static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) YAML.readTree(text);
  }

  static ObjectNode converted(ObjectNode document, ApiVersion target) {
    var result = Conversions.convert(document, target);
    assertThat(result).isInstanceOf(ConversionResult.Converted.class);
    return ((ConversionResult.Converted) result).document();
  }

  @Test
  void v1alpha1ToV1beta1SplitsResourcesByPurpose() throws Exception {
    ObjectNode beta = converted(yaml(ALPHA), ApiVersion.V1BETA1);
    assertThat(beta.get("apiVersion").asText()).isEqualTo("lattice.dev/v1beta1");
    assertThat(beta.get("spec")).isEqualTo(yaml("""
        replicas: 2
        containers:
          main: {image: ghcr.io/acme/api:1.0.0, command: [/app/api]}
        ports:
          http: {port: 8080}
        dependencies:
          cart: {direction: both}
          web: {type: service, direction: inbound}
          stripe: {type: external-service, params: {endpoints: {api: "https://api.stripe.com"}}}
          billing: {type: service, direction: outbound}
        secrets:
          db-password: {params: {provider: vault, keys: [password]}}
        volumes:
          cache: {id: shared-cache}
        resources:
          gpu: {type: gpu}
        backup: {schedule: "0 2 * * *"}
        """));
    assertThat(beta.path("metadata").has("annotations")).isFalse();
  }

  @Test
  void v1SplitsDirectionsIntoExplicitEntriesAndKeepsWhatItCannotSay() throws Exception {
    ObjectNode v1 = converted(yaml(ALPHA), ApiVersion.V1);
    assertThat(v1.get("apiVersion").asText()).isEqualTo("lattice.dev/v1");
    assertThat(v1.at("/spec/dependencies")).isEqualTo(yaml("""
        outbound:
          cart: {}
          stripe: {type: external-service, params: {endpoints: {api: "https://api.stripe.com"}}}
          billing: {type: service}
        inbound:
          cart: {}
          web: {type: service}
        """));
    // The explicit direction: outbound of billing has no v1 spelling: the annotation keeps it, relative to
    // v1beta1, the nearest version that can say it (v1alpha1 to v1beta1 loses nothing).
    assertThat(v1.at("/metadata/annotations").get(Conversions.ANNOTATION).asText())
        .startsWith("{\"version\":\"lattice.dev/v1beta1\",\"spec\":\"sha256:")
        .endsWith("\"restore\":[{\"op\":\"add\",\"path\":\"/dependencies/billing/direction\","
            + "\"value\":\"outbound\"}]}");
  }

  @Test
  void everyRoundTripGivesBackTheIdenticalDocument() throws Exception {
    ObjectNode alpha = yaml(ALPHA);
    for (ApiVersion via : ApiVersion.values()) {
      for (ApiVersion then : ApiVersion.values()) {
        ObjectNode there = converted(converted(alpha, via), then);
        assertThat(converted(there, ApiVersion.V1ALPHA1)).as("via %s then %s", via, then).isEqualTo(alpha);
      }
    }
  }

  @Test
  void anEditedSpecIsConvertedAsItNowIs() throws Exception {
    ObjectNode v1 = converted(yaml(ALPHA), ApiVersion.V1);
    ((ObjectNode) v1.get("spec")).put("replicas", 3);
    ObjectNode alpha = converted(v1, ApiVersion.V1ALPHA1);
    assertThat(alpha.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(alpha.at("/spec/workload/resources/billing").has("direction")).isFalse();
    assertThat(alpha.path("metadata").has("annotations")).isFalse();
  }

  @Test
  void theRuntimeImageNeedsADecision() throws Exception {
    ObjectNode alpha = yaml(ALPHA);
    ((ObjectNode) alpha.at("/spec/workload/containers/main")).put("image", ".");
    assertThat(Conversions.convert(alpha, ApiVersion.V1)).isEqualTo(new ConversionResult.NeedsDecision(
        java.util.List.of(new Decision("spec.workload.containers.main.image",
            "image '.' asks the runtime to supply the image at deploy time, which lattice.dev/v1 does not allow, "
                + "and no conversion can know which image you deploy.",
            "choose the image to run and write it at spec.workload.containers.main.image, e.g. image: "
                + "ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert again."))));
    ObjectNode beta = converted(alpha, ApiVersion.V1BETA1);
    assertThat(((ConversionResult.NeedsDecision) Conversions.convert(beta, ApiVersion.V1)).decisions())
        .extracting(Decision::fieldPath).containsExactly("spec.containers.main.image");
  }

  @Test
  void anUnknownVersionNamesTheServedOnes() throws Exception {
    ObjectNode doc = yaml(ALPHA);
    doc.put("apiVersion", "lattice.dev/v2");
    assertThat(((ConversionResult.NeedsDecision) Conversions.convert(doc, ApiVersion.V1)).decisions())
        .containsExactly(new Decision("apiVersion", "'lattice.dev/v2' is not a served version of LatticeService.",
            "write one of lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1."));
  }

  @Test
  void theInputIsNeverModified() throws Exception {
    ObjectNode alpha = yaml(ALPHA);
    converted(alpha, ApiVersion.V1);
    assertThat(alpha).isEqualTo(yaml(ALPHA));
  }
}

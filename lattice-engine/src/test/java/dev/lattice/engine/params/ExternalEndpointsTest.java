package dev.lattice.engine.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalEndpointsTest {
  private static final String PATH = "spec.workload.resources.ext";

  private static Resource resource(Optional<String> id, Map<String, Object> params) {
    return new Resource(
        "ext", Resource.Type.EXTERNAL_SERVICE, "external-service", Optional.empty(), id,
        Resource.Direction.OUTBOUND, Optional.empty(), Map.of(), params);
  }

  private static Parsed<ExternalEndpoints> parse(String url) {
    return ExternalEndpoints.parse(resource(Optional.empty(), Map.of("endpoints", Map.of("api", url))), PATH);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://api.stripe.com, https, api.stripe.com, 443, https://api.stripe.com",
      "http://status.example.com, http, status.example.com, 80, http://status.example.com",
      "https://api.example.com:8443/v1, https, api.example.com, 8443, https://api.example.com:8443/v1",
      "tcp://10.0.0.5:5432, tcp, 10.0.0.5, 5432, tcp://10.0.0.5:5432",
      "udp://dns.example.com:53, udp, dns.example.com, 53, udp://dns.example.com:53",
      "grpc://grpc.example.com:9090, grpc, grpc.example.com, 9090, grpc://grpc.example.com:9090",
      "redis.default.svc:6379, tcp, redis.default.svc, 6379, redis.default.svc:6379",
      "https://[2001:db8::1]:8443, https, [2001:db8::1], 8443, https://[2001:db8::1]:8443",
      "'  https://api.example.com  ', https, api.example.com, 443, https://api.example.com",
  })
  @DisplayName("each supported URL form gives its scheme, host, port (443/80 by default) and rendered url")
  void supportedForms(String url, String scheme, String host, int port, String rendered) {
    Parsed<ExternalEndpoints> parsed = parse(url);
    assertThat(parsed.diagnostics()).isEmpty();
    assertThat(parsed.value().endpoints())
        .containsExactly(new ExternalEndpoints.Endpoint("api", scheme, host, port, rendered));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "ftp://files.example.com", "tcp://db.example.com", "udp://dns.example.com", "grpc://grpc.example.com",
      "api.example.com", "https://", "https://:443", "tcp://db:0", "tcp://db:65536", "tcp://db:http",
      "https://api_example.com", "https://-api.example.com", "", "  "})
  @DisplayName("unsupported schemes, missing ports, bad ports and bad hosts are InvalidEndpointUrl at the endpoint")
  void rejectedForms(String url) {
    Parsed<ExternalEndpoints> parsed = parse(url);
    assertThat(parsed.value().endpoints()).isEmpty();
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(Reason.InvalidEndpointUrl);
      assertThat(d.fieldPath()).isEqualTo(PATH + ".params.endpoints.api");
      assertThat(d.fix()).isNotBlank();
    });
  }

  @Test
  @DisplayName("credentials in a URL are reported without repeating them, and a query is never quoted")
  void neverQuotesCredentialsOrQueries() {
    Diagnostic credentials = parse("https://app:s3cr3t@api.example.com").diagnostics().get(0);
    assertThat(credentials.message()).doesNotContain("s3cr3t").contains("contains credentials");

    Diagnostic badPort = parse("https://api.example.com:99999/cb?token=t0ken").diagnostics().get(0);
    assertThat(badPort.message()).doesNotContain("t0ken").contains("'https://api.example.com:99999'");
  }

  @Test
  @DisplayName("endpoints are read in name order and every bad one is reported, not only the first")
  void allEndpointsChecked() {
    Parsed<ExternalEndpoints> parsed = ExternalEndpoints.parse(resource(Optional.empty(), Map.of("endpoints",
        Map.of("b", "https://b.example.com", "a", "tcp://a.example.com", "c", "ftp://c"))), PATH);
    assertThat(parsed.value().endpoints()).extracting(ExternalEndpoints.Endpoint::name).containsExactly("b");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::fieldPath)
        .containsExactly(PATH + ".params.endpoints.a", PATH + ".params.endpoints.c");
  }

  @Test
  @DisplayName("an entity id needs no endpoints; without one, missing or empty endpoints are reported")
  void entityOrEndpoints() {
    Parsed<ExternalEndpoints> entity = ExternalEndpoints.parse(resource(Optional.of("entity:world"), Map.of()), PATH);
    assertThat(entity.diagnostics()).isEmpty();
    assertThat(entity.value().entity()).hasValue("entity:world");

    for (Map<String, Object> params : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("endpoints", Map.of()))) {
      assertThat(ExternalEndpoints.parse(resource(Optional.empty(), params), PATH).diagnostics())
          .singleElement()
          .satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.ExternalEndpointsMissing);
            assertThat(d.fieldPath()).isEqualTo(PATH + ".params.endpoints");
          });
    }
  }

  @Test
  @DisplayName("endpoints written as a list instead of a mapping are reported as such")
  void endpointsNotAMapping() {
    Diagnostic d = ExternalEndpoints.parse(
        resource(Optional.empty(), Map.of("endpoints", java.util.List.of("https://a.example.com"))), PATH)
        .diagnostics().get(0);
    assertThat(d.reason()).isEqualTo(Reason.ExternalEndpointsMissing);
    assertThat(d.problem()).contains("is not a mapping of names to URLs");
  }
}

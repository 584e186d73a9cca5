package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code --service NS/NAME}: derive a few services in the context of the whole fleet. */
class ServiceSelectionTest {
  private static final String EXAMPLE = "../examples/commerce";

  @Test
  @DisplayName("only the named service is derived and printed; its dependency elsewhere in PATH resolves")
  void oneServiceInItsFleet() throws Exception {
    CliRun alone = CliRun.of("derive", EXAMPLE + "/payments.yaml", EXAMPLE + "/platform.yaml");
    CliRun selected = CliRun.of("derive", "-o", "json", "--service", "commerce/payments", EXAMPLE);

    assertThat(alone.exitCode()).as("payments needs orders' port").isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(selected.exitCode()).as(selected.err()).isZero();
    var items = new ObjectMapper().readTree(selected.out()).path("items");
    assertThat(items.size()).isPositive();
    items.forEach(item -> assertThat(item.path("metadata").path("labels").path("lattice.dev/service").asText())
        .isEqualTo("payments"));
    assertThat(selected.err()).startsWith("commerce/payments  Ready").doesNotContain("commerce/orders ")
        .contains("1 service: 1 Ready, 0 Failed");
  }

  @Test
  @DisplayName("--service is repeatable")
  void several() {
    CliRun run = CliRun.of("validate", "--service", "commerce/orders", "--service", "commerce/frontend", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("commerce/frontend  Ready").contains("commerce/orders    Ready")
        .doesNotContain("commerce/payments").contains("2 services: 2 Ready, 0 Failed");
  }

  @Test
  @DisplayName("an unknown NS/NAME is an input error that names the nearest service")
  void unknownSuggestsNearest() {
    CliRun run = CliRun.of("derive", "--service", "commerce/paymnts", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error   --service commerce/paymnts: no LatticeService commerce/paymnts in PATH "
        + "(3 services read). Did you mean commerce/payments? Fix: name a service of PATH as NAMESPACE/NAME; lattice "
        + "derive PATH lists them." + System.lineSeparator());
  }

  @Test
  @DisplayName("a name far from every service gets no suggestion; a value without a slash says the format")
  void noSuggestionAndBadFormat() {
    assertThat(CliRun.of("derive", "--service", "billing/invoices", EXAMPLE).err())
        .contains("no LatticeService billing/invoices in PATH (3 services read). Fix: ");
    assertThat(CliRun.of("derive", "--service", "payments", EXAMPLE).err())
        .isEqualTo("error   --service payments: expected NAMESPACE/NAME, e.g. commerce/payments."
            + System.lineSeparator());
  }
}

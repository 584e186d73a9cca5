package dev.lattice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every chart in the checkout's {@code charts/} folder passes {@code helm lint} (helm-java, strict). */
class ChartsLintTest {
  private static final Path CHARTS = HelmChart.folder().getParent();

  @Test
  void everyChartLints() throws IOException {
    List<Path> charts;
    try (Stream<Path> dirs = Files.list(CHARTS)) {
      charts = dirs.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().toList();
    }
    assertThat(charts).extracting(d -> d.getFileName().toString())
        .contains("fleet-equivalent", "lattice-test-app-0.1.0", "lattice-test-app-0.2.0");
    for (Path chart : charts) {
      LintResult result = new Helm(chart).lint().strict().call();
      assertThat(result.isFailed()).as(chart + ": " + result.getMessages()).isFalse();
    }
  }

  @Test
  void testAppUpgradeDropsTheConfigMap() {
    String before = new Helm(CHARTS.resolve("lattice-test-app-0.1.0")).template().withName("hello").call();
    String after = new Helm(CHARTS.resolve("lattice-test-app-0.2.0")).template().withName("hello").call();
    assertThat(before).contains("kind: ConfigMap", "kind: Deployment", "kind: Service");
    assertThat(after).doesNotContain("kind: ConfigMap").contains("kind: Deployment", "kind: Service");
  }
}

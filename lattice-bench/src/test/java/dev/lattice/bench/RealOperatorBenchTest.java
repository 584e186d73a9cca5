package dev.lattice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealOperatorBenchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String line(String stage, String agent, String resource, String subresource) {
    return """
        {"stage":"%s","userAgent":"%s","verb":"patch","objectRef":{"resource":"%s","subresource":"%s"}}
        """.formatted(stage, agent, resource, subresource).strip();
  }

  @Test
  void auditLinesAreGroupedAsOnTheMockAndTheControlPlanesOwnWritesLeftOut() throws Exception {
    String fabric8 = "fabric8-kubernetes-client/7.5.2";
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete", fabric8, "latticeservices",
        "status")))).isEqualTo("status");
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete", fabric8, "latticeservices",
        "")))).isEqualTo("LatticeService (finalizer)");
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete", fabric8, "deployments",
        "")))).isEqualTo("derived objects");
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete", fabric8, "leases", ""))))
        .isEqualTo("leases");
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseStarted", fabric8, "deployments", ""))))
        .isNull();
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete",
        "kube-apiserver/v1.34.2 (linux/amd64)", "ipaddresses", "")))).isNull();
    assertThat(RealOperatorBench.AuditTail.kind(JSON.readTree(line("ResponseComplete",
        "kube-controller-manager/v1.34.2", "serviceaccounts", "")))).isNull();
  }

  @Test
  void theAuditTailCountsEachCompleteLineOnce() throws Exception {
    Path log = dir.resolve("audit.log");
    String write = line("ResponseComplete", "fabric8-kubernetes-client/7.5.2", "deployments", "");
    Files.writeString(log, write + "\n" + write + "\n" + "{\"stage\":\"Resp");
    RealOperatorBench.AuditTail tail = new RealOperatorBench.AuditTail(log);
    assertThat(tail.take()).containsExactly(Map.entry("derived objects", 2L));
    Files.writeString(log, "onseComplete\",\"userAgent\":\"x\",\"objectRef\":{\"resource\":\"events\"}}\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(tail.take()).containsExactly(Map.entry("events", 1L));
  }

  @Test
  void theRealTableGoesBetweenItsOwnMarkers() throws Exception {
    Results.write(dir.resolve("operator-real.json"), Map.of("rows", List.of(
        Map.of("n", 5000, "skipped", "not run"))));
    Path md = dir.resolve("BENCHMARKS.md");
    String mock = OperatorReport.BEGIN + "\nmock\n" + OperatorReport.END + "\n";
    Files.writeString(md, mock + OperatorReport.REAL_BEGIN + "\nold\n" + OperatorReport.REAL_END + "\n");

    OperatorReport.main(Map.of("results", dir.toString(), "markdown", md.toString(), "real", "true"));

    assertThat(Files.readString(md)).startsWith(mock).doesNotContain("old")
        .contains("### Operator start-up on the real local control plane")
        .contains("| 5,000 | skipped: not run |");
  }
}

package dev.lattice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * One {@code bin/lattice derive} of N services under JFR ({@code -XX:StartFlightRecording}, settings=profile, through
 * JAVA_TOOL_OPTIONS), summarised from the recording: execution samples (Java) and native-method samples (threads
 * inside JNI, i.e. Cedar) by CLI phase (outermost matching frame), by component (library the sampled code belongs
 * to), top self frames and top Lattice frames; GC pauses; CPU load of the JVM.
 */
final class Profile {
  private Profile() {}

  private static final String[][] PHASES = {
    {"dev.lattice.cli.io.ManifestReader", "read: YAML files to LatticeServices"},
    {"dev.lattice.cli.io.Platform", "policies: load and parse CedarPolicies"},
    {"dev.lattice.policy.PolicyLibrary.load", "policies: load and parse CedarPolicies"},
    {"dev.lattice.engine.Fleet", "fleet: build the service graph"},
    {"dev.lattice.cli.io.OutputWriter", "write: Manifests.yaml and files"},
    {"dev.lattice.engine.Engine", "derive: validate, authorize, render"},
    {"dev.lattice.cli.report", "report"},
    {"dev.lattice.cli.generate", "generate"},
  };

  static void main(Map<String, String> opts) throws Exception {
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    Path results = Path.of(opts.getOrDefault("results", "bench-results"));
    double limit = Double.parseDouble(opts.getOrDefault("limit", "60"));
    int n = opts.getOrDefault("n", "auto").equals("auto") ? largestUnder(results, limit)
        : Integer.parseInt(opts.get("n"));
    if (n == 0) {
      System.out.println("profile: no end-to-end run finished under " + limit + " s; nothing to profile");
      return;
    }
    Path work = Path.of(opts.getOrDefault("work", Fixture.workDir().toString()));
    double timeout = Double.parseDouble(opts.getOrDefault("timeout", "600"));
    EndToEnd e2e = new EndToEnd(repo, work);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    Path fleet = e2e.fleet(n, out);
    Path jfr = work.resolve("n" + n).resolve("e2e").resolve("profile.jfr");
    Files.createDirectories(jfr.getParent());
    Files.deleteIfExists(jfr);
    System.out.printf("profile: bin/lattice derive of %,d services under JFR...%n", n);
    EndToEnd.Run run = e2e.derive(n, fleet, "jfr",
        "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,jdk.ExecutionSample#period=10ms,"
            + "jdk.NativeMethodSample#period=10ms -XX:FlightRecorderOptions=stackdepth=128",
        timeout);
    out.put("command", "JAVA_TOOL_OPTIONS='-XX:StartFlightRecording=filename=profile.jfr,settings=profile,"
        + "jdk.ExecutionSample#period=10ms,jdk.NativeMethodSample#period=10ms' "
        + "bin/lattice derive --output-dir OUT --timings FLEET");
    out.put("jfr", jfr.toString());
    out.put("run", run);
    if (Files.exists(jfr)) {
      out.put("summary", summarise(jfr));
    } else {
      out.put("error", "no recording was written (exit " + run.exit() + ")");
    }
    Results.write(results.resolve("profile.json"), out);
    System.out.printf("profile: %.1f s, recording %s%n", run.seconds(), jfr);
  }

  /** The largest N whose end-to-end median stayed under {@code limit} seconds. */
  static int largestUnder(Path results, double limit) {
    Path file = results.resolve("e2e.json");
    int best = 0;
    if (Files.exists(file)) {
      for (Object o : Results.list(Results.read(file).get("rows"))) {
        Map<String, Object> row = Results.map(o);
        if (Results.num(row.get("median")) <= limit) {
          best = Math.max(best, (int) Results.num(row.get("n")));
        }
      }
    }
    return best;
  }

  static Map<String, Object> summarise(Path jfr) throws Exception {
    Map<String, Integer> phase = new HashMap<>();
    Map<String, Integer> component = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> lattice = new HashMap<>();
    Map<String, Double> blockedMs = new HashMap<>();
    int javaSamples = 0;
    int nativeSamples = 0;
    double gcPauseMs = 0;
    int gcs = 0;
    double cpuSum = 0;
    double machineSum = 0;
    int cpuEvents = 0;
    Map<String, String> periods = new java.util.TreeMap<>();
    try (RecordingFile file = new RecordingFile(jfr)) {
      Map<Long, String> typeNames = new HashMap<>();
      file.readEventTypes().forEach(t -> typeNames.put(t.getId(), t.getName()));
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        String type = e.getEventType().getName();
        switch (type) {
          case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
              continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
              javaSamples++;
            } else {
              nativeSamples++;
            }
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            phase.merge(phaseOf(frames), 1, Integer::sum);
            component.merge(componentOf(frames), 1, Integer::sum);
            for (RecordedFrame f : frames) {
              if (f.getMethod().getType().getName().startsWith("dev.lattice.")) {
                lattice.merge(name(f), 1, Integer::sum);
                break;
              }
            }
          }
          case "jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.JavaMonitorWait" -> {
            RecordedStackTrace stack = e.getStackTrace();
            String where = "(no stack)";
            if (stack != null) {
              for (RecordedFrame f : stack.getFrames()) {
                if (f.getMethod().getType().getName().startsWith("dev.lattice.")) {
                  where = name(f);
                  break;
                }
              }
              if (where.equals("(no stack)") && !stack.getFrames().isEmpty()) {
                where = name(stack.getFrames().get(0));
              }
            }
            String what = type.substring(4) + (type.equals("jdk.JavaMonitorEnter")
                ? " on " + e.getClass("monitorClass").getName() : "");
            blockedMs.merge(what + " at " + where, e.getDuration().toNanos() / 1e6, Double::sum);
          }
          case "jdk.GarbageCollection" -> {
            gcs++;
            gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
          }
          case "jdk.CPULoad" -> {
            cpuEvents++;
            cpuSum += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
            machineSum += e.getFloat("machineTotal");
          }
          case "jdk.ActiveSetting" -> {
            String of = typeNames.getOrDefault(e.getLong("id"), "");
            if (e.getString("name").equals("period") && of.endsWith("MethodSample")
                || e.getString("name").equals("period") && of.equals("jdk.ExecutionSample")) {
              periods.put(of, e.getString("value"));
            }
          }
          default -> { }
        }
      }
    }
    int total = javaSamples + nativeSamples;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("javaSamples", javaSamples);
    out.put("nativeSamples", nativeSamples);
    out.put("samplePeriods", periods);
    out.put("phases", top(phase, total, 20));
    out.put("components", top(component, total, 20));
    out.put("selfFrames", top(self, total, 15));
    out.put("latticeFrames", top(lattice, total, 12));
    List<Map<String, Object>> blocked = new ArrayList<>();
    blockedMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
        .forEach(e -> blocked.add(Map.of("name", e.getKey(), "ms", Math.round(e.getValue()))));
    out.put("blocked", blocked);
    out.put("gcCount", gcs);
    out.put("gcPauseMs", gcPauseMs);
    // jdk.CPULoad is a fraction of all cores: 0.5 on this 2-core machine is one core busy.
    out.put("jvmCpuLoadAvg", cpuEvents == 0 ? Double.NaN : cpuSum / cpuEvents);
    out.put("machineCpuLoadAvg", cpuEvents == 0 ? Double.NaN : machineSum / cpuEvents);
    return out;
  }

  private static List<Map<String, Object>> top(Map<String, Integer> counts, int total, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(e -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", e.getKey());
          row.put("samples", e.getValue());
          row.put("percent", total == 0 ? 0 : Math.round(1000.0 * e.getValue() / total) / 10.0);
          out.add(row);
        });
    return out;
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The outermost frame that names a CLI phase. */
  static String phaseOf(List<RecordedFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      String name = name(frames.get(i));
      for (String[] p : PHASES) {
        if (name.startsWith(p[0])) {
          return p[1];
        }
      }
    }
    boolean anyLattice = frames.stream().anyMatch(f -> name(f).startsWith("dev.lattice."));
    return anyLattice ? "CLI other (picocli, start-up)" : "outside Lattice (JVM start-up, class loading, JIT)";
  }

  /** The library the sampled code belongs to: the first non-JDK frame from the top, JDK work named when telling. */
  static String componentOf(List<RecordedFrame> frames) {
    String jdk = null;
    for (RecordedFrame f : frames) {
      String name = name(f);
      if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
          || name.startsWith("com.sun.")) {
        if (jdk == null) {
          if (name.startsWith("java.security") || name.startsWith("sun.security")) {
            jdk = "JDK: SHA-256 digests";
          } else if (name.startsWith("java.util.regex")) {
            jdk = "JDK: regular expressions";
          } else if (name.startsWith("java.io") || name.startsWith("java.nio") || name.startsWith("sun.nio")) {
            jdk = "JDK: file I/O";
          } else if (name.startsWith("java.lang.String") || name.startsWith("java.lang.AbstractStringBuilder")
              || name.startsWith("java.util.Formatter")) {
            jdk = "JDK: strings and formatting";
          }
        }
        continue;
      }
      if (name.startsWith("com.cedarpolicy.")) {
        return "Cedar (cedar-java: JSON + JNI + native engine)";
      }
      if (name.startsWith("org.yaml.snakeyaml") || name.startsWith("com.fasterxml.jackson.dataformat.yaml")) {
        return "YAML (SnakeYAML + Jackson YAML)";
      }
      if (name.startsWith("com.fasterxml.jackson")) {
        return "Jackson (databind, trees, JSON)";
      }
      if (name.startsWith("io.fabric8")) {
        return "fabric8 model (builders, POJOs)";
      }
      if (name.startsWith("dev.lattice.")) {
        return jdk != null ? jdk : "Lattice code (own frames)";
      }
      return "other library: " + name.substring(0, Math.max(0, name.lastIndexOf('.', name.lastIndexOf('.') - 1)));
    }
    return jdk != null ? jdk : "JDK only (start-up, class loading, GC support)";
  }
}

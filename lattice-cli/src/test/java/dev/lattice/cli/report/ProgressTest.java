package dev.lattice.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The progress line: on a terminal's stderr, only for runs longer than two seconds, erased at the end. */
class ProgressTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final StringWriter err = new StringWriter();

  private Progress progress(boolean terminal) {
    return new Progress(new PrintWriter(err, true), 3, terminal, now::get);
  }

  private void after(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  @DisplayName("a run over two seconds on a terminal shows derived N/M, rewritten in place, then erases it")
  void longRunOnTerminal() {
    Progress progress = progress(true);
    progress.step();
    after(2_100);
    progress.step();
    after(50);
    progress.step(); // within 200 ms of the last update: not printed
    progress.done();

    assertThat(err.toString()).isEqualTo("\rderived 2/3\r\033[K");
  }

  @Test
  @DisplayName("a short run prints nothing, even on a terminal")
  void shortRun() {
    Progress progress = progress(true);
    progress.step();
    after(1_900);
    progress.step();
    progress.done();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  @DisplayName("redirected stderr never gets a progress line, however long the run")
  void redirected() {
    Progress progress = progress(false);
    after(60_000);
    progress.step();
    progress.done();

    assertThat(err.toString()).isEmpty();
  }
}

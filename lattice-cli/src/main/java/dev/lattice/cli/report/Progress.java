package dev.lattice.cli.report;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * "derived 1200/10000" on stderr while a long run derives: only when stderr is a terminal (never in redirected
 * output or a CI log), and only once the run has taken longer than {@link #DELAY_NANOS}, so short runs print
 * nothing. The line is rewritten in place at most every {@link #INTERVAL_NANOS} and erased at the end.
 */
public final class Progress {
  static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);
  static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final PrintWriter err;
  private final int total;
  private final boolean enabled;
  private final LongSupplier nanoClock;
  private final long start;
  private long lastShown;
  private boolean shown;
  private int done;

  /** @param nanoClock {@link System#nanoTime} outside tests */
  public Progress(PrintWriter err, int total, boolean stderrIsTerminal, LongSupplier nanoClock) {
    this.err = err;
    this.total = total;
    this.enabled = stderrIsTerminal;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  public synchronized void step() {
    done++;
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - start < DELAY_NANOS || (shown && now - lastShown < INTERVAL_NANOS)) {
      return;
    }
    err.print("\rderived " + done + "/" + total);
    err.flush();
    shown = true;
    lastShown = now;
  }

  public synchronized void done() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}

package dev.lattice.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to {@code System.out} and {@code System.err} while it is open, still passed on to them: the
 * log lines of an in-process operator (slf4j-simple looks {@code System.err} up on every line, so its output is
 * captured too), for tests that assert what a log never contains. Restores both streams on close.
 */
public final class OutputCapture implements AutoCloseable {
  private final PrintStream out;
  private final PrintStream err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private OutputCapture() {
    out = System.out;
    err = System.err;
    System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
  }

  public static OutputCapture start() {
    return new OutputCapture();
  }

  /** What was written so far. */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.out.flush();
    System.err.flush();
    System.setOut(out);
    System.setErr(err);
  }

  private final class Tee extends OutputStream {
    private final OutputStream next;

    Tee(OutputStream next) {
      this.next = next;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (captured) {
        captured.write(b, off, len);
      }
      next.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      next.flush();
    }
  }
}

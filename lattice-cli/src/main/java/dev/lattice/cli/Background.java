package dev.lattice.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work a run does on a thread of its own while the main thread does something it does not depend on (a cache read
 * while the inputs are, the policies loaded while the fleet is built). Not the common pool: the run's parallel
 * streams use that, and a task parked there would take a core from them.
 */
public final class Background {
  private Background() {}

  /** Starts {@code work} on a new daemon thread named {@code name}. */
  public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Waits for the work; what it threw is thrown here as it was, so a failure reads as if it ran in line. */
  public static <T> T join(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}

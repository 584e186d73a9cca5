package dev.lattice.cli;

import java.util.Arrays;

/** Stands in for the CLI in launcher tests: prints what the launcher passed, so the tests need no build. */
public final class EchoMain {
  private EchoMain() {}

  public static void main(String[] args) {
    System.out.println("args=" + Arrays.toString(args) + " name=" + System.getenv("LATTICE_PROGRAM_NAME")
        + " stdout.tty=" + System.getProperty("lattice.stdout.tty"));
  }
}

package dev.lattice.cli;

import java.util.Arrays;

/** Stands in for the CLI in launcher tests: prints what the launcher passed, so the tests need no build. */
public final class EchoMain {
  private EchoMain() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("generate-completion")) {
      // A completion function that shows what it was asked to complete.
      System.out.println("_complete_lattice() { COMPREPLY=(\"words=${COMP_WORDS[*]}\" \"cword=$COMP_CWORD\"); }");
      return;
    }
    System.out.println("args=" + Arrays.toString(args) + " name=" + System.getenv("LATTICE_PROGRAM_NAME")
        + " stdout.tty=" + System.getProperty("lattice.stdout.tty"));
  }
}

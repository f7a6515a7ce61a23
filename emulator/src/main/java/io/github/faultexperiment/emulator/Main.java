package io.github.faultexperiment.emulator;

/** Placeholder entry point; replaced by the standalone launcher. */
public final class Main {
  private Main() {}

  /**
   * Starts the emulator.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {}
}

package io.github.faultexperiment.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Medians and the lines the benchmark prints. */
final class Stats {
  /** Standard output as it was at start-up; the tests' report attachments go elsewhere. */
  private static final java.io.PrintStream OUT = System.out;

  private Stats() {}

  /** Sends everything else written to standard output (report attachments) to standard error. */
  static void keepStandardOutputForFigures() {
    System.setOut(System.err);
  }

  static double median(List<? extends Number> values) {
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static double min(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
  }

  /** One {@code name value} line on stdout. */
  static void print(String name, double value) {
    OUT.println(name + " " + format(value));
    OUT.flush();
  }

  /** A line that is not a figure: context for a reader, prefixed with {@code #}. */
  static void note(String text) {
    OUT.println("# " + text);
    OUT.flush();
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    return Math.abs(value - Math.rint(value)) < 1e-9 && Math.abs(value) < 1e15
        ? Long.toString((long) Math.rint(value))
        : String.format(java.util.Locale.ROOT, "%.3f", value);
  }

  static String summary(List<? extends Number> values) {
    return "n="
        + values.size()
        + " median="
        + format(median(values))
        + " min="
        + format(min(values))
        + " max="
        + format(max(values))
        + " all="
        + Arrays.toString(values.stream().mapToLong(v -> Math.round(v.doubleValue())).toArray());
  }
}

package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apiguardian.api.API;

/**
 * The experiment reports this JVM has published and no run summary has taken yet. A registry rather
 * than a directory scan: reports left on disk by earlier runs never leak into this run's summary,
 * and a run without experiments costs one look at an empty queue.
 */
@API(status = INTERNAL, since = "0.1")
public final class PublishedReports {
  private static final Queue<Published> PUBLISHED = new ConcurrentLinkedQueue<>();

  private PublishedReports() {}

  /**
   * One published report.
   *
   * @param report what it says
   * @param json its JSON file, absolute
   * @param html its HTML timeline, absolute
   */
  public record Published(ExperimentReport report, Path json, Path html) {}

  static void add(ExperimentReport report, Path json, Path html) {
    PUBLISHED.add(
        new Published(
            report, json.toAbsolutePath().normalize(), html.toAbsolutePath().normalize()));
  }

  /**
   * Removes and returns the reports written under a directory; reports under other directories
   * (another launcher's, e.g. a nested EngineTestKit run) stay for their own summary.
   */
  public static List<Published> takeUnder(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    List<Published> taken = new ArrayList<>();
    for (Iterator<Published> it = PUBLISHED.iterator(); it.hasNext(); ) {
      Published published = it.next();
      if (published.json().startsWith(root)) {
        it.remove();
        taken.add(published);
      }
    }
    return taken;
  }
}

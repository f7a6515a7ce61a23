package io.github.faultexperiment.gcp;

import io.github.faultexperiment.ExperimentNotAllowedException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks for an active exclusion window in a location before an experiment is created there: while
 * one is active the service refuses to start experiments in that location, so creating one would
 * only prepare an experiment that cannot run. The test is aborted instead, naming the window, its
 * end and what the user can do.
 */
final class ExclusionWindowCheck {
  private static final Logger LOG = Logger.getLogger(ExclusionWindowCheck.class.getName());

  private final FaultTestingClient client;

  ExclusionWindowCheck(FaultTestingClient client) {
    this.client = client;
  }

  /**
   * Throws {@link ExperimentNotAllowedException} when a window is active now in {@code parent}.
   *
   * @param parent {@code projects/{p}/locations/{l}}
   */
  void verify(String parent) {
    blocking(parent)
        .ifPresent(
            window -> {
              throw notAllowed(window, null);
            });
  }

  /**
   * The active window that explains a refused {@code :start}, as {@link
   * ExperimentNotAllowedException} with the refusal as its cause; empty when no window is active.
   */
  Optional<ExperimentNotAllowedException> explain(String parent, RuntimeException refused) {
    return blocking(parent).map(window -> notAllowed(window, refused));
  }

  private Optional<ExclusionWindow> blocking(String parent) {
    Page<ExclusionWindow> windows = Page.all(page -> client.listExclusionWindows(parent, page));
    if (!windows.unreachable().isEmpty()) {
      LOG.log(
          Level.WARNING,
          () ->
              "Fault Testing could not tell whether an exclusion window is active in "
                  + parent
                  + windows.unreachableNote()
                  + "; the service still refuses a start a window blocks.");
    }
    Instant now = Instant.now();
    // the window that ends last decides when experiments may start again
    return windows.items().stream()
        .filter(window -> window.activeAt(now))
        .max(Comparator.comparing(ExclusionWindow::endTime));
  }

  private static ExperimentNotAllowedException notAllowed(
      ExclusionWindow window, RuntimeException refused) {
    String description =
        window.description() == null || window.description().isBlank()
            ? ""
            : " (" + window.description() + ")";
    return new ExperimentNotAllowedException(
        "Fault Testing exclusion window "
            + window.name()
            + description
            + " is active until "
            + window.endTime()
            + ": no experiment may start in its location until then, so none was started. Run the"
            + " test again after "
            + window.endTime()
            + ", or, if the window may end early, stop it (exclusionWindows.stop: POST"
            + " v1alpha/"
            + window.name()
            + ":stop).",
        true,
        refused);
  }
}

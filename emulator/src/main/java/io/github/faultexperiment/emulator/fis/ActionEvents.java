package io.github.faultexperiment.emulator.fis;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells {@link ActionListener}s when an action starts running and when it leaves {@code running}.
 * Events are delivered at once, on the transition's thread under the experiment's lock, so a
 * listener never sees an action end before it started.
 */
final class ActionEvents {
  private static final System.Logger LOG = System.getLogger(ActionEvents.class.getName());

  private final List<ActionListener> listeners = new CopyOnWriteArrayList<>();

  void add(ActionListener listener) {
    listeners.add(listener);
  }

  void remove(ActionListener listener) {
    listeners.remove(listener);
  }

  void started(Experiment experiment, ActionRun action) {
    ActionEvent event = event(experiment, action);
    for (ActionListener listener : listeners) {
      try {
        listener.actionStarted(event);
      } catch (RuntimeException e) {
        // One broken listener must not keep the others (or the experiment) from going on.
        LOG.log(System.Logger.Level.WARNING, "Action listener failed on start of " + event, e);
      }
    }
  }

  void ended(Experiment experiment, ActionRun action) {
    ActionEvent event = event(experiment, action);
    for (ActionListener listener : listeners) {
      try {
        listener.actionEnded(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Action listener failed on end of " + event, e);
      }
    }
  }

  private static ActionEvent event(Experiment experiment, ActionRun action) {
    return new ActionEvent(
        "fis",
        experiment.id,
        action.name,
        action.actionId,
        Map.<String, Object>copyOf(action.parameters),
        action.resolvedTargets);
  }
}

package io.github.faultexperiment.emulator.gcp;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tells {@link ActionListener}s when a fault goes live and when it ends. Events are delivered in
 * the order they were submitted, on one thread, so a listener never sees an end before its start.
 */
final class ActionEvents implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ActionEvents.class.getName());

  private final List<ActionListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-testing-listeners");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Thread deliveryThread;

  void add(ActionListener listener) {
    listeners.add(listener);
  }

  void remove(ActionListener listener) {
    listeners.remove(listener);
  }

  /** Queues "the fault is live"; call while holding the lock that orders transitions. */
  Future<?> started(Experiment experiment) {
    ActionEvent event = event(experiment);
    return executor.submit(() -> deliver(event, true));
  }

  /** Queues "the fault has ended"; call while holding the lock that orders transitions. */
  Future<?> ended(Experiment experiment) {
    ActionEvent event = event(experiment);
    return executor.submit(() -> deliver(event, false));
  }

  /**
   * Waits until a queued event has been delivered, so that the state the caller is about to show
   * ({@code INJECTED}, or the answer to {@code :stop}) is true of the listeners' side too.
   */
  void await(Future<?> delivery) {
    if (delivery == null || Thread.currentThread() == deliveryThread) {
      return; // a listener calling back into the emulator must not wait for itself
    }
    try {
      delivery.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Delivering an action event failed", e.getCause());
    }
  }

  void clear() {
    listeners.clear();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private void deliver(ActionEvent event, boolean started) {
    deliveryThread = Thread.currentThread();
    for (ActionListener listener : listeners) {
      try {
        if (started) {
          listener.actionStarted(event);
        } else {
          listener.actionEnded(event);
        }
      } catch (RuntimeException e) {
        // One broken listener must not keep the others (or the state machine) from going on.
        LOG.log(
            System.Logger.Level.WARNING, "Action listener " + listener + " failed on " + event, e);
      }
    }
  }

  private static ActionEvent event(Experiment experiment) {
    String kind = ActionValidator.kind(experiment.action());
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters =
        Json.MAPPER.convertValue(experiment.action().get(kind), Map.class);
    List<String> targets =
        experiment.affectedResources.stream().map(resource -> resource.target.resource()).toList();
    return new ActionEvent("faulttesting", experiment.id(), kind, kind, parameters, targets);
  }
}

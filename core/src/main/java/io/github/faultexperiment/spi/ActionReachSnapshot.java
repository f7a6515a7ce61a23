package io.github.faultexperiment.spi;

import java.util.List;

/**
 * Where one action of an experiment reached on an {@link EmbeddedBackend}'s local targets: the
 * proof that an offline chaos test's fault reached the application, or why it did not.
 *
 * @param action the action's name in the template (Fault Testing: its kind)
 * @param actionType the service's action id or kind
 * @param status whether it reached a local target
 * @param targets the cloud resources the action targets
 * @param localTargets the resources of the local targets its fault was switched on in
 * @param effect the local effect, or empty
 * @param detail what to do about an unreached fault, or why the action has no local effect
 */
public record ActionReachSnapshot(
    String action,
    String actionType,
    Status status,
    List<String> targets,
    List<String> localTargets,
    String effect,
    String detail) {

  /** Copies the lists. */
  public ActionReachSnapshot {
    targets = List.copyOf(targets);
    localTargets = List.copyOf(localTargets);
  }

  /** Whether and why an action reached local targets. */
  public enum Status {
    /** Its fault is (or was) switched on in at least one local target. */
    REACHED,
    /**
     * It has a local effect but no local target stands for any of its targets: the test ran without
     * this fault.
     */
    UNREACHED,
    /** No local process could feel it (CPU stress, replication pauses, waiting). */
    NOT_FELT_LOCALLY,
    /** The backend has no local effect for this action. */
    NO_LOCAL_EFFECT,
    /** Its parameters are out of range; nothing was switched on. */
    INVALID
  }
}

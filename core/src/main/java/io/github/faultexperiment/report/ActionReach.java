package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where one action of an experiment reached on the embedded emulator's local targets: the proof
 * that an offline chaos test's fault reached the application, or why it did not.
 *
 * @param action the action's name in the template (Fault Testing: its kind)
 * @param actionType the FIS action id or Fault Testing kind
 * @param status {@code REACHED}, {@code UNREACHED} (it has a local effect but no local target
 *     stands for its targets), {@code NOT_FELT_LOCALLY}, {@code NO_LOCAL_EFFECT} or {@code INVALID}
 * @param targets the cloud resources the action targets
 * @param localTargets the local targets its fault was switched on in
 * @param effect the local effect, or empty
 * @param detail what to do about an unreached fault, or why the action has no local effect
 */
@API(status = INTERNAL, since = "0.1")
public record ActionReach(
    String action,
    String actionType,
    String status,
    List<String> targets,
    List<String> localTargets,
    String effect,
    String detail) {
  /** The status of an action with a local effect that no local target stands for. */
  public static final String UNREACHED = "UNREACHED";

  public ActionReach {
    targets = List.copyOf(targets);
    localTargets = List.copyOf(localTargets);
  }

  /** Whether the action had a local effect and reached no local target. */
  public boolean unreached() {
    return UNREACHED.equals(status);
  }
}

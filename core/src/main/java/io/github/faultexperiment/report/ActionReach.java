package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where one action of an experiment reached on the embedded emulator's local targets, and whether
 * the application felt it: the proof that an offline chaos test's fault reached the application, or
 * why it did not.
 *
 * @param action the action's name in the template (Fault Testing: its kind)
 * @param actionType the FIS action id or Fault Testing kind
 * @param status {@code REACHED}, {@code UNREACHED} (it has a local effect but no local target
 *     stands for its targets), {@code NOT_FELT_LOCALLY}, {@code NO_LOCAL_EFFECT}, {@code INVALID}
 *     or {@code NOT_A_FAULT} (waiting, alarm checks)
 * @param targets the cloud resources the action targets
 * @param localTargets the local targets its fault was switched on in
 * @param effect the local effect, or empty
 * @param detail why it reached no local target, or empty
 * @param remedy how to give it a local effect, or empty
 * @param trafficWhileOn requests and connections that met its local targets while its experiment's
 *     faults were on
 * @param verdict {@value #FELT}, {@value #NOT_FELT}, {@value #ACKNOWLEDGED} or {@value
 *     #NOT_A_FAULT_VERDICT}; {@value #PENDING} for a reached fault before the test body ran
 */
@API(status = INTERNAL, since = "0.1")
public record ActionReach(
    String action,
    String actionType,
    String status,
    List<String> targets,
    List<String> localTargets,
    String effect,
    String detail,
    String remedy,
    long trafficWhileOn,
    String verdict) {
  /** The status of an action with a local effect that no local target stands for. */
  public static final String UNREACHED = "UNREACHED";

  /** The status of an action that switched its fault on in local targets. */
  public static final String REACHED = "REACHED";

  /** The status of an action that harms nothing. */
  public static final String NOT_A_FAULT = "NOT_A_FAULT";

  /** The application's traffic met the fault. */
  public static final String FELT = "felt";

  /** The application did not feel the fault. */
  public static final String NOT_FELT = "not felt";

  /** The application did not feel the fault, and the user acknowledged that by name. */
  public static final String ACKNOWLEDGED = "not felt, acknowledged";

  /** The action is not a fault. */
  public static final String NOT_A_FAULT_VERDICT = "not a fault";

  /** The fault reached a local target; whether the application feels it is known after the body. */
  public static final String PENDING = "reached, not used yet";

  public ActionReach {
    targets = List.copyOf(targets);
    localTargets = List.copyOf(localTargets);
  }

  /** Whether the action had a local effect and reached no local target. */
  public boolean unreached() {
    return UNREACHED.equals(status);
  }

  /** Whether the action is a fault at all. */
  public boolean fault() {
    return !NOT_A_FAULT.equals(status);
  }

  /** Whether its fault was switched on in a local target. */
  public boolean reached() {
    return REACHED.equals(status);
  }

  /** Whether the verdict says the application did not feel it, acknowledged or not. */
  public boolean unfelt() {
    return NOT_FELT.equals(verdict) || ACKNOWLEDGED.equals(verdict);
  }

  /** A copy with another verdict. */
  public ActionReach withVerdict(String newVerdict) {
    return new ActionReach(
        action,
        actionType,
        status,
        targets,
        localTargets,
        effect,
        detail,
        remedy,
        trafficWhileOn,
        newVerdict);
  }
}

package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where one action of an experiment reached: the local targets its fault was switched on in, or why
 * it reached none. A chaos test whose fault reached nothing ran without a fault.
 *
 * @param api {@code fis} or {@code faulttesting}
 * @param experimentId the experiment's id
 * @param actionName the action's name in the template (Fault Testing: its kind)
 * @param actionType the FIS {@code actionId} or Fault Testing kind
 * @param targets the cloud resources the action targeted (ARNs, resource names)
 * @param status whether it reached a local target
 * @param localTargets the resources of the local targets it reached (empty unless {@code REACHED})
 * @param effect the local effect, e.g. {@code Down[cause=failover, recovery=PT2S]}, or empty
 * @param detail why the action reached no local target, or empty when it did
 * @param remedy the concrete way to give the action a local effect (register a target, declare what
 *     a document does, opt in), or empty when it reached one or is not a fault; {@link
 *     UnfeltReasons} writes both
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FaultReach(
    String api,
    String experimentId,
    String actionName,
    String actionType,
    List<String> targets,
    Status status,
    List<String> localTargets,
    String effect,
    String detail,
    String remedy) {

  /** Copies the lists. */
  public FaultReach {
    targets = List.copyOf(targets);
    localTargets = List.copyOf(localTargets);
  }

  /**
   * Whether the action is a fault at all: waiting and alarm checks harm nothing, so they need no
   * local target.
   */
  public boolean fault() {
    return status != Status.NOT_A_FAULT;
  }

  /** Whether and why an action reached local targets. */
  public enum Status {
    /** Its fault is (or was) switched on in at least one registered local target. */
    REACHED,
    /**
     * It has a local effect but no registered local target stands for any of its targets: the test
     * ran without this fault.
     */
    UNREACHED,
    /**
     * No local process could feel it (CPU stress, replication pauses, alarm checks, waiting), or
     * its parameters have no effect on TCP (a UDP blackhole).
     */
    NOT_FELT_LOCALLY,
    /** The emulator has no local effect for this action. */
    NO_LOCAL_EFFECT,
    /** Its parameters are out of range; the message says which; nothing was switched on. */
    INVALID,
    /** It harms nothing ({@code aws:fis:wait}, {@code aws:cloudwatch:assert-alarm-state}). */
    NOT_A_FAULT
  }
}

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
 * @param detail what to do about an unreached fault, or why the action has no local effect
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
    String detail) {

  /** Copies the lists. */
  public FaultReach {
    targets = List.copyOf(targets);
    localTargets = List.copyOf(localTargets);
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
    INVALID
  }
}

package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

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
 * @param detail why the action reached no local target, or empty when it did
 * @param remedy the concrete way to give the action a local effect, or empty when it reached one or
 *     is not a fault
 * @param trafficWhileOn the requests and connections that met its local targets while its
 *     experiment's faults were on in them (a connection opened before counts once its bytes cross
 *     or it is reset then); {@code 0} when it reached none. A fault reached the application only if
 *     this is positive.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ActionReachSnapshot(
    String action,
    String actionType,
    Status status,
    List<String> targets,
    List<String> localTargets,
    String effect,
    String detail,
    String remedy,
    long trafficWhileOn) {

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
    /** No local process could feel it (CPU stress, replication pauses). */
    NOT_FELT_LOCALLY,
    /** The backend has no local effect for this action. */
    NO_LOCAL_EFFECT,
    /** Its parameters are out of range; nothing was switched on. */
    INVALID,
    /** It harms nothing (waiting, alarm checks): it needs no local target. */
    NOT_A_FAULT
  }
}

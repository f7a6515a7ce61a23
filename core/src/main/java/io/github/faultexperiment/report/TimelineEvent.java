package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One thing the extension observed or did during an experiment.
 *
 * @param time when it was observed
 * @param kind what kind of event
 * @param subject the experiment id, the action's name for {@link Kind#ACTION_STATE}, the phase's
 *     name for {@link Kind#PHASE}, or the steady-state checks' names for the steady-state kinds
 * @param state the service's state word, or empty
 * @param detail the service's reason or the extension's note, or empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TimelineEvent(Instant time, Kind kind, String subject, String state, String detail) {

  /** What an event is about. */
  public enum Kind {
    /** The extension asked the service to start the experiment. */
    START_REQUESTED,
    /** The experiment's state changed. */
    EXPERIMENT_STATE,
    /** One action's state changed. */
    ACTION_STATE,
    /** The extension moved a prepared experiment on to injection (GCP {@code :start}). */
    PROCEED_REQUESTED,
    /** The extension confirmed the fault injected. */
    INJECTED,
    /** A dry run's checks passed: the service validated the experiment and injected nothing. */
    VALIDATED,
    /** The test body started. */
    BODY_STARTED,
    /** The test body ended; {@code state} is {@code successful} or {@code failed}. */
    BODY_ENDED,
    /** The extension asked the service to stop the experiment. */
    STOP_REQUESTED,
    /** The experiment was confirmed ended. */
    ENDED,
    /** The extension's verdict for the experiment; {@code state} is the outcome. */
    OUTCOME,
    /**
     * In embedded mode, the application did not feel an action's fault: it reached no local target
     * ({@code state} its status, e.g. {@code UNREACHED}, {@code NO_LOCAL_EFFECT}) or the
     * application never used its local target while it was on ({@code NOT_USED}); {@code subject}
     * is the action, {@code detail} the verdict ({@code not felt}, {@code not felt, acknowledged})
     * and why.
     */
    UNREACHED_FAULT,
    /** The steady-state checks passed before the experiment was started. */
    STEADY_STATE_VERIFIED,
    /**
     * The steady-state checks did not pass before the experiment was to start: nothing was started
     * and the test was aborted; {@code detail} is the last failure.
     */
    NOT_IN_STEADY_STATE,
    /** A steady-state probe failed while the fault was injected; {@code detail} is the failure. */
    DEVIATION,
    /** The steady-state checks passed again after the experiment had ended. */
    RECOVERED,
    /**
     * The steady-state checks did not pass again within the recovery timeout; {@code detail} is the
     * last failure.
     */
    NOT_RECOVERED,
    /**
     * A phase of the test that it named itself with {@link
     * io.github.faultexperiment.FaultInjection#mark(String)}; {@code subject} is the name.
     */
    PHASE,
    /**
     * The experiment yielded to an earlier-created experiment of ours (another JVM's, another CI
     * job's) on an overlapping target: {@code state} {@code yielded} when it stopped its own to
     * wait ({@code subject} its id, {@code detail} the earlier ones), {@code ended} when they had
     * ended ({@code subject} their ids, {@code detail} how long it waited); it then starts again.
     */
    OVERLAP_WAIT
  }
}

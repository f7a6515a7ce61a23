package io.github.faultexperiment.poll;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.poll.TransitionHistory.Bounds;
import io.github.faultexperiment.poll.TransitionHistory.Learned;
import java.time.Duration;
import org.apiguardian.api.API;
import org.awaitility.pollinterval.PollInterval;

/**
 * When to poll for one transition, as an Awaitility {@link PollInterval}.
 *
 * <ul>
 *   <li>First experiment of a template in this JVM: 50 ms after the request, then ×1.5 per poll,
 *       but no interval longer than {@link #FIRST_EXPERIMENT_SPACING} or an eighth of the time
 *       since the request, whichever is longer (and never longer than 2 s).
 *   <li>Later experiments of a transition that took the same time in each ({@link
 *       Learned#steady()}): sleep (never longer than {@link #MAX_INTERVAL} at a time) through the
 *       part of the transition earlier experiments saw nothing happen in, then poll where it
 *       happened — once at the learned upper bound when the bounds are tight (within {@link
 *       #TIGHT}), else at up to {@link #MAX_SPREAD} points spread evenly over them (each experiment
 *       divides them as many times).
 *   <li>Later experiments of a transition that varies, or was seen once: sleep until the earliest
 *       time it took in recent experiments, then poll at the budget's own pace ({@link #PACE}, at
 *       most {@link #MAX_SCAN} polls) up to the latest. Seen once, it is assumed to vary by up to
 *       {@link #VARIATION_PERCENT} %: a service's transition times are rarely the same twice, and
 *       aiming at one earlier experiment's time left a test waiting for as long as the times
 *       differed.
 *   <li>If the planned polls miss: after {@link #MISS_RETRIES} (5, 45 and 150 ms), then from {@link
 *       #PACE} on, ×1.5, and learn the new timing.
 *   <li>Bounds are send times: a poll sent at the learned upper bound reaches the service as late
 *       after the transition as the poll that taught it, one network trip sooner than a bound taken
 *       from when the answer arrived.
 *   <li>A throttled poll ({@code THROTTLED}) makes the next one wait at least a second, doubling.
 *   <li>Never more than {@link PollBudget#MAX_PER_SECOND} polls of one experiment in any second; a
 *       learned wait keeps {@link #RESERVED} of them for the calls outside it.
 * </ul>
 *
 * Not public API.
 */
@API(status = INTERNAL, since = "0.1")
public final class PollPlan implements PollInterval {
  // Finer than the latency of one poll on a loopback emulator (2-4 ms), coarser than the jitter of
  // a quiet machine, so converged plans poll once and rarely miss.
  static final Duration TIGHT = Duration.ofMillis(5);
  static final Duration FIRST = Duration.ofMillis(50);
  // Polls over wide learned bounds: with the rest of a test's polls, within the 5-per-second
  // budget.
  static final int MAX_SPREAD = 4;
  // After a miss a steady transition is imminent: retry within a few ms. Then no faster than the
  // budget allows for long: a burst of quick retries used up its five polls and left the next one
  // a second later.
  static final Duration RETRY = Duration.ofMillis(5);
  // A learned transition missed by more than RETRY is rarely far off (a start or a stop answered a
  // few tens of ms late on a busy machine): the next retries come 50 ms and 200 ms after the
  // planned poll, then at the budget's pace. Jumping straight to the pace made every such miss cost
  // 200 ms.
  static final Duration[] MISS_RETRIES = {RETRY, Duration.ofMillis(45), Duration.ofMillis(150)};
  // Polls of the budget a learned wait leaves to calls outside it: its polls cluster at the
  // transition and the check after the body follows at once. A first run's polls are spread out,
  // and
  // holding one back there would delay its early polls by most of a second.
  static final int RESERVED = 1;
  static final Duration PACE = Duration.ofSeconds(1).dividedBy(PollBudget.MAX_PER_SECOND);
  // A varying transition's range is polled at no more points than this (long transitions are
  // polled more sparsely than the pace, the lag staying a sixteenth of the range).
  static final int MAX_SCAN = 8;
  // How much quicker than the only experiment seen so far a transition is looked for.
  static final int VARIATION_PERCENT = 30;
  static final Duration MAX_INTERVAL = Duration.ofSeconds(2);
  // A first experiment's polls: ×1.5 alone leaves up to half the time since the request between two
  // polls
  // (~0.5 s late on average for a 2 s transition, issue 15's suite benchmark). Held to an eighth of
  // it, the lag is ~6 % of the transition at the cost of a few more polls, on first experiments
  // only; the
  // floor keeps a quick transition's polls within the 5-per-second budget.
  static final Duration FIRST_EXPERIMENT_SPACING = Duration.ofMillis(250);
  static final int FIRST_EXPERIMENT_LAG_DIVISOR = 8;
  static final Duration THROTTLED = Duration.ofSeconds(1);

  // The key of waits that are no service transition (a quota slot, a sweep): nothing is learned.
  private static final String UNLEARNED = "";

  private final String key;
  private final long referenceNanos;
  private final PollBudget budget;
  private final long[] planned;
  private final boolean firstExperiment;
  private final boolean learnedPlan;
  private int nextPlanned;
  private int missRetries;
  private long interval;
  private long lastFalseNanos;
  private long throttledInterval;

  /**
   * @param key the template and transition, for {@link TransitionHistory}
   * @param referenceNanos {@link System#nanoTime()} just before the request that set the transition
   *     off
   * @param budget the experiment's polls, shared by all its waits
   */
  public PollPlan(String key, long referenceNanos, PollBudget budget) {
    this.key = key;
    this.referenceNanos = referenceNanos;
    this.budget = budget;
    Learned learned = key.equals(UNLEARNED) ? null : TransitionHistory.learned(key);
    if (learned == null) {
      planned = new long[] {FIRST.toNanos()};
      interval = FIRST.toNanos();
      firstExperiment = !key.equals(UNLEARNED);
      learnedPlan = false;
    } else {
      firstExperiment = false;
      learnedPlan = true;
      planned = learned.steady() ? within(learned.narrowed()) : paced(range(learned));
      interval = RETRY.toNanos();
    }
  }

  /**
   * Where a varying transition may happen: the recent experiments' range, or around the only one.
   */
  private static Bounds range(Learned learned) {
    if (learned.recent().size() > 1) {
      return learned.range();
    }
    Bounds only = learned.recent().get(0);
    long quicker = only.upperNanos() / 100 * (100 - VARIATION_PERCENT);
    return new Bounds(Math.min(only.lowerNanos(), quicker), only.upperNanos());
  }

  /**
   * Polls over {@code range} at most {@link #PACE} apart (fewer when wide), the last at its end.
   */
  private static long[] paced(Bounds range) {
    long width = range.widthNanos();
    int count = (int) Math.min(MAX_SCAN, Math.max(1, -Math.floorDiv(-width, PACE.toNanos())));
    return spread(range, count);
  }

  /**
   * Polls spread evenly over the learned bounds, the last at the upper bound: one when they are
   * tight, up to {@link #MAX_SPREAD} when wide, so each experiment narrows them that many times
   * over and a few experiments converge on a single well-placed poll.
   */
  private static long[] within(Bounds learned) {
    long width = learned.widthNanos();
    int count = (int) Math.min(MAX_SPREAD, Math.max(1, -Math.floorDiv(-width, TIGHT.toNanos())));
    return spread(learned, count);
  }

  private static long[] spread(Bounds bounds, int count) {
    long[] polls = new long[count];
    for (int i = 1; i <= count; i++) {
      polls[i - 1] = bounds.lowerNanos() + bounds.widthNanos() * i / count;
    }
    return polls;
  }

  private PollPlan(long firstNanos) {
    this.key = UNLEARNED;
    this.referenceNanos = System.nanoTime();
    this.budget = new PollBudget();
    this.planned = new long[] {firstNanos};
    this.interval = FIRST.toNanos();
    this.firstExperiment = false;
    this.learnedPlan = false;
  }

  /** A plan that learns nothing: 50 ms, then ×1.5 per poll up to 2 s, at most 5 polls a second. */
  public static PollPlan backoff() {
    return new PollPlan(FIRST.toNanos());
  }

  /**
   * Attempts at a request the service may refuse for now (its quota of active experiments is
   * reached): the first at once — a 50 ms pause before every start would be pure overhead — then as
   * {@link #backoff()}.
   */
  public static PollPlan retries() {
    return new PollPlan(0);
  }

  /** How long to wait before the first poll. */
  Duration firstDelay() {
    return next(0, Duration.ZERO);
  }

  /** Called by Awaitility after each poll that did not end the wait. */
  @Override
  public Duration next(int pollCount, Duration previousDuration) {
    long now = System.nanoTime();
    long target;
    if (throttledInterval > 0) {
      target = now + throttledInterval;
    } else if (nextPlanned < planned.length) {
      // History can mislead (an experiment slowed by retries or a slot wait teaches a late time): a
      // learned
      // sleep never outlasts the unlearned plan's longest interval; the planned poll still follows.
      long plannedTarget = referenceNanos + planned[nextPlanned];
      long latest = now + MAX_INTERVAL.toNanos();
      if (plannedTarget <= latest) {
        nextPlanned++;
        target = plannedTarget;
      } else {
        target = latest;
      }
    } else if (learnedPlan && missRetries < MISS_RETRIES.length) {
      target = now + MISS_RETRIES[missRetries++].toNanos();
      interval = PACE.toNanos();
    } else {
      target = now + interval;
      long grown = interval + interval / 2;
      if (learnedPlan) {
        grown = Math.max(grown, PACE.toNanos());
      }
      if (firstExperiment) {
        grown =
            Math.min(
                grown,
                Math.max(
                    FIRST_EXPERIMENT_SPACING.toNanos(),
                    (target - referenceNanos) / FIRST_EXPERIMENT_LAG_DIVISOR));
      }
      interval = Math.min(MAX_INTERVAL.toNanos(), grown);
    }
    target = Math.max(target, budget.earliestNextPoll(learnedPlan ? RESERVED : 0));
    return Duration.ofNanos(Math.max(0, target - now));
  }

  /** Notes a poll that found the transition not yet done (sent at {@code sentNanos}). */
  void notYet(long sentNanos) {
    lastFalseNanos = Math.max(lastFalseNanos, sentNanos - referenceNanos);
    throttledInterval = 0;
  }

  /** Notes a poll the service throttled: the next waits at least a second, doubling. */
  void throttled() {
    throttledInterval =
        Math.max(THROTTLED.toNanos(), Math.min(30 * THROTTLED.toNanos(), 2 * throttledInterval));
  }

  /**
   * Teaches {@link TransitionHistory} when the transition was seen done: by the poll sent at {@code
   * sentNanos}.
   */
  public void done(long sentNanos) {
    if (key.equals(UNLEARNED)) {
      return;
    }
    long upper = sentNanos - referenceNanos;
    if (upper > lastFalseNanos) {
      TransitionHistory.observed(key, new Bounds(lastFalseNanos, upper));
    }
  }
}

package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPlanTests {
  @Test
  void retriesTryAtOnceThenBackOff() {
    PollPlan plan = PollPlan.retries();

    assertThat(plan.firstDelay()).isZero();
    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.FIRST);
    assertThat(plan.next(2, PollPlan.FIRST)).isEqualTo(PollPlan.FIRST.multipliedBy(3).dividedBy(2));
  }

  @Test
  void aLearnedPollBeyondTheLongestSleepIsKeptAfterTheCappedOne() {
    String key = "PollPlanTests-long-transition";
    TransitionHistory.observed(
        key,
        new TransitionHistory.Bounds(
            Duration.ofMillis(2_990).toNanos(), Duration.ofMillis(3_000).toNanos()));
    long reference = System.nanoTime();
    PollPlan plan = new PollPlan(key, reference, new PollBudget());

    assertThat(plan.firstDelay()).isLessThanOrEqualTo(PollPlan.MAX_INTERVAL);
    // sleeping on towards the learned poll, not a quick retry
    assertThat(plan.next(1, PollPlan.MAX_INTERVAL)).isGreaterThan(PollPlan.RETRY);
  }

  @Test
  void wideLearnedBoundsAreSearchedAtEvenlySpreadPollsEndingAtTheUpperBound() {
    String key = "PollPlanTests-wide";
    TransitionHistory.observed(
        key,
        new TransitionHistory.Bounds(
            Duration.ofMillis(1_000).toNanos(), Duration.ofMillis(1_400).toNanos()));
    PollPlan plan = new PollPlan(key, System.nanoTime(), new PollBudget());

    // each delay is measured from now, so it can only be a little shorter than planned
    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(1_100));
    assertThat(plan.next(1, Duration.ZERO))
        .isBetween(Duration.ofMillis(1_100), Duration.ofMillis(1_200));
    assertThat(plan.next(2, Duration.ZERO))
        .isBetween(Duration.ofMillis(1_200), Duration.ofMillis(1_300));
    assertThat(plan.next(3, Duration.ZERO))
        .isBetween(Duration.ofMillis(1_300), Duration.ofMillis(1_400));
    assertThat(plan.next(4, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
  }

  @Test
  void tightLearnedBoundsArePolledOnceAtTheUpperBound() {
    String key = "PollPlanTests-tight";
    TransitionHistory.observed(
        key,
        new TransitionHistory.Bounds(
            Duration.ofMillis(1_000).toNanos(), Duration.ofMillis(1_003).toNanos()));
    PollPlan plan = new PollPlan(key, System.nanoTime(), new PollBudget());

    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(903), Duration.ofMillis(1_003));
    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
  }

  @Test
  void boundsAreLearnedFromWhenThePollsWereSent() {
    String key = "PollPlanTests-learning";
    long reference = System.nanoTime();
    PollPlan plan = new PollPlan(key, reference, new PollBudget());

    plan.notYet(reference + Duration.ofMillis(100).toNanos());
    plan.done(reference + Duration.ofMillis(150).toNanos());

    assertThat(TransitionHistory.learned(key))
        .isEqualTo(
            new TransitionHistory.Bounds(
                Duration.ofMillis(100).toNanos(), Duration.ofMillis(150).toNanos()));
  }

  @Test
  void aFirstRunBacksOffButNeverFurtherThanItsSpacingEarlyOn() {
    PollPlan plan = new PollPlan("PollPlanTests-first-early", System.nanoTime(), new PollBudget());

    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(1), PollPlan.FIRST);
    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.FIRST);
    assertThat(plan.next(2, Duration.ZERO)).isEqualTo(Duration.ofMillis(75));
    assertThat(plan.next(3, Duration.ZERO)).isEqualTo(Duration.ofNanos(112_500_000));
    assertThat(plan.next(4, Duration.ZERO)).isEqualTo(Duration.ofNanos(168_750_000));
    // ×1.5 would make it 253 ms; a poll well under a second after the request is held to 250 ms
    assertThat(plan.next(5, Duration.ZERO)).isEqualTo(PollPlan.FIRST_RUN_SPACING);
    assertThat(plan.next(6, Duration.ZERO)).isEqualTo(PollPlan.FIRST_RUN_SPACING);
  }

  @Test
  void aFirstRunLateInItsWaitPollsWithinAnEighthOfTheTimeSinceTheRequest() {
    // as if the request had been sent 8 s ago: the spacing is held to an eighth of the time from
    // the request to the poll it schedules (8 s + the spacing itself), about 1.14 s, not 2 s
    long reference = System.nanoTime() - Duration.ofSeconds(8).toNanos();
    PollPlan plan = new PollPlan("PollPlanTests-first-late", reference, new PollBudget());
    Duration longest = Duration.ZERO;
    for (int poll = 1; poll < 20; poll++) {
      Duration next = plan.next(poll, Duration.ZERO);
      longest = next.compareTo(longest) > 0 ? next : longest;
    }

    assertThat(longest).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(1_200));
  }

  @Test
  void retriesAndLaterRunsStillBackOffByHalfUpToTwoSeconds() {
    PollPlan plan = PollPlan.backoff();
    Duration longest = Duration.ZERO;
    for (int poll = 1; poll < 20; poll++) {
      Duration next = plan.next(poll, Duration.ZERO);
      longest = next.compareTo(longest) > 0 ? next : longest;
    }

    assertThat(longest).isEqualTo(PollPlan.MAX_INTERVAL);
  }
}

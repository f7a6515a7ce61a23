package io.github.faultexperiment.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  void wideSteadyBoundsAreSearchedAtEvenlySpreadPollsEndingAtTheUpperBound() {
    String key = "PollPlanTests-wide";
    observe(key, 1_000, 1_400, 3);
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
  void tightSteadyBoundsArePolledOnceAtTheUpperBound() {
    String key = "PollPlanTests-tight";
    observe(key, 1_000, 1_003, 3);
    PollPlan plan = new PollPlan(key, System.nanoTime(), new PollBudget());

    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(903), Duration.ofMillis(1_003));
    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
  }

  @Test
  void afterAMissRetriesAt5And50And200MillisecondsThenNoFasterThanThePace() {
    String key = "PollPlanTests-miss";
    observe(key, 1_000, 1_003, 3);
    PollPlan plan = new PollPlan(key, System.nanoTime(), new PollBudget());
    plan.firstDelay();

    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
    assertThat(plan.next(2, Duration.ZERO)).isEqualTo(Duration.ofMillis(45));
    assertThat(plan.next(3, Duration.ZERO)).isEqualTo(Duration.ofMillis(150));
    assertThat(plan.next(4, Duration.ZERO)).isEqualTo(PollPlan.PACE);
    assertThat(plan.next(5, Duration.ZERO)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aTransitionSeenOnceIsLookedForUpToThirtyPercentSoonerThenAtThePace() {
    String key = "PollPlanTests-once";
    observe(key, 1_000, 1_250, 1);
    PollPlan plan = new PollPlan(key, System.nanoTime(), new PollBudget());

    // 875 ms (70 % of 1,250) to 1,250 ms: two polls, 187.5 ms apart; each delay is measured from
    // now (no time passes here), so it can only be a little shorter than planned
    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(1_063));
    assertThat(plan.next(1, Duration.ZERO))
        .isBetween(Duration.ofMillis(1_200), Duration.ofMillis(1_250));
    assertThat(plan.next(2, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
  }

  @Test
  void aVaryingTransitionIsPolledAtThePaceOverTheRangeOfItsRecentRuns() {
    String key = "PollPlanTests-varying";
    observe(key, 1_400, 1_450, 1);
    observe(key, 2_500, 2_550, 1);
    observe(key, 1_800, 1_850, 1);
    // as if the request had been sent a second ago, so that no sleep is held to the longest
    PollPlan plan =
        new PollPlan(key, System.nanoTime() - Duration.ofSeconds(1).toNanos(), new PollBudget());

    // 1,400 to 2,550 ms: 6 polls, 1,150 / 6 ≈ 192 ms apart, the first one step after 1,400 ms
    List<Duration> polls = new ArrayList<>(List.of(plan.firstDelay()));
    for (int poll = 1; poll < 6; poll++) {
      polls.add(plan.next(poll, Duration.ZERO));
    }

    assertThat(polls.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(592));
    for (int poll = 1; poll < 6; poll++) {
      assertThat(polls.get(poll).minus(polls.get(poll - 1)))
          .isBetween(Duration.ofMillis(180), PollPlan.PACE);
    }
    assertThat(polls.get(5)).isBetween(Duration.ofMillis(1_450), Duration.ofMillis(1_550));
    assertThat(plan.next(6, Duration.ZERO)).isEqualTo(PollPlan.RETRY);
  }

  @Test
  void aWideRangeIsPolledAtMostMaxScanTimes() {
    String key = "PollPlanTests-long-varying";
    observe(key, 10_000, 10_050, 1);
    observe(key, 30_000, 30_050, 1);
    // as if the request had been sent 31 s ago: every planned poll is due at once, so each comes
    // out as a zero delay until the plan runs out and retries
    PollPlan plan =
        new PollPlan(key, System.nanoTime() - Duration.ofSeconds(31).toNanos(), new PollBudget());

    int planned = plan.firstDelay().isZero() ? 1 : 0;
    while (plan.next(planned, Duration.ZERO).isZero()) {
      planned++;
    }

    assertThat(planned).isEqualTo(PollPlan.MAX_SCAN);
  }

  @Test
  void boundsAreLearnedFromWhenThePollsWereSent() {
    String key = "PollPlanTests-learning";
    long reference = System.nanoTime();
    PollPlan plan = new PollPlan(key, reference, new PollBudget());

    plan.notYet(reference + Duration.ofMillis(100).toNanos());
    plan.done(reference + Duration.ofMillis(150).toNanos());

    assertThat(TransitionHistory.learned(key).narrowed())
        .isEqualTo(
            new TransitionHistory.Bounds(
                Duration.ofMillis(100).toNanos(), Duration.ofMillis(150).toNanos()));
  }

  @Test
  void aFirstExperimentBacksOffButNeverFurtherThanItsSpacingEarlyOn() {
    PollPlan plan = new PollPlan("PollPlanTests-first-early", System.nanoTime(), new PollBudget());

    assertThat(plan.firstDelay()).isBetween(Duration.ofMillis(1), PollPlan.FIRST);
    assertThat(plan.next(1, Duration.ZERO)).isEqualTo(PollPlan.FIRST);
    assertThat(plan.next(2, Duration.ZERO)).isEqualTo(Duration.ofMillis(75));
    assertThat(plan.next(3, Duration.ZERO)).isEqualTo(Duration.ofNanos(112_500_000));
    assertThat(plan.next(4, Duration.ZERO)).isEqualTo(Duration.ofNanos(168_750_000));
    // ×1.5 would make it 253 ms; a poll well under a second after the request is held to 250 ms
    assertThat(plan.next(5, Duration.ZERO)).isEqualTo(PollPlan.FIRST_EXPERIMENT_SPACING);
    assertThat(plan.next(6, Duration.ZERO)).isEqualTo(PollPlan.FIRST_EXPERIMENT_SPACING);
  }

  @Test
  void aFirstExperimentLateInItsWaitPollsWithinAnEighthOfTheTimeSinceTheRequest() {
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

  private static void observe(String key, long lowerMillis, long upperMillis, int runs) {
    for (int run = 0; run < runs; run++) {
      TransitionHistory.observed(
          key,
          new TransitionHistory.Bounds(
              Duration.ofMillis(lowerMillis).toNanos(), Duration.ofMillis(upperMillis).toNanos()));
    }
  }
}

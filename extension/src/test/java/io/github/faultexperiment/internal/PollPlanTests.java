package io.github.faultexperiment.internal;

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
}

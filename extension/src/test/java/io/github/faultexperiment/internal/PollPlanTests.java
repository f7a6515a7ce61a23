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
}

package io.github.faultexperiment.poll;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every poll of an experiment, inside a wait or not, passes the same budget of five a second. */
class PollBudgetTests {
  private static final long MS = 1_000_000L;

  @Test
  void aSixthPollWithinASecondWaitsUntilTheOldestIsASecondOld() {
    PollBudget budget = new PollBudget();
    for (int i = 0; i < PollBudget.MAX_PER_SECOND; i++) {
      assertThat(budget.reserve(i * MS)).isZero();
    }

    // e.g. the check after the body, right after five injection polls
    assertThat(budget.reserve(500 * MS)).isEqualTo(510 * MS);
    assertThat(budget.reserve(1_010 * MS)).isZero();
    assertThat(budget.reserve(1_010 * MS))
        .as("the second-oldest is not a second old yet")
        .isEqualTo(MS);
  }

  @Test
  void pollsRecordedByTheWaitsCountToo() {
    PollBudget budget = new PollBudget();
    for (int i = 0; i < PollBudget.MAX_PER_SECOND; i++) {
      budget.polled(i * MS);
    }

    assertThat(budget.reserve(10 * MS)).isPositive();
    assertThat(budget.earliestNextPoll()).isEqualTo(1_010 * MS);
  }

  @Test
  void aWaitLeavesOneTurnForTheCallsOutsideIt() {
    PollBudget budget = new PollBudget();
    for (int i = 0; i < PollBudget.MAX_PER_SECOND - 1; i++) {
      budget.polled(i * MS);
    }

    assertThat(budget.earliestNextPoll(1)).as("a wait's fifth poll").isEqualTo(1_010 * MS);
    assertThat(budget.reserve(4 * MS)).as("the check after the body").isZero();
  }
}

package io.github.faultexperiment.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.poll.TransitionHistory.Bounds;
import io.github.faultexperiment.poll.TransitionHistory.Learned;
import org.junit.jupiter.api.Test;

class TransitionHistoryTests {
  @Test
  void aTransitionIsSteadyOnceTwoRunsInARowFellWithinTheBoundsBeforeThem() {
    Learned once = Learned.first(new Bounds(100, 200));
    Learned twice = once.and(new Bounds(150, 250));
    Learned thrice = twice.and(new Bounds(160, 190));

    assertThat(once.steady()).isFalse();
    assertThat(twice.steady()).isFalse();
    assertThat(twice.narrowed()).isEqualTo(new Bounds(150, 200));
    assertThat(thrice.steady()).isTrue();
    assertThat(thrice.narrowed()).isEqualTo(new Bounds(160, 190));
  }

  @Test
  void aRunOutsideTheBoundsStartsThemAfreshButKeepsTheRange() {
    Learned steady =
        Learned.first(new Bounds(100, 200)).and(new Bounds(150, 200)).and(new Bounds(160, 200));
    Learned contradicted = steady.and(new Bounds(300, 350));

    assertThat(contradicted.steady()).isFalse();
    assertThat(contradicted.narrowed()).isEqualTo(new Bounds(300, 350));
    assertThat(contradicted.range()).isEqualTo(new Bounds(100, 350));
  }

  @Test
  void theRangeIsThatOfTheRecentRunsOnly() {
    Learned learned = Learned.first(new Bounds(0, 10_000));
    for (int experiment = 1; experiment <= TransitionHistory.RECENT; experiment++) {
      learned = learned.and(new Bounds(1_000 + experiment, 1_100 + experiment));
    }

    assertThat(learned.recent()).hasSize(TransitionHistory.RECENT);
    assertThat(learned.range()).isEqualTo(new Bounds(1_001, 1_100 + TransitionHistory.RECENT));
  }

  @Test
  void aRunWhoseFirstPollFoundItDoneBoundsTheRangeOnlyFromAbove() {
    // a contradicted steady plan: the hits say "done by 2,010 ms", nothing about when it started
    Learned learned =
        Learned.first(new Bounds(2_000, 2_010))
            .and(new Bounds(0, 2_010))
            .and(new Bounds(0, 2_008))
            .and(new Bounds(2_012, 2_020));

    assertThat(learned.steady()).isFalse();
    assertThat(learned.range()).isEqualTo(new Bounds(2_000, 2_020));
  }

  @Test
  void onlyFirstPollHitsAreLookedForUpToThirtyPercentSooner() {
    Learned learned = Learned.first(new Bounds(0, 2_000)).and(new Bounds(0, 2_100));

    assertThat(learned.range()).isEqualTo(new Bounds(1_400, 2_100));
  }
}

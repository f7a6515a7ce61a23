package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.spi.ActiveExperiment;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.TargetKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule two JVMs apply to each other's experiments ({@link OverlapAcrossJvms#earlier}): of two
 * overlapping contenders exactly one yields, whichever of them looks; lapsed leases and disjoint
 * targets never make anyone yield.
 */
class OverlapRuleTests {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ResolvedTemplate TEMPLATE =
      new ResolvedTemplate("t", "EXT1", "t", "", Map.of());
  private static final Map<String, Boolean> SHARED =
      OverlapKeys.merge(Set.of(TargetKey.whole("arn:fn:inventory")));

  @Test
  void ofTwoContendersExactlyTheLaterCreatedYields() {
    ActiveExperiment a = active("EXPa", T0, "arn:fn:inventory", false);
    ActiveExperiment b = active("EXPb", T0.plusMillis(5), "arn:fn:inventory", false);
    List<ActiveExperiment> listed = List.of(a, b);

    assertThat(OverlapAcrossJvms.earlier(listed, snapshot("EXPa"), TEMPLATE, SHARED)).isEmpty();
    assertThat(OverlapAcrossJvms.earlier(listed, snapshot("EXPb"), TEMPLATE, SHARED))
        .containsExactly(a);
  }

  @Test
  void createdAtTheSameInstantTheSmallerIdGoesFirst() {
    ActiveExperiment a = active("EXPa", T0, "arn:fn:inventory", false);
    ActiveExperiment b = active("EXPb", T0, "arn:fn:inventory", false);
    List<ActiveExperiment> listed = List.of(b, a);

    assertThat(OverlapAcrossJvms.earlier(listed, snapshot("EXPa"), TEMPLATE, SHARED)).isEmpty();
    assertThat(OverlapAcrossJvms.earlier(listed, snapshot("EXPb"), TEMPLATE, SHARED))
        .containsExactly(a);
  }

  @Test
  void aLapsedLeaseOrADisjointTargetMakesNoOneYield() {
    ActiveExperiment crashed = active("EXPa", T0, "arn:fn:inventory", true);
    ActiveExperiment elsewhere = active("EXPc", T0, "arn:fn:ledger", false);
    ActiveExperiment mine = active("EXPb", T0.plusSeconds(1), "arn:fn:inventory", false);

    assertThat(
            OverlapAcrossJvms.earlier(
                List.of(crashed, elsewhere, mine), snapshot("EXPb"), TEMPLATE, SHARED))
        .isEmpty();
  }

  @Test
  void notYetListedItCountsAsCreatedNowSoEveryListedRivalIsEarlier() {
    ActiveExperiment a = active("EXPa", T0, "arn:fn:inventory", false);

    assertThat(OverlapAcrossJvms.earlier(List.of(a), snapshot("EXPb"), TEMPLATE, SHARED))
        .containsExactly(a);
  }

  @Test
  void twoExperimentsOnlySharingAGroupHeldForReadingDoNotOverlap() {
    Map<String, Boolean> mine =
        OverlapKeys.merge(
            Set.of(TargetKey.whole("arn:fn:inventory"), TargetKey.partOf("type lambda")));
    ActiveExperiment named =
        new ActiveExperiment(
            "EXPa",
            "EXT2",
            T0,
            Optional.of(Set.of(TargetKey.whole("arn:fn:ledger"), TargetKey.partOf("type lambda"))),
            false);
    ActiveExperiment byTags =
        new ActiveExperiment(
            "EXPc", "EXT3", T0, Optional.of(Set.of(TargetKey.whole("type lambda"))), false);
    ActiveExperiment unknown = new ActiveExperiment("EXPd", "EXT1", T0, Optional.empty(), false);

    assertThat(OverlapAcrossJvms.overlaps(named, TEMPLATE, mine)).isFalse();
    assertThat(OverlapAcrossJvms.overlaps(byTags, TEMPLATE, mine)).isTrue();
    assertThat(OverlapAcrossJvms.overlaps(unknown, TEMPLATE, mine)).as("same template").isTrue();
  }

  private static ActiveExperiment active(
      String id, Instant created, String target, boolean lapsed) {
    return new ActiveExperiment(
        id, "EXT1", created, Optional.of(Set.of(TargetKey.whole(target))), lapsed);
  }

  private static ExperimentSnapshot snapshot(String id) {
    return new ExperimentSnapshot(
        id,
        "arn:" + id,
        "EXT1",
        Phase.STARTING,
        Outcome.NONE,
        "pending",
        "",
        "",
        List.of(),
        null,
        null,
        Optional.empty(),
        Map.of(),
        Instant.now());
  }
}

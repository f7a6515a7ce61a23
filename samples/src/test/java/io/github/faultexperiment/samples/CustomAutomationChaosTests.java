package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.samples.InventoryRepository.Source;
import io.github.faultexperiment.samples.InventoryRepository.Stock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A template in the shape most of the AWS FIS template library has: its only action runs the team's
 * own SSM automation ({@code aws:ssm:start-automation-execution}), here one that impairs the
 * inventory database. What the automation does is the team's to say: offline, {@code
 * fault-experiments/aws/ssm-documents/Inventory-Db-Impairment.json} declares it (the cluster's
 * local target is unreachable while the automation runs), so the real database the test starts
 * ({@link InventoryDatabase}, H2 over TCP) is cut off from the repository during the test body.
 */
class CustomAutomationChaosTests {
  // One attempt within a short deadline, then the last known level.
  static final InventoryRepository.Resilience DEADLINE_500_MS =
      new InventoryRepository.Resilience(Duration.ofMillis(500), 1, Duration.ZERO);

  InventoryRepository inventory;

  @BeforeEach
  void connect(Endpoints endpoints) {
    inventory =
        new InventoryRepository(
            InventoryDatabase.jdbcUrl(
                endpoints.of(
                    "inventory-cluster",
                    InventoryChaosTests.DATABASE_CLUSTER,
                    InventoryDatabase::uri)),
            DEADLINE_500_MS);
    assertThat(inventory.stock("book-1")).isEqualTo(new Stock("book-1", 7, Source.LIVE));
  }

  @AfterEach
  void close() {
    inventory.close();
  }

  @Test
  @FaultExperiment(template = "inventory-db-impairment")
  void stockAnswersTheLastKnownLevelWhileTheAutomationImpairsTheDatabase(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    Stock stock = inventory.stock("book-1");

    assertThat(stock).isEqualTo(new Stock("book-1", 7, Source.CACHED));
    emulator.ifPresent(
        e ->
            assertThat(e.faultReach(experiment.experimentId()))
                .singleElement()
                .satisfies(
                    reach -> {
                      assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
                      assertThat(reach.localTargets())
                          .containsExactly(InventoryChaosTests.DATABASE_CLUSTER);
                    }));
  }
}

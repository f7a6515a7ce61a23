package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.samples.InventoryRepository.Source;
import io.github.faultexperiment.samples.InventoryRepository.Stock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The inventory repository (plain JDBC) against a real database over TCP, under the faults real FIS
 * templates put on a database: network latency on the task that runs it, the task stopped, the
 * Aurora cluster failed over — and the Fault Testing template that fails a Cloud SQL instance over.
 * Offline the database is {@link InventoryDatabase} (H2 in server mode) behind a local target
 * standing for the template's resource; in the cloud {@code faultexperiment.endpoint.<name>} gives
 * the real database's address (build your driver's JDBC URL from it, as {@link
 * InventoryDatabase#jdbcUrl} does for H2).
 */
class InventoryChaosTests {
  static final String DATABASE_TASK =
      "arn:aws:ecs:us-east-1:123456789012:task/shop/5f1e7d2c9b3a4e6f8a0b1c2d3e4f5a6b";
  static final String DATABASE_CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:inventory";
  static final String CLOUD_SQL_INSTANCE = "projects/emulator-project/instances/inventory";

  InventoryRepository inventory;

  /** Connects the repository to the database through its endpoint, and reads a healthy level. */
  InventoryRepository connect(URI database, InventoryRepository.Resilience resilience) {
    inventory = new InventoryRepository(InventoryDatabase.jdbcUrl(database), resilience);
    assertThat(inventory.stock("book-1")).isEqualTo(new Stock("book-1", 7, Source.LIVE));
    return inventory;
  }

  @AfterEach
  void close() {
    if (inventory != null) {
      inventory.close();
    }
  }

  /** Offline: the template's fault was switched on in the database's local target. */
  static void assertReached(
      Optional<FaultEmulator> emulator, String resource, ExperimentHandle experiment) {
    emulator.ifPresent(
        e ->
            assertThat(e.faultReach(experiment.experimentId()))
                .singleElement()
                .satisfies(
                    reach -> {
                      assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
                      assertThat(reach.localTargets()).containsExactly(resource);
                    }));
  }

  /** FIS {@code aws:ecs:task-network-latency}: 2 s on everything the database task sends back. */
  @Nested
  class NetworkLatency {
    // One attempt: a second one would wait on the same slow network.
    static final InventoryRepository.Resilience DEADLINE_500_MS =
        new InventoryRepository.Resilience(Duration.ofMillis(500), 1, Duration.ZERO);

    @BeforeEach
    void connectThroughTheTask(Endpoints endpoints) {
      connect(
          endpoints.of("inventory-task", DATABASE_TASK, InventoryDatabase::uri), DEADLINE_500_MS);
    }

    @Test
    @FaultExperiment(template = "inventory-task-latency")
    void stockAnswersTheLastKnownLevelWithinItsDeadline(
        ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
      long started = System.nanoTime();
      Stock stock = inventory.stock("book-1");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(stock).isEqualTo(new Stock("book-1", 7, Source.CACHED));
      // A functional bound (the deadline plus a margin), far below the injected 2 s.
      assertThat(took).isLessThan(Duration.ofMillis(1_500));
      assertReached(emulator, DATABASE_TASK, experiment);
    }
  }

  /** FIS {@code aws:ecs:stop-task}: the database task stops; ECS starts its replacement. */
  @Nested
  class ComputeLoss {
    static final InventoryRepository.Resilience RECONNECTING =
        new InventoryRepository.Resilience(Duration.ofSeconds(1), 40, Duration.ofMillis(250));

    @BeforeEach
    void connectThroughTheTask(Endpoints endpoints) {
      connect(endpoints.of("inventory-task", DATABASE_TASK, InventoryDatabase::uri), RECONNECTING);
    }

    @Test
    @FaultExperiment(template = "inventory-task-stop")
    void stockReconnectsOnceTheReplacementTaskIsUp(
        ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
      Stock stock = inventory.stock("book-1");

      // The open connection was reset, new ones too until the replacement: the repository
      // reconnected and read the live level rather than falling back.
      assertThat(stock).isEqualTo(new Stock("book-1", 7, Source.LIVE));
      assertThat(inventory.connectionsOpened()).isGreaterThan(1);
      assertReached(emulator, DATABASE_TASK, experiment);
    }
  }

  /** FIS {@code aws:rds:failover-db-cluster}: the writer moves to a replica. */
  @Nested
  class Failover {
    static final InventoryRepository.Resilience RECONNECTING = ComputeLoss.RECONNECTING;

    @BeforeEach
    void connectToTheCluster(Endpoints endpoints) {
      connect(
          endpoints.of("inventory-cluster", DATABASE_CLUSTER, InventoryDatabase::uri),
          RECONNECTING);
    }

    @Test
    @FaultExperiment(template = "inventory-cluster-failover")
    void stockReconnectsAfterTheFailoverWindow(
        ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
      Stock stock = inventory.stock("book-1");

      assertThat(stock).isEqualTo(new Stock("book-1", 7, Source.LIVE));
      assertThat(inventory.connectionsOpened()).isGreaterThan(1);
      assertReached(emulator, DATABASE_CLUSTER, experiment);
    }
  }

  /** Fault Testing {@code cloudSqlFailover}: the Cloud SQL instance fails over to its standby. */
  @Nested
  class CloudSqlFailover {
    @BeforeEach
    void connectToTheInstance(Endpoints endpoints) {
      connect(
          endpoints.of("inventory-sql", CLOUD_SQL_INSTANCE, InventoryDatabase::uri),
          ComputeLoss.RECONNECTING);
    }

    @Test
    @FaultExperiment(template = "inventory-sql-failover", provider = "gcp")
    void stockReconnectsAfterTheFailover(
        ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
      Stock stock = inventory.stock("book-1");

      assertThat(stock).isEqualTo(new Stock("book-1", 7, Source.LIVE));
      assertThat(inventory.connectionsOpened()).isGreaterThan(1);
      assertReached(emulator, CLOUD_SQL_INSTANCE, experiment);
    }
  }
}

package io.github.faultexperiment.emulator.k8s;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How long the emulated Chaos Mesh controller takes for each step of an experiment. A real
 * controller takes well under a second per step; tests set a few milliseconds.
 *
 * @param selection from creation (or the change that starts a reconcile) to the records: the
 *     targets selected, every record {@code Not Injected}
 * @param injection one step of applying a record: {@code Not Injected} → {@code Injected}, or for
 *     network, HTTP and IO chaos {@code Not Injected} → {@code Not Injected/Wait} → {@code
 *     Injected}
 * @param recovery one step of recovering a record, the same way back
 * @param conditions how far {@code status.conditions} lag behind the records (a separate reconciler
 *     writes them upstream)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ChaosMeshTimings(
    Duration selection, Duration injection, Duration recovery, Duration conditions) {

  /**
   * The defaults: 100 ms to select, 200 ms per injection or recovery step, conditions 100 ms late.
   */
  public static final ChaosMeshTimings DEFAULT =
      new ChaosMeshTimings(
          Duration.ofMillis(100),
          Duration.ofMillis(200),
          Duration.ofMillis(200),
          Duration.ofMillis(100));

  /** Checks that every timing is set and not negative. */
  public ChaosMeshTimings {
    check("selection", selection);
    check("injection", injection);
    check("recovery", recovery);
    check("conditions", conditions);
  }

  /** Every step lasting {@code each}. */
  public static ChaosMeshTimings of(Duration each) {
    return new ChaosMeshTimings(each, each, each, each);
  }

  private static void check(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }
}

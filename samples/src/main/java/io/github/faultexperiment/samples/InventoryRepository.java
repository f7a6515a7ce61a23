package io.github.faultexperiment.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stock levels from the inventory database, over plain JDBC on one long-lived connection, with the
 * three habits a database client needs to survive the network and the database's infrastructure:
 *
 * <ul>
 *   <li>a <b>deadline</b> per attempt, connecting included: a slow or silent network must not hold
 *       a checkout, so past it the attempt is abandoned and its connection dropped;
 *   <li><b>reconnect and retry</b>: a broken connection (reset by a stopped task or a failover) is
 *       replaced, and the query tried again after a pause while new connections fail;
 *   <li><b>fallback</b>: when every attempt failed, the last known level ({@link Source#CACHED}).
 * </ul>
 *
 * <p>The deadline is the application's own because JDBC drivers differ in what a query timeout
 * covers: H2's is enforced by the server, so it cannot fire while the network withholds the answer.
 */
public final class InventoryRepository implements AutoCloseable {
  private final String jdbcUrl;
  private final Resilience resilience;
  // Threads stuck on a silent socket are left behind, not waited for.
  private final ExecutorService queries =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "inventory-query");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Integer> lastKnown = new ConcurrentHashMap<>();
  private final AtomicInteger connectionsOpened = new AtomicInteger();
  private final AtomicReference<Connection> connection = new AtomicReference<>();

  /**
   * A repository on the database at {@code jdbcUrl}.
   *
   * @param jdbcUrl e.g. {@code jdbc:h2:tcp://127.0.0.1:9092/mem:inventory}
   * @param resilience its deadline and retries
   */
  public InventoryRepository(String jdbcUrl, Resilience resilience) {
    this.jdbcUrl = jdbcUrl;
    this.resilience = resilience;
  }

  /**
   * How the repository copes with a failing database.
   *
   * @param deadline the longest one attempt may take, connecting included
   * @param attempts how often a query is tried (on a broken, refused or slow connection) before the
   *     last known level is answered
   * @param pause the wait between attempts
   */
  public record Resilience(Duration deadline, int attempts, Duration pause) {}

  /** Where a stock level came from. */
  public enum Source {
    /** Read from the database just now. */
    LIVE,
    /** The last level read, because the database did not answer in time. */
    CACHED
  }

  /**
   * A stock level.
   *
   * @param sku the item
   * @param quantity how many are in stock
   * @param source where it came from
   */
  public record Stock(String sku, int quantity, Source source) {}

  /**
   * The stock level of {@code sku}: live, or the last known one when the database is slow or away.
   *
   * @throws InventoryException when the database never answered for this item
   */
  public Stock stock(String sku) {
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<Integer> query =
          CompletableFuture.supplyAsync(() -> query(sku), queries)
              .orTimeout(resilience.deadline().toMillis(), TimeUnit.MILLISECONDS);
      try {
        int quantity = query.get();
        lastKnown.put(sku, quantity);
        return new Stock(sku, quantity, Source.LIVE);
      } catch (ExecutionException failed) {
        dropConnection();
        if (attempt >= resilience.attempts()) {
          return cached(sku, failed.getCause());
        }
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InventoryException("Interrupted while reading the stock of " + sku, e);
      }
    }
  }

  /** How many connections the repository opened: more than one means it reconnected. */
  public int connectionsOpened() {
    return connectionsOpened.get();
  }

  @Override
  public void close() {
    dropConnection();
    queries.shutdownNow();
  }

  private int query(String sku) {
    try (PreparedStatement statement =
        connection().prepareStatement("SELECT quantity FROM stock WHERE sku = ?")) {
      statement.setString(1, sku);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new InventoryException("No stock row for " + sku, null);
        }
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private Connection connection() throws SQLException {
    Connection current = connection.get();
    if (current != null) {
      return current;
    }
    // Connected without a lock: an attempt stuck connecting must not block the next one.
    Connection opened = DriverManager.getConnection(jdbcUrl, "sa", "");
    connectionsOpened.incrementAndGet();
    if (connection.compareAndSet(null, opened)) {
      return opened;
    }
    // Another attempt connected first: use its connection.
    queries.execute(() -> closeQuietly(opened));
    return connection();
  }

  private void dropConnection() {
    Connection broken = connection.getAndSet(null);
    if (broken != null) {
      // Closing talks to the server; on a silent network that would hang the caller.
      queries.execute(() -> closeQuietly(broken));
    }
  }

  private static void closeQuietly(Connection broken) {
    try {
      broken.close();
    } catch (SQLException alreadyBroken) {
      // The connection is being discarded because it failed; there is nothing left to release.
    }
  }

  private Stock cached(String sku, Throwable cause) {
    Integer known = lastKnown.get(sku);
    if (known == null) {
      throw new InventoryException(
          "The inventory database did not answer for " + sku + " and nothing is cached", cause);
    }
    return new Stock(sku, known, Source.CACHED);
  }

  private void pause() {
    try {
      Thread.sleep(resilience.pause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InventoryException("Interrupted between attempts", e);
    }
  }
}

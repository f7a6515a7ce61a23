package io.github.faultexperiment.samples;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * The inventory database the chaos tests run offline in the cloud database's place: H2 in server
 * mode, over TCP like any networked database, holding {@code book-1} (7 in stock) and {@code pen-1}
 * (40). One per JVM, started on first use — only offline, as the upstream of an {@code Endpoints}
 * local target — and stopped with the JVM.
 */
final class InventoryDatabase {
  private InventoryDatabase() {}

  /** Where the database listens, {@code tcp://127.0.0.1:PORT}; starts it on the first call. */
  static URI uri() {
    return URI.create("tcp://127.0.0.1:" + Holder.SERVER.getPort());
  }

  /** The JDBC URL of the inventory database at {@code address} (the database or a proxy). */
  static String jdbcUrl(URI address) {
    // DB_CLOSE_DELAY=-1: the in-memory database outlives the connections a fault resets.
    return "jdbc:h2:tcp://" + address.getAuthority() + "/mem:inventory;DB_CLOSE_DELAY=-1";
  }

  private static final class Holder {
    static final Server SERVER = start();

    private static Server start() {
      try {
        // -ifNotExists lets a client create the in-memory database: fine on a test's loopback.
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (Connection connection =
                DriverManager.getConnection(
                    jdbcUrl(URI.create("tcp://127.0.0.1:" + server.getPort())), "sa", "");
            Statement statement = connection.createStatement()) {
          statement.execute(
              "CREATE TABLE stock (sku VARCHAR(32) PRIMARY KEY, quantity INT NOT NULL)");
          statement.execute("INSERT INTO stock VALUES ('book-1', 7), ('pen-1', 40)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "inventory-db-stop"));
        return server;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not start the inventory database", e);
      }
    }
  }
}

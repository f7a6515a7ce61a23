package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Where the application under test finds a dependency that experiments put faults on — what
 * Testcontainers' {@code getEndpoint()} or WireMock's {@code baseUrl()} are to their tests, for one
 * chaos test that runs offline and against the real clouds alike:
 *
 * <ul>
 *   <li>in embedded mode ({@value FaultExperimentProperties#EMULATOR} = {@code embedded}) the
 *       address of the emulator's local target standing for the cloud resource the templates
 *       target, in front of the service the test started — so the templates' faults reach the
 *       application;
 *   <li>in any other mode the dependency's real endpoint, from the configuration parameter {@value
 *       FaultExperimentProperties#ENDPOINT_PREFIX}{@code <name>} (e.g. {@code
 *       -Dfaultexperiment.endpoint.pricing=https://abc.lambda-url.eu-west-1.on.aws/}); the cloud
 *       injects the faults.
 * </ul>
 *
 * <pre>{@code
 * @BeforeEach
 * void pointCheckoutAtPricing(Endpoints endpoints) {
 *   URI pricing = endpoints.of("pricing", "arn:aws:lambda:us-east-1:123456789012:function:pricing",
 *       LocalPricing::uri); // started only offline
 *   checkout = new CheckoutService(pricing);
 * }
 *
 * @BeforeEach
 * void connect(Endpoints endpoints) {
 *   URI orders = endpoints.of("orders", "arn:aws:rds:us-east-1:123456789012:cluster:orders",
 *       () -> URI.create("tcp://127.0.0.1:" + h2.getPort()));
 *   dataSource.setURL("jdbc:h2:tcp://" + orders.getAuthority() + "/mem:orders");
 * }
 * }</pre>
 *
 * <p>A parameter of test, lifecycle and constructor methods of classes that use {@link
 * FaultExperiment} or register a {@link FaultInjection}. Offline, a resource has one local target
 * per run: asked again with the same upstream it answers the same address; with another upstream (a
 * test class that starts its own service) the target is replaced by one in front of the new
 * upstream, on a new port.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Endpoints {

  /**
   * The dependency's address: a loopback {@code tcp://127.0.0.1:PORT} (or {@code http://…} when the
   * upstream is HTTP) offline, its configured endpoint otherwise. {@link URI#getAuthority()} gives
   * the {@code host:port} that drivers and JDBC URLs take.
   *
   * @param name the dependency's name in the configuration parameter {@value
   *     FaultExperimentProperties#ENDPOINT_PREFIX}{@code <name>}: letters, digits, {@code .},
   *     {@code _} and {@code -}
   * @param resource the cloud resource the templates' faults target: an ARN ({@code
   *     arn:aws:rds:us-east-1:123456789012:cluster:orders}) or a Google resource name ({@code
   *     projects/p/instances/orders-db}); see docs/local-faults.md for every accepted shape
   * @param localUpstream the service the test runs in the resource's place, as {@code
   *     tcp://HOST:PORT} or {@code http://HOST:PORT}; called only offline
   * @return where the application should connect
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException offline when the
   *     resource is malformed or the upstream cannot be reached; otherwise when the endpoint is not
   *     configured or is not an absolute URI with a host — each naming what would be valid
   */
  URI of(String name, String resource, Supplier<URI> localUpstream);
}

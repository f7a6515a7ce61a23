package io.github.faultexperiment.samples;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.emulator.local.LocalTargets;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a chaos test's checkout calls pricing.
 *
 * <ul>
 *   <li>Offline (embedded mode, the default): a local target of the emulator, standing for the
 *       Lambda function or load balancer the templates target, in front of a local pricing service
 *       ({@code book-1} at 12.50, {@code pen-1} at 2.00). Its counters show what the fault did to
 *       each call.
 *   <li>With {@value #PRICING_URL} set (system property or environment variable): the deployed
 *       pricing service at that URL, whose faults the real cloud injects. Nothing counts its calls,
 *       so the checks on the counters are skipped.
 * </ul>
 */
final class PricingEndpoint {
  /** The deployed pricing service, e.g. the function URL or the load balancer's address. */
  static final String PRICING_URL = "PRICING_URL";

  private static final System.Logger LOG = System.getLogger(PricingEndpoint.class.getName());

  private final URI uri;
  private final LocalTarget target;
  private LocalTargetCounters countedFrom;

  private PricingEndpoint(URI uri, LocalTarget target) {
    this.uri = uri;
    this.target = target;
    countFromHere();
  }

  /** Pricing as a Lambda function; offline, a local target with that ARN. */
  static PricingEndpoint lambda(Optional<FaultEmulator> emulator, String functionArn) {
    return of(emulator, targets -> targets.lambda(functionArn, LocalPricing.SERVICE.uri()));
  }

  /** Pricing behind a load balancer; offline, a local target for that forwarding rule. */
  static PricingEndpoint forwardingRule(Optional<FaultEmulator> emulator, String forwardingRule) {
    return of(
        emulator, targets -> targets.forwardingRule(forwardingRule, LocalPricing.SERVICE.uri()));
  }

  private static PricingEndpoint of(
      Optional<FaultEmulator> emulator, Function<LocalTargets, LocalTarget> register) {
    Optional<URI> deployed = deployed();
    if (deployed.isPresent()) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0}={1}: calling the deployed pricing service; checks on local-target counters are"
              + " skipped (only the emulator counts calls)",
          PRICING_URL,
          deployed.get());
      return new PricingEndpoint(deployed.get(), null);
    }
    FaultEmulator embedded =
        emulator.orElseThrow(
            () ->
                new IllegalStateException(
                    "No pricing to call: set faultexperiment.emulator=embedded to run offline, or "
                        + PRICING_URL
                        + " to the deployed pricing service's URL."));
    LocalTarget target = register.apply(embedded.localTargets());
    return new PricingEndpoint(target.uri(), target);
  }

  private static Optional<URI> deployed() {
    return Optional.ofNullable(System.getProperty(PRICING_URL))
        .or(() -> Optional.ofNullable(System.getenv(PRICING_URL)))
        .filter(url -> !url.isBlank())
        .map(URI::create);
  }

  /** Where the checkout should call pricing. */
  URI uri() {
    return uri;
  }

  /** Counts calls from here on, e.g. after a warm-up call. */
  void countFromHere() {
    countedFrom = target == null ? null : target.counters();
  }

  /**
   * Checks what happened to the calls since {@link #countFromHere()}, from the local target's
   * counters. Against a deployed pricing service there are none: the check is skipped, and the test
   * stands on what the application saw.
   */
  void verifyCalls(Consumer<LocalTargetCounters> check) {
    Assumptions.assumingThat(target != null, () -> check.accept(counted()));
  }

  /**
   * Checks the local target itself (e.g. with {@code LocalTargetAssert}); skipped against a
   * deployed pricing service, which has none.
   */
  void verifyTarget(Consumer<LocalTarget> check) {
    Assumptions.assumingThat(target != null, () -> check.accept(target));
  }

  private LocalTargetCounters counted() {
    LocalTargetCounters now = target.counters();
    return new LocalTargetCounters(
        now.requests() - countedFrom.requests(),
        now.delayed() - countedFrom.delayed(),
        now.aborted() - countedFrom.aborted(),
        now.passed() - countedFrom.passed(),
        now.upstreamFailures() - countedFrom.upstreamFailures());
  }

  /**
   * The pricing service behind the local targets: one per JVM, started on first use and stopped
   * with the JVM, because a local target keeps its upstream for the emulator's whole run.
   */
  private static final class LocalPricing {
    static final PricingService SERVICE = start();

    private static PricingService start() {
      PricingService service =
          PricingService.start(
              Map.of("book-1", new BigDecimal("12.50"), "pen-1", new BigDecimal("2.00")));
      // A cold JVM's first HTTP call can take longer than the checkout's budget: pay for it here.
      new NaiveCheckoutClient(service.uri()).checkout("book-1", 1);
      return service;
    }
  }
}

package io.github.faultexperiment.providertests;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmbeddedTemplate;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.StartRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the core relies on from every {@link FaultProvider}, as tests a provider runs in its own
 * build: extend this class in the provider's test sources, say which factory and template to use,
 * and implement the hooks for what only the engine can do. Each test gets a fresh embedded backend,
 * found with {@link java.util.ServiceLoader} as embedded mode finds it, and the provider talks to
 * it over the network as it talks to its service; the hooks use the backend's own test controls
 * (see {@link #sendToBackend}), never mocks.
 *
 * <p>The contract, one test each: a started experiment is observed to {@link Phase#INJECTED}; a
 * stop ends it {@link Outcome#STOPPED}; an experiment the engine fails ends {@link Outcome#FAILED}
 * with the engine's reason; a start the engine refuses throws a {@link CloudApiException} with the
 * right neutral {@link CloudApiException.Reason}; a start retried with the same idempotency key
 * creates one experiment; and an experiment whose owner died is found by {@link
 * FaultProvider#abandonedExperiments()} of another owner and stopped. Every experiment a test
 * started and did not see end is stopped after it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class FaultProviderContract {
  /** The name of the embedded template the contract's experiments start from. */
  protected static final String TEMPLATE = "provider-contract";

  private static final String FAILURE = "the provider contract failed this experiment";
  private static final String DEAD_OWNER = "provider-contract-dead-host/1/run-dead";

  private EmbeddedBackend backend;
  private EmulatorEndpoint endpoint;
  private boolean templateCreated;
  private final List<FaultProvider> providers = new ArrayList<>();
  private final List<String> started = new ArrayList<>();

  /** Made by the provider's test class. */
  protected FaultProviderContract() {}

  /** The factory of the provider under test, as its {@code META-INF/services} entry names it. */
  protected abstract FaultProviderFactory factory();

  /**
   * An embedded-mode template file's content ({@code fault-experiments/<id>/<name>.json}): one
   * fault that stays injected for at least a minute, so that only a stop ends it during a test. The
   * contract creates it as {@value #TEMPLATE} with {@link FaultProvider#createEmbeddedTemplates}
   * and starts it by that name.
   */
  protected abstract String templateJson();

  /**
   * Makes the engine fail this just-started experiment, as it would when the fault cannot be
   * applied, with {@code reason} in what the engine says about it (the provider's snapshot then
   * shows it in {@link ExperimentSnapshot#reason()} or {@link ExperimentSnapshot#error()}). Use the
   * backend's test controls ({@link #sendToBackend}).
   *
   * @param experiment what {@link FaultProvider#start} returned
   * @param reason the words the engine must give
   */
  protected abstract void failExperiment(ExperimentSnapshot experiment, String reason);

  /**
   * Makes the engine refuse every start request from now on (the backend is fresh for each test),
   * with an error of the engine's own that the provider maps to a neutral reason. Use the backend's
   * test controls ({@link #sendToBackend}).
   *
   * @return the reason the provider must report the refusal with
   */
  protected abstract CloudApiException.Reason refuseStarts();

  /**
   * Configuration parameters the provider needs besides the backend's endpoint (none by default);
   * no environment variable is read.
   */
  protected Map<String, String> configuration() {
    return Map.of();
  }

  /** How long an experiment may take to reach a phase the contract waits for: 30 s by default. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /** Where the test's embedded backend answers, and the credentials it accepts. */
  protected final EmulatorEndpoint backend() {
    return endpoint;
  }

  /**
   * Calls one of the backend's test controls over HTTP, for the hooks.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param path the control's path on the backend, e.g. {@code /_controls/fail}
   * @param json the request body
   * @return the answer's body
   * @throws IllegalStateException naming the control and the answer when it is not 2xx
   */
  protected final String sendToBackend(String method, String path, String json) {
    return BackendControls.send(method, endpoint.uri().resolve(path), json);
  }

  @BeforeEach
  final void startBackend() {
    backend = EmbeddedBackendLauncher.start(factory(), Configuration.of(configuration(), Map.of()));
    endpoint = backend.endpoint(factory().id());
    templateCreated = false;
  }

  /** Stops what the test left running, then closes its providers and the backend. */
  @AfterEach
  final void stopWhatIsLeft() {
    RuntimeException failure = null;
    // a provider of its own: the one that started an experiment may be closed (a dead owner)
    try (FaultProvider janitor =
        factory()
            .create(
                ProviderContexts.embedded(
                    configuration(),
                    endpoint,
                    ProviderContexts.defaultSafety(),
                    ProviderContexts.OWNER))) {
      for (String id : started) {
        try {
          if (janitor.describe(id).phase() != Phase.ENDED) {
            janitor.stop(id);
          }
        } catch (RuntimeException e) {
          failure = addTo(failure, e);
        }
      }
    } catch (RuntimeException e) {
      failure = addTo(failure, e);
    }
    providers.forEach(FaultProvider::close);
    try {
      backend.close();
    } catch (RuntimeException e) {
      failure = addTo(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * A started experiment is observed to {@link Phase#INJECTED}, from the template it was started
   * from.
   */
  @Test
  public final void aStartedExperimentIsObservedToInjected() {
    FaultProvider provider = provider(ProviderContexts.OWNER, shortLease());
    ResolvedTemplate template = template(provider);

    ExperimentSnapshot first = start(provider, template, request("startsAndInjects"));
    ExperimentSnapshot injected = observe(provider, first, Phase.INJECTED);

    assertThat(injected.phase()).as(shown(injected)).isEqualTo(Phase.INJECTED);
    assertThat(injected.outcome()).isEqualTo(Outcome.NONE);
    assertThat(injected.id()).isEqualTo(first.id());
    assertThat(injected.templateId()).isEqualTo(template.id());
  }

  /**
   * A stop ends an injected experiment {@link Outcome#STOPPED}; stopping it again is not an error.
   */
  @Test
  public final void aStopEndsTheExperimentStopped() {
    FaultProvider provider = provider(ProviderContexts.OWNER, shortLease());
    ExperimentSnapshot experiment =
        observe(provider, start(provider, template(provider), request("stops")), Phase.INJECTED);

    ExperimentSnapshot answer = provider.stop(experiment.id());
    ExperimentSnapshot ended = observe(provider, experiment, Phase.ENDED);

    assertThat(answer.phase()).isIn(Phase.ENDING, Phase.ENDED);
    assertThat(ended.phase()).as(shown(ended)).isEqualTo(Phase.ENDED);
    assertThat(ended.outcome()).as(shown(ended)).isEqualTo(Outcome.STOPPED);
    assertThat(provider.stop(experiment.id()).phase())
        .as("stopping an experiment that has ended is not an error")
        .isEqualTo(Phase.ENDED);
  }

  /** An experiment the engine fails ends {@link Outcome#FAILED}, with the engine's reason. */
  @Test
  public final void anExperimentTheEngineFailsEndsFailedWithTheEnginesReason() {
    FaultProvider provider = provider(ProviderContexts.OWNER, shortLease());
    ExperimentSnapshot experiment = start(provider, template(provider), request("fails"));

    failExperiment(experiment, FAILURE);
    ExperimentSnapshot ended = observe(provider, experiment, Phase.ENDED);

    assertThat(ended.phase()).as(shown(ended)).isEqualTo(Phase.ENDED);
    assertThat(ended.outcome()).as(shown(ended)).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason() + "\n" + ended.error()).contains(FAILURE);
  }

  /** A start the engine refuses throws a {@link CloudApiException} with the neutral reason. */
  @Test
  public final void aStartTheEngineRefusesThrowsWithTheNeutralReason() {
    FaultProvider provider = provider(ProviderContexts.OWNER, shortLease());
    ResolvedTemplate template = template(provider);

    CloudApiException.Reason expected = refuseStarts();

    assertThatThrownBy(() -> start(provider, template, request("isRefused")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(expected);
              assertThat(refused.provider()).isEqualTo(factory().id());
              assertThat(refused.getMessage()).isNotBlank();
            });
  }

  /** A start retried with the same idempotency key creates one experiment. */
  @Test
  public final void aStartRetriedWithTheSameIdempotencyKeyCreatesOneExperiment() {
    FaultProvider provider = provider(ProviderContexts.OWNER, shortLease());
    ResolvedTemplate template = template(provider);
    StartRequest request = request("isRetried");

    ExperimentSnapshot first = start(provider, template, request);
    ExperimentSnapshot retried = start(provider, template, request);
    observe(provider, first, Phase.INJECTED);

    assertThat(retried.id()).isEqualTo(first.id());
    assertThat(provider.activeExperiments())
        .as("the active experiments, when the provider can list them")
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(active -> assertThat(active.id()).isIn(first.id(), first.resourceName()));
  }

  /**
   * An experiment whose owner stopped renewing its lease is found by another owner's sweep and
   * stopped.
   */
  @Test
  public final void anExperimentWhoseOwnerDiedIsFoundAbandonedAndStopped() {
    FaultProvider dead = provider(DEAD_OWNER, shortLease());
    ExperimentSnapshot left =
        observe(dead, start(dead, template(dead), request("isLeftBehind")), Phase.INJECTED);
    providers.remove(dead);
    dead.close();
    FaultProvider sweeper = provider(ProviderContexts.OWNER, shortLease());
    ExperimentSnapshot own =
        observe(
            sweeper, start(sweeper, template(sweeper), request("isOwnedAndLive")), Phase.INJECTED);

    String abandoned = awaitAbandoned(sweeper, left);
    List<String> listed = sweeper.abandonedExperiments();
    sweeper.stop(abandoned);
    ExperimentSnapshot ended = observe(sweeper, left, Phase.ENDED);

    assertThat(listed)
        .as("its own run's experiments are never abandoned")
        .doesNotContain(own.id(), own.resourceName());
    assertThat(ended.outcome()).as(shown(ended)).isEqualTo(Outcome.STOPPED);
    assertThat(observe(sweeper, own, Phase.INJECTED).phase()).isEqualTo(Phase.INJECTED);
  }

  private FaultProvider provider(String owner, SafetySettings safety) {
    ProviderContext context = ProviderContexts.embedded(configuration(), endpoint, safety, owner);
    FaultProvider provider = factory().create(context);
    providers.add(provider);
    return provider;
  }

  private ResolvedTemplate template(FaultProvider provider) {
    if (!templateCreated) {
      provider.createEmbeddedTemplates(
          List.of(new EmbeddedTemplate(TEMPLATE, "the provider contract", templateJson())));
      templateCreated = true;
    }
    return provider.resolveTemplate(TEMPLATE);
  }

  private ExperimentSnapshot start(
      FaultProvider provider, ResolvedTemplate template, StartRequest request) {
    ExperimentSnapshot snapshot = provider.start(template, request);
    started.add(snapshot.id());
    return snapshot;
  }

  private ExperimentSnapshot observe(
      FaultProvider provider, ExperimentSnapshot experiment, Phase wanted) {
    return new Observer(provider, timeout()).until(experiment.id(), wanted);
  }

  /** Polls until the sweeper lists the experiment, by id or resource name; returns that entry. */
  private String awaitAbandoned(FaultProvider sweeper, ExperimentSnapshot left) {
    Instant deadline = Instant.now().plus(timeout());
    while (true) {
      Optional<String> entry =
          sweeper.abandonedExperiments().stream()
              .filter(id -> id.equals(left.id()) || id.equals(left.resourceName()))
              .findFirst();
      if (entry.isPresent()) {
        return entry.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "abandonedExperiments() of another owner did not list "
                + left.id()
                + " within "
                + timeout()
                + " after its owner stopped renewing a lease of "
                + shortLease().leaseDuration());
      }
      pause();
    }
  }

  /** Leases and lifetimes of a second, so that an abandoned experiment lapses during a test. */
  private static SafetySettings shortLease() {
    SafetySettings defaults = ProviderContexts.defaultSafety();
    return new SafetySettings(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        defaults.sweep(),
        defaults.maxActiveExperiments(),
        defaults.stopTimeout());
  }

  private static StartRequest request(String method) {
    return new StartRequest(
        UUID.randomUUID().toString(),
        "run-" + UUID.randomUUID(),
        "[engine:junit-jupiter]/[class:contract.ProviderContractTests]/[method:" + method + "()]",
        "ProviderContractTests." + method,
        Map.of("suite", "provider-contract"),
        false);
  }

  private static String shown(ExperimentSnapshot snapshot) {
    return "experiment "
        + snapshot.id()
        + " in state '"
        + snapshot.state()
        + "', reason '"
        + snapshot.reason()
        + "', error '"
        + snapshot.error()
        + "'";
  }

  private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a sweep to see a lapse", e);
    }
  }
}

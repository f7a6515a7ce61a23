package io.github.faultexperiment.emulator.gcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.common.EmulatorSettings;
import io.github.faultexperiment.emulator.common.RequestCounters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apiguardian.api.API;

/**
 * The emulated Google Cloud Fault Testing API ({@code faulttesting.googleapis.com} v1alpha) and its
 * test controls.
 *
 * <p>Clients reach it at the emulator's endpoint under {@code /v1alpha/…} (point {@code
 * FAULT_TESTING_EMULATOR_HOST} at {@code host:port}); tests drive it through this class or over
 * HTTP under {@code /_emulator/gcp/…}. See {@code docs/emulator-gcp.md}.
 *
 * <pre>{@code
 * FaultTestingEmulator gcp = emulator.faultTesting();
 * gcp.timings(FaultTestingTimings.of(Duration.ofMillis(50)).withMaxInjection(Duration.ofSeconds(1)));
 * String template = gcp.createTemplate("my-project", "us-central1", "lb-abort", templateJson);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FaultTestingEmulator {
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-testing-scheduler");
            thread.setDaemon(true);
            return thread;
          });
  private final ActionEvents events = new ActionEvents();
  private final Locations locations = new Locations();
  private final TemplateStore templates = new TemplateStore(locations);
  private final ExclusionWindows windows = new ExclusionWindows(locations);
  private final RejectedResources rejected = new RejectedResources();
  private final ExperimentStore experiments = new ExperimentStore(templates, locations);
  private final ExperimentRunner runner;
  private final Validations validations;
  private final ApiFaults faults = new ApiFaults();
  private final RequestCounters counters = new RequestCounters();
  private final Access access;
  private final FaultTestingApi api;
  private final ControlApi controls;

  /**
   * Creates the Fault Testing emulator.
   *
   * @param settings emulator settings; {@link EmulatorSettings#gcpBearerToken()} is the bearer
   *     token every request must carry, or {@code null} for none
   */
  public FaultTestingEmulator(EmulatorSettings settings) {
    this.access = new Access(settings.gcpBearerToken());
    this.runner = new ExperimentRunner(experiments, windows, rejected, scheduler, events);
    this.validations = new Validations(locations, rejected, scheduler, runner::timings);
    this.api =
        new FaultTestingApi(
            templates,
            experiments,
            runner,
            validations,
            windows,
            faults,
            counters,
            access,
            locations);
    this.controls = new ControlApi(this);
  }

  /**
   * Answers one {@code /v1alpha/…} or {@code /_emulator/gcp/…} request.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().startsWith(ControlApi.PREFIX)) {
      controls.handle(exchange);
    } else {
      api.handle(exchange);
    }
  }

  /**
   * Creates an experiment template, as {@code experimentTemplates.create} would.
   *
   * @param project the project, e.g. {@code emulator-project}
   * @param location the location, e.g. {@code us-central1}
   * @param templateId the template id (4–63 characters {@code [a-z0-9-]}, starting with a letter
   *     and ending with a letter or digit), or {@code null} for one the emulator chooses
   * @param templateJson the ExperimentTemplate JSON ({@code duration}, {@code action}, optional
   *     {@code displayName}, {@code description})
   * @return the template's resource name, {@code
   *     projects/{p}/locations/{l}/experimentTemplates/{id}}
   * @throws IllegalArgumentException when the JSON or id is invalid, with the API's message
   */
  public String createTemplate(
      String project, String location, String templateId, String templateJson) {
    ObjectNode body = Json.parseObject(templateJson, "templateJson");
    try {
      return templates
          .create("projects/" + project + "/locations/" + location, templateId, body)
          .get("name")
          .asText();
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The state machine's current timings. */
  public FaultTestingTimings timings() {
    return runner.timings();
  }

  /** Sets the state machine's timings; transitions already scheduled keep their old timing. */
  public void timings(FaultTestingTimings timings) {
    runner.timings(Objects.requireNonNull(timings, "timings"));
  }

  /**
   * Injects a fault into the API for the method it names ({@code experiments.create}, {@code
   * experiments.get}, {@code experimentTemplates.list}, … or {@code *}).
   */
  public void injectApiFault(ApiFault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every injected API fault. */
  public void clearApiFaults() {
    faults.clear();
  }

  /**
   * Fails the first healthy affected resource of an experiment: its {@code state}, {@code
   * stateMessage} and {@code error} show the failure, and an experiment that has not completed ends
   * (REVERTING if it was injecting) with endReason {@code CANCELLED} and endNotes naming the
   * resource and the message.
   *
   * @param experiment the experiment's full resource name or its id
   * @param message what went wrong, e.g. {@code "Permission compute.instances.stop denied"}
   */
  public void failAffectedResource(String experiment, String message) {
    runner.failAffectedResource(experiment, message);
  }

  /**
   * Declares a cloud resource unusable, e.g. "Forwarding rule not found" or "Permission
   * compute.forwardingRules.update denied", until the next {@link #reset()}: validations that check
   * it from now on report it with that message in its {@code stateMessage} and {@code error}, and
   * an experiment whose dry run (PREPARING) ends from now on fails that affected resource the same
   * way and completes at once with endReason {@code CANCELLED}, never injecting.
   *
   * @param resource the resource name as the action names it ({@code projects/p/regions/r/…}) or
   *     its full URI ({@code //compute.googleapis.com/projects/p/…})
   * @param message why the resource cannot be used
   */
  public void rejectResource(String resource, String message) {
    rejected.reject(
        Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(message, "message"));
  }

  /** Every experiment the emulator knows, oldest first. */
  public List<FaultTestingExperiment> experiments() {
    return experiments.views();
  }

  /** The experiments that have not reached {@code COMPLETED}. */
  public List<FaultTestingExperiment> activeExperiments() {
    return experiments.views().stream().filter(FaultTestingExperiment::active).toList();
  }

  /** How often a method (e.g. {@code experiments.get}) has been called since the last reset. */
  public long requestCount(String method) {
    return counters.count(method);
  }

  /** Calls per method since the last reset. */
  public Map<String, Long> requestCounts() {
    return counters.snapshot();
  }

  /** Calls {@code listener} when an experiment's fault goes live (INJECTED) and when it ends. */
  public void addActionListener(ActionListener listener) {
    events.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeActionListener(ActionListener listener) {
    events.remove(listener);
  }

  /**
   * Demands {@code Authorization: Bearer <token>} on every API request (missing or different → 401
   * UNAUTHENTICATED); {@code null} goes back to the setting the emulator was started with.
   */
  public void requireBearerToken(String token) {
    access.requireBearerToken(token);
  }

  /**
   * Answers every API request on {@code project} with 403 PERMISSION_DENIED and {@code message},
   * e.g. "Project my-project is not on the allow-list for the Fault Injection Testing Preview."
   */
  public void denyProject(String project, String message) {
    access.deny(
        Objects.requireNonNull(project, "project"), Objects.requireNonNull(message, "message"));
  }

  /**
   * Forgets every template, experiment, exclusion window, unreachable location, API fault, denied
   * project and request count, and restores the default timings and the configured bearer token.
   * Listeners stay; a fault still live is reported ended to them.
   */
  public void reset() {
    runner.reset();
    templates.clear();
    windows.reset();
    validations.reset();
    rejected.reset();
    locations.reset();
    faults.clear();
    counters.clear();
    access.reset();
  }

  /**
   * Makes a location unreachable until the next {@link #reset()}: every call naming it answers 503
   * UNAVAILABLE, and lists over every location of its project ({@code locations/-}) leave out what
   * it holds and name it in {@code unreachable} — to test how a client handles a partial answer.
   */
  public void makeLocationUnreachable(String project, String location) {
    locations.makeUnreachable(
        Objects.requireNonNull(project, "project"), Objects.requireNonNull(location, "location"));
  }

  /** Ends the scheduler and the listener thread. */
  public void close() {
    scheduler.shutdownNow();
    events.close();
  }
}

package io.github.faultexperiment.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.ExperimentNotAllowedException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.EmbeddedTemplate;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Google Cloud Fault Injection Testing behind the provider-neutral lifecycle: creates an experiment
 * (which the service prepares, ending in {@code PREPARED}), starts it when the lifecycle {@link
 * #proceed proceeds}, and stops it. Experiments run in the template's project and location.
 *
 * <p>A dry run ({@link StartRequest#dryRun()}) creates no experiment: it is the service's own
 * validation of the template's action ({@code projects.locations.validations}), which prepares and
 * injects nothing and ends by itself with each resource's state, message and error.
 *
 * <p>{@code :stop} applies only to a running experiment. One the lifecycle gives up on before it
 * was started ({@code PREPARING}, {@code PREPARED}: an injection timeout, a {@code @Timeout}) is
 * never started, so it can inject nothing; from then on this provider reports it ended, and the
 * service cancels it in time.
 */
final class GcpFaultProvider implements FaultProvider {
  private static final Logger LOG = Logger.getLogger(GcpFaultProvider.class.getName());
  private static final int MAX_TEMPLATES_LISTED = 50;
  private static final Set<State> LIST_RESOURCES_IN =
      EnumSet.of(State.PREPARED, State.REVERTING, State.COMPLETED);

  private final GcpSettings settings;
  private final SafetySettings safety;
  private final String owner;
  private final FaultTestingClient client;
  // Experiments this provider created, by short id, so describe/stop find them in any location.
  private final ConcurrentMap<String, String> experimentNames = new ConcurrentHashMap<>();
  private final DryRuns dryRuns;
  private final ExclusionWindowCheck exclusionWindows;
  // Experiments given up on before they were started: never started, so never injected.
  private final Set<String> neverStarted = ConcurrentHashMap.newKeySet();
  // The affected resources last listed per experiment, for the state they were listed in.
  private final ConcurrentMap<String, ListedResources> resources = new ConcurrentHashMap<>();

  GcpFaultProvider(
      GcpSettings settings, SafetySettings safety, String owner, FaultTestingClient client) {
    this.settings = settings;
    this.safety = safety;
    this.owner = owner;
    this.client = client;
    this.dryRuns = new DryRuns(client, owner);
    this.exclusionWindows = new ExclusionWindowCheck(client);
  }

  /**
   * Creates the provider; validates its configuration (endpoint, credentials, project, location)
   * first.
   *
   * @param context the run's configuration and safety settings
   * @return a provider ready to use
   */
  static GcpFaultProvider create(ProviderContext context) {
    return create(context, GoogleCredentials::getApplicationDefault, RetryPolicy.DEFAULT);
  }

  static GcpFaultProvider create(
      ProviderContext context, GcpSettings.CredentialsSource adc, RetryPolicy retryPolicy) {
    GcpSettings settings = GcpSettings.resolve(context.configuration(), context.emulator(), adc);
    FaultTestingClient client =
        FaultTestingClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.credentials())
            .retryPolicy(retryPolicy)
            .build();
    return new GcpFaultProvider(settings, context.safety(), context.owner(), client);
  }

  @Override
  public void verifyAccess() {
    checkAllowed(settings.project());
  }

  @Override
  public ResolvedTemplate resolveTemplate(String reference) {
    String name = ResourceNames.templateName(reference, settings);
    checkAllowed(ResourceNames.project(name));
    ExperimentTemplate template;
    try {
      template = client.getTemplate(name);
    } catch (CloudApiException e) {
      if (e.reason() == CloudApiException.Reason.NOT_FOUND) {
        throw new FaultExperimentException(notFound(reference, name), e);
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", template.action());
    putIfPresent(details, "duration", template.duration());
    putIfPresent(details, "displayName", template.displayName());
    putIfPresent(details, "createTime", template.createTime());
    putIfPresent(details, "updateTime", template.updateTime());
    String displayName = template.displayName();
    return new ResolvedTemplate(
        reference,
        template.name(),
        displayName == null || displayName.isBlank() ? template.name() : displayName,
        template.description() == null ? "" : template.description(),
        details);
  }

  /**
   * No active exclusion window in the template's location ({@link ExclusionWindowCheck}). A dry run
   * is the service's validation, which starts nothing, so no window blocks it.
   */
  @Override
  public void verifyAllowedNow(ResolvedTemplate template, StartRequest request) {
    if (!request.dryRun()) {
      exclusionWindows.verify(ResourceNames.parent(template.id()));
    }
  }

  @Override
  public ExperimentSnapshot start(ResolvedTemplate template, StartRequest request) {
    if (request.dryRun()) {
      return dryRuns.start(template, request);
    }
    String parent = ResourceNames.parent(template.id());
    String experimentId = ExperimentIds.experimentId(request);
    NewExperiment body =
        new NewExperiment(
            template.id(),
            ExperimentIds.displayName(request),
            ExperimentIds.description(request, owner),
            null);
    Experiment experiment;
    try {
      experiment = client.createExperiment(parent, experimentId, body);
    } catch (CloudApiException e) {
      if (!"ALREADY_EXISTS".equals(e.errorCode())) {
        throw e;
      }
      // A retried create whose first attempt got through: carry on with that experiment.
      experiment = client.getExperiment(parent + "/experiments/" + experimentId);
      checkSameTemplate(experiment, template, e);
    }
    experimentNames.put(experiment.id(), experiment.name());
    return snapshot(experiment);
  }

  @Override
  public ExperimentSnapshot describe(String experimentId) {
    if (dryRuns.owns(experimentId)) {
      return dryRuns.describe(experimentId);
    }
    String name = experimentName(experimentId);
    Experiment experiment = client.getExperiment(name);
    return neverStarted.contains(name) && !experiment.state().wasStarted()
        ? Snapshots.neverStarted(snapshot(experiment))
        : snapshot(experiment);
  }

  @Override
  public ExperimentSnapshot proceed(String experimentId) {
    String name = experimentName(experimentId);
    if (neverStarted.contains(name)) {
      return describe(experimentId);
    }
    try {
      return snapshot(client.startExperiment(name));
    } catch (CloudApiException e) {
      // A retried :start whose first attempt got through is answered FAILED_PRECONDITION.
      Experiment now = currentIfRejected(name, e);
      if (now.state() == State.INJECTING || now.state() == State.INJECTED) {
        return snapshot(now);
      }
      // a window that became active after the check before create: say so, not just the code
      Optional<ExperimentNotAllowedException> window;
      try {
        window = exclusionWindows.explain(ResourceNames.parent(name), e);
      } catch (RuntimeException listFailed) {
        e.addSuppressed(listFailed);
        throw e;
      }
      if (window.isPresent()) {
        throw window.get();
      }
      throw e;
    }
  }

  @Override
  public ExperimentSnapshot stop(String experimentId) {
    if (dryRuns.owns(experimentId)) {
      // A validation cannot be stopped; it ends by itself, having injected nothing.
      return dryRuns.describe(experimentId);
    }
    String name = experimentName(experimentId);
    try {
      return snapshot(client.stopExperiment(name));
    } catch (CloudApiException e) {
      Experiment now = currentIfRejected(name, e);
      if (now.state().isEnding()) {
        return snapshot(now);
      }
      if (!now.state().wasStarted()) {
        neverStarted.add(name);
        return Snapshots.neverStarted(snapshot(now));
      }
      throw e;
    }
  }

  /**
   * The affected resources (a dry run: the validation resources) the snapshot carries, as the
   * service listed them; Fault Testing names no accounts beyond the resources' projects.
   */
  @Override
  public BlastRadius blastRadius(ExperimentSnapshot experiment) {
    return Snapshots.blastRadius(experiment);
  }

  @Override
  public String scope() {
    return "gcp " + settings.endpoint() + " " + settings.parent();
  }

  /** None: Fault Testing experiments have no labels to renew; their lifetime is fixed instead. */
  @Override
  public Optional<Duration> leaseRenewalInterval() {
    return Optional.empty();
  }

  /** Nothing to renew (see {@link #leaseRenewalInterval()}); never called by the lifecycle. */
  @Override
  public void renewLease(String experimentId) {
    // The maximum lifetime counts from the experiment's createTime, which no call can move.
  }

  /**
   * Experiments in the configured project and location whose id starts {@code fx-} and whose
   * description says this extension started them, started (a never-started one injects nothing and
   * cannot be stopped) and not yet ending, created longer ago than {@link
   * SafetySettings#maxExperimentLifetime()} and not by this JVM's run.
   */
  @Override
  public List<String> abandonedExperiments() {
    Instant lapsedBefore = Instant.now().minus(safety.maxExperimentLifetime());
    List<String> abandoned = new ArrayList<>();
    Page<Experiment> experiments =
        Page.all(page -> client.listExperiments(settings.parent(), page));
    if (!experiments.unreachable().isEmpty()) {
      LOG.log(
          Level.WARNING,
          () ->
              "Abandoned Fault Testing experiments were not looked for everywhere in "
                  + settings.parent()
                  + experiments.unreachableNote()
                  + ": run the sweep again once the service reaches them.");
    }
    for (Experiment experiment : experiments.items()) {
      if (ExperimentIds.startedByUs(experiment.id(), experiment.description())
          && !ExperimentIds.startedBy(experiment.description(), owner)
          && experiment.state().wasStarted()
          && !experiment.state().isEnding()
          && experiment.createTime() != null
          && experiment.createTime().isBefore(lapsedBefore)) {
        abandoned.add(experiment.name());
      }
    }
    return abandoned;
  }

  /** Fault Testing has no report API: the affected resources travel in the snapshot's details. */
  @Override
  public ServiceReport serviceReport(ExperimentSnapshot ended, Path directory) {
    return ServiceReport.NONE;
  }

  /**
   * Creates each template with {@code experimentTemplates.create} in the configured project and
   * location; the file name is the template id.
   */
  @Override
  public void createEmbeddedTemplates(List<EmbeddedTemplate> files) {
    for (EmbeddedTemplate file : files) {
      try {
        client.createTemplate(settings.parent(), file.name(), file.json());
      } catch (CloudApiException refused) {
        throw new FaultExperimentException(
            "Embedded mode could not create the Fault Testing template "
                + file.location()
                + ": "
                + refused.getMessage(),
            refused);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "GcpFaultProvider[" + settings + "]";
  }

  private ExperimentSnapshot snapshot(Experiment experiment) {
    return Snapshots.of(experiment, affectedResources(experiment));
  }

  /**
   * The affected resources, listed once per state change in the states where they tell something
   * (prepared: the dry run's findings; reverting and completed: the outcome) rather than on every
   * poll.
   */
  private List<AffectedResource> affectedResources(Experiment experiment) {
    ListedResources last = resources.get(experiment.name());
    boolean fresh =
        last != null
            && last.state() == experiment.state()
            && Objects.equals(last.stateUpdateTime(), experiment.stateUpdateTime());
    if (fresh) {
      return last.resources();
    }
    if (!LIST_RESOURCES_IN.contains(experiment.state())) {
      return last == null ? List.of() : last.resources();
    }
    List<AffectedResource> all =
        Page.all(page -> client.listAffectedResources(experiment.name(), page)).items();
    resources.put(
        experiment.name(),
        new ListedResources(experiment.state(), experiment.stateUpdateTime(), List.copyOf(all)));
    return all;
  }

  /** The experiment as it is now when the service refused a state change, else rethrows. */
  private Experiment currentIfRejected(String name, CloudApiException refused) {
    if (!"FAILED_PRECONDITION".equals(refused.errorCode())) {
      throw refused;
    }
    try {
      return client.getExperiment(name);
    } catch (RuntimeException e) {
      refused.addSuppressed(e);
      throw refused;
    }
  }

  private String experimentName(String experimentId) {
    if (experimentId.startsWith("projects/")) {
      return experimentId;
    }
    return experimentNames.getOrDefault(
        experimentId, settings.parent() + "/experiments/" + experimentId);
  }

  private void checkAllowed(String project) {
    if (!settings.allows(project)) {
      throw new FaultExperimentException(
          "Google Cloud project '"
              + project
              + "' is not in "
              + GcpSettings.ALLOWED_PROJECTS
              + " "
              + settings.allowedProjects()
              + ": add it there to allow fault experiments in it");
    }
  }

  private void checkSameTemplate(
      Experiment existing, ResolvedTemplate template, CloudApiException alreadyExists) {
    String existingTemplate =
        existing.experimentTemplate() == null ? "" : existing.experimentTemplate();
    if (!ResourceNames.id(existingTemplate).equals(ResourceNames.id(template.id()))) {
      throw new FaultExperimentException(
          "Experiment "
              + existing.name()
              + " already exists from template "
              + existingTemplate
              + ", not "
              + template.id()
              + ": another run used the same experiment id",
          alreadyExists);
    }
  }

  private String notFound(String reference, String name) {
    String parent = ResourceNames.parent(name);
    String found;
    try {
      Page<ExperimentTemplate> answer =
          client.listTemplates(parent, new ListRequest(null, MAX_TEMPLATES_LISTED, null));
      List<String> ids = answer.items().stream().map(t -> ResourceNames.id(t.name())).toList();
      found =
          (ids.isEmpty() ? "none" : String.join(", ", ids) + (answer.hasNext() ? ", …" : ""))
              + answer.unreachableNote();
    } catch (CloudApiException e) {
      found = "(could not list them: " + e.getMessage() + ")";
    }
    return "Fault Testing template '"
        + reference
        + "' not found ("
        + name
        + "); templates in "
        + parent
        + ": "
        + found;
  }

  private static void putIfPresent(Map<String, Object> details, String key, Object value) {
    if (value != null) {
      details.put(key, value.toString());
    }
  }

  private record ListedResources(
      State state, Instant stateUpdateTime, List<AffectedResource> resources) {}
}

package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.RecoveryTimeoutException;
import io.github.faultexperiment.chaosmesh.ChaosSnapshots.Known;
import io.github.faultexperiment.chaosmesh.ChaosSnapshots.StoppedBy;
import io.github.faultexperiment.spi.ActiveExperiment;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.EmbeddedTemplate;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import io.github.faultexperiment.spi.TargetKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chaos Mesh behind the provider-neutral lifecycle. A template is one manifest; starting it creates
 * the chaos object under a name derived from the idempotency key, labelled and annotated with the
 * run, the owner and the lease. Its state is read from what Chaos Mesh writes (see {@link
 * ChaosSnapshots}); stopping it sets the pause annotation (a JSON merge-patch of metadata), or
 * deletes it for the one-shot kinds that ignore pause, and for one that failed.
 *
 * <p>When selection fails (Chaos Mesh never retries it) or a record's injection fails, the
 * experiment has failed: the provider deletes the object at once, so that no record stays injected,
 * and reports it ending, then ended, with the records' own messages. An experiment it stopped is
 * deleted once every record is recovered, so the cluster keeps no leftovers.
 */
final class ChaosMeshFaultProvider implements FaultProvider {
  private static final Logger LOG = Logger.getLogger(ChaosMeshFaultProvider.class.getName());

  private final ChaosMeshSettings settings;
  private final SafetySettings safety;
  private final String owner;
  private final ChaosMeshClient client;
  private final ClassLoader templateLoader;
  // Chaos Mesh stores no templates: embedded-mode files are kept per emulator for this JVM, so that
  // every provider talking to that emulator knows them, as the clouds' providers find the templates
  // stored in theirs.
  private static final ConcurrentMap<String, ConcurrentMap<String, ChaosTemplate>> EMBEDDED =
      new ConcurrentHashMap<>();

  // Templates by name: the embedded files given, and every file resolved.
  private final ConcurrentMap<String, ChaosTemplate> templates;
  // What this provider did or decided about each experiment, by id.
  private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
  private final Set<String> startedHere = ConcurrentHashMap.newKeySet();
  private final Set<String> tidied = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<String, JsonNode> lastObjects = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ExperimentSnapshot> lastSnapshots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> endingSince = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> endingPolls = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ExperimentSnapshot> dryRuns = new ConcurrentHashMap<>();

  ChaosMeshFaultProvider(
      ChaosMeshSettings settings,
      SafetySettings safety,
      String owner,
      ChaosMeshClient client,
      ClassLoader templateLoader) {
    this.settings = settings;
    this.safety = safety;
    this.owner = owner;
    this.client = client;
    this.templateLoader = templateLoader;
    this.templates =
        settings.embedded()
            ? EMBEDDED.computeIfAbsent(client.server(), server -> new ConcurrentHashMap<>())
            : new ConcurrentHashMap<>();
  }

  /** Creates the provider; validates its configuration first. */
  static ChaosMeshFaultProvider create(ProviderContext context) {
    ChaosMeshSettings settings =
        ChaosMeshSettings.resolve(context.configuration(), context.emulator());
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new ChaosMeshFaultProvider(
        settings,
        context.safety(),
        context.owner(),
        new ChaosMeshClient(settings.client()),
        loader == null ? ChaosMeshFaultProvider.class.getClassLoader() : loader);
  }

  @Override
  public void verifyAccess() {
    settings.verifyCluster();
  }

  /**
   * The template file {@code fault-experiments/chaos-mesh/<reference>.yaml} (or {@code .yml},
   * {@code .json}) on the test classpath; its namespace and every namespace its selectors reach
   * must be allowed.
   */
  @Override
  public ResolvedTemplate resolveTemplate(String reference) {
    String name = ChaosTemplates.baseName(reference.strip());
    ChaosTemplate template = templates.get(name);
    if (template == null) {
      template =
          ChaosTemplates.find(templateLoader, reference)
              .orElseThrow(
                  () ->
                      new FaultExperimentException(
                          "Chaos Mesh template '"
                              + reference
                              + "' not found: looked for "
                              + ChaosTemplates.FOLDER
                              + name
                              + " with "
                              + String.join(", ", ChaosTemplates.EXTENSIONS)
                              + " on the test classpath. Add src/test/resources/"
                              + ChaosTemplates.FOLDER
                              + name
                              + ".yaml holding one Chaos Mesh manifest."));
      templates.put(name, template);
    }
    String namespace = namespaceOf(template);
    settings.verifyNamespace(namespace, "the namespace of template " + template.location());
    for (String selected : ChaosTargets.namespaces(template.spec(), namespace)) {
      settings.verifyNamespace(selected, "selected by template " + template.location());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kind", template.kind().kind());
    details.put("fault", template.fault());
    details.put("namespace", namespace);
    details.put("location", template.location());
    details.put(
        "selectedNamespaces", List.copyOf(ChaosTargets.namespaces(template.spec(), namespace)));
    String manifestName = template.manifest().path("metadata").path("name").asText("");
    return new ResolvedTemplate(
        reference,
        template.name(),
        manifestName.isBlank() ? template.name() : manifestName,
        template.fault() + " in " + namespace,
        details);
  }

  /** Chaos Mesh has no safety lever or exclusion window: nothing blocks an experiment now. */
  @Override
  public void verifyAllowedNow(ResolvedTemplate template, StartRequest request) {
    // the allow-lists were checked when the template was resolved
  }

  @Override
  public Optional<Set<TargetKey>> targetKeys(ResolvedTemplate template) {
    ChaosTemplate chaos = templates.get(template.id());
    return chaos == null
        ? Optional.empty()
        : Optional.of(ChaosTargets.of(chaos.spec(), namespaceOf(chaos)));
  }

  @Override
  public ExperimentSnapshot start(ResolvedTemplate resolved, StartRequest request) {
    ChaosTemplate template = templates.get(resolved.id());
    if (template == null) {
      throw new FaultExperimentException(
          "Chaos Mesh template '" + resolved.id() + "' was not resolved by this provider");
    }
    String namespace = namespaceOf(template);
    ExperimentRef ref =
        new ExperimentRef(template.kind(), namespace, ExperimentMarks.name(request));
    ObjectNode manifest = manifest(template, ref, request);
    if (request.dryRun()) {
      JsonNode validated = client.create(ref.kind(), namespace, manifest, true);
      ExperimentSnapshot snapshot = validated(ref, resolved.id(), validated);
      dryRuns.put(ref.id(), snapshot);
      return snapshot;
    }
    JsonNode object;
    try {
      object = client.create(ref.kind(), namespace, manifest, false);
    } catch (CloudApiException e) {
      if (e.reason() != CloudApiException.Reason.CONFLICT) {
        throw notInstalled(e, ref);
      }
      // A retried create whose first attempt got through: carry on with that object.
      object = client.get(ref.kind(), namespace, ref.name()).orElseThrow(() -> e);
      if (!ExperimentMarks.startedBy(object, request)) {
        throw new FaultExperimentException(
            "Chaos Mesh object "
                + ref
                + " already exists and was not created by this start: delete it, or rename"
                + " the test",
            e);
      }
    }
    startedHere.add(ref.id());
    known.put(ref.id(), Known.nothing(resolved.id()));
    return observe(ref, object);
  }

  @Override
  public ExperimentSnapshot describe(String experimentId) {
    ExperimentSnapshot dryRun = dryRuns.get(experimentId);
    if (dryRun != null) {
      return dryRun;
    }
    ExperimentRef ref = ExperimentRef.parse(experimentId);
    return client
        .get(ref.kind(), ref.namespace(), ref.name())
        .map(object -> observe(ref, object))
        .orElseGet(() -> gone(ref));
  }

  /** Chaos Mesh has no step between creation and injection: this only describes. */
  @Override
  public ExperimentSnapshot proceed(String experimentId) {
    return describe(experimentId);
  }

  /**
   * Sets the pause annotation (a merge-patch of metadata; never a PUT, which could undo the
   * controller's status), or deletes the object for one-shot kinds (pod-kill, container-kill ignore
   * pause) and for a failed experiment. One already being deleted, or gone, is not an error.
   */
  @Override
  public ExperimentSnapshot stop(String experimentId) {
    ExperimentSnapshot dryRun = dryRuns.get(experimentId);
    if (dryRun != null) {
      return dryRun;
    }
    ExperimentRef ref = ExperimentRef.parse(experimentId);
    Optional<JsonNode> current = client.get(ref.kind(), ref.namespace(), ref.name());
    if (current.isEmpty()) {
      return gone(ref);
    }
    ChaosStatus status = ChaosStatus.of(current.get());
    if (status.deleting()) {
      return observe(ref, current.get());
    }
    Known before = knownOf(ref, status);
    if (ref.kind().oneShot(status.spec()) || before.failure() != null) {
      known.put(ref.id(), new Known(before.templateId(), StoppedBy.DELETE, before.failure()));
      endingSince.putIfAbsent(ref.id(), Instant.now());
      client.delete(ref.kind(), ref.namespace(), ref.name());
      return describe(experimentId);
    }
    known.put(ref.id(), new Known(before.templateId(), StoppedBy.PAUSE, before.failure()));
    endingSince.putIfAbsent(ref.id(), Instant.now());
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("annotations").put(ChaosStatus.PAUSE, "true");
    return observe(ref, client.patchMetadata(ref.kind(), ref.namespace(), ref.name(), metadata));
  }

  /** Chaos Mesh writes no report: the last object and its events stand for one. */
  @Override
  public ServiceReport serviceReport(ExperimentSnapshot ended, Path directory) {
    if (ended == null || dryRuns.containsKey(ended.id())) {
      return ServiceReport.NONE;
    }
    return ChaosReports.write(ended, lastObjects.get(ended.id()), client, directory);
  }

  /** The records' pods and containers. */
  @Override
  public BlastRadius blastRadius(ExperimentSnapshot experiment) {
    ExperimentSnapshot last = lastSnapshots.getOrDefault(experiment.id(), experiment);
    return ChaosSnapshots.blastRadius(last.details().containsKey("records") ? last : experiment);
  }

  @Override
  public String scope() {
    return "chaos-mesh " + client.server() + " " + settings.context();
  }

  @Override
  public Optional<Duration> leaseRenewalInterval() {
    return Optional.of(safety.renewalInterval());
  }

  /** Merge-patches the lease annotation to now plus the lease duration. */
  @Override
  public void renewLease(String experimentId) {
    if (dryRuns.containsKey(experimentId)) {
      return;
    }
    ExperimentRef ref = ExperimentRef.parse(experimentId);
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("annotations").put(ExperimentMarks.LEASE, leaseExpiry());
    client.patchMetadata(ref.kind(), ref.namespace(), ref.name(), metadata);
  }

  /**
   * Ours (labelled and annotated by this extension), not this JVM's, lease lapsed, and still
   * running or recovering — of every kind, in the allowed namespaces (embedded mode: all).
   */
  @Override
  public List<String> abandonedExperiments() {
    long now = Instant.now().getEpochSecond();
    List<String> abandoned = new ArrayList<>();
    for (JsonNode object : ours()) {
      ChaosStatus status = ChaosStatus.of(object);
      JsonNode annotations = status.annotations();
      String objectOwner = annotations.path(ExperimentMarks.OWNER).asText("");
      if (!objectOwner.isEmpty()
          && !objectOwner.equals(owner)
          && !status.deleting()
          && live(status)
          && expired(annotations.path(ExperimentMarks.LEASE).asText(""), now)) {
        abandoned.add(refOf(object).id());
      }
    }
    return abandoned;
  }

  @Override
  public List<ActiveExperiment> activeExperiments() {
    long now = Instant.now().getEpochSecond();
    List<ActiveExperiment> active = new ArrayList<>();
    for (JsonNode object : ours()) {
      ChaosStatus status = ChaosStatus.of(object);
      JsonNode annotations = status.annotations();
      if (annotations.path(ExperimentMarks.OWNER).asText("").isEmpty() || !live(status)) {
        continue;
      }
      ExperimentRef ref = refOf(object);
      active.add(
          new ActiveExperiment(
              ref.id(),
              annotations.path(ExperimentMarks.TEMPLATE).asText(""),
              status.createdAt() == null ? Instant.now() : status.createdAt(),
              Optional.of(ChaosTargets.of(status.spec(), ref.namespace())),
              expired(annotations.path(ExperimentMarks.LEASE).asText(""), now)));
    }
    return active;
  }

  /** Reads each file as a template (throwing naming a bad one); nothing is created in advance. */
  @Override
  public void createEmbeddedTemplates(List<EmbeddedTemplate> files) {
    for (EmbeddedTemplate file : files) {
      ChaosTemplate template = ChaosTemplates.parse(file.name(), file.location(), file.json());
      templates.put(template.name(), template);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "ChaosMeshFaultProvider[" + settings + "]";
  }

  // --- reading an object

  /**
   * The snapshot of an object as read; fails the experiment (deleting the object) when selection or
   * injection failed, tidies an ended one of ours away, and refuses to wait for ever on records
   * that do not recover.
   */
  private ExperimentSnapshot observe(ExperimentRef ref, JsonNode object) {
    ChaosStatus status = ChaosStatus.of(object);
    Known knowing = knownOf(ref, status);
    if (knowing.failure() == null && !status.deleting() && !status.stop()) {
      String failure = failure(ref, status);
      if (failure != null) {
        knowing = new Known(knowing.templateId(), StoppedBy.DELETE, failure);
        known.put(ref.id(), knowing);
        endingSince.putIfAbsent(ref.id(), Instant.now());
        // a failed experiment is taken down at once: nothing of it may stay injected
        client.delete(ref.kind(), ref.namespace(), ref.name());
        Optional<JsonNode> after = client.get(ref.kind(), ref.namespace(), ref.name());
        if (after.isEmpty()) {
          return gone(ref);
        }
        object = after.get();
        status = ChaosStatus.of(object);
      }
    }
    lastObjects.put(ref.id(), object);
    ExperimentSnapshot snapshot =
        ChaosSnapshots.of(ref, status, knowing, settings.cluster(), Instant.now());
    lastSnapshots.put(ref.id(), snapshot);
    if (snapshot.phase() == Phase.ENDING) {
      checkRecovering(ref, status, snapshot);
    } else if (snapshot.phase() == Phase.ENDED) {
      tidy(ref, status, knowing);
    }
    return snapshot;
  }

  /** Selection failure (no record and a Failed event), else injection failure, else null. */
  private String failure(ExperimentRef ref, ChaosStatus status) {
    if (status.records().isEmpty()) {
      if (status.desiredPhase().isEmpty()) {
        return null;
      }
      String uid = status.uid();
      List<JsonNode> events =
          client.events(ref.namespace(), ref.name()).stream()
              .filter(e -> uid.equals(e.path("involvedObject").path("uid").asText(uid)))
              .toList();
      String selection = ChaosSnapshots.selectionFailure(status, events);
      return selection == null
          ? null
          : "Chaos Mesh selected no target ("
              + selection
              + "); it does not select again: check the selector's namespaces and labels";
    }
    return ChaosSnapshots.injectionFailure(status);
  }

  private ExperimentSnapshot gone(ExperimentRef ref) {
    ExperimentSnapshot last = lastSnapshots.get(ref.id());
    if (last != null && last.phase() == Phase.ENDED) {
      // An ended object this provider tidied away keeps the outcome it ended with: a duration that
      // ran out stays COMPLETED, not STOPPED, for whoever describes it later.
      return last;
    }
    Known knowing = known.getOrDefault(ref.id(), Known.nothing(""));
    ExperimentSnapshot snapshot =
        ChaosSnapshots.gone(ref, knowing, lastSnapshots.get(ref.id()), Instant.now());
    lastSnapshots.put(ref.id(), snapshot);
    return snapshot;
  }

  private Known knownOf(ExperimentRef ref, ChaosStatus status) {
    return known.computeIfAbsent(
        ref.id(),
        id -> Known.nothing(status.annotations().path(ExperimentMarks.TEMPLATE).asText("")));
  }

  /**
   * While records do not recover, the finalizer keeps the object; past the recovery timeout that is
   * a loud failure naming them — never a forced removal of the finalizer, which would leave the
   * fault in place.
   */
  private void checkRecovering(ExperimentRef ref, ChaosStatus status, ExperimentSnapshot snapshot) {
    // from our own stop when we asked (deletionTimestamp has whole seconds only), else from the
    // deletion mark, else from when this provider first saw it ending
    Instant since =
        endingSince.computeIfAbsent(
            ref.id(), id -> status.deletedAt() != null ? status.deletedAt() : Instant.now());
    int polls = endingPolls.computeIfAbsent(ref.id(), id -> new AtomicInteger()).incrementAndGet();
    Duration waited = Duration.between(since, Instant.now());
    if (waited.compareTo(settings.recoveryTimeout()) <= 0) {
      return;
    }
    String records = ChaosSnapshots.unrecovered(status);
    FaultExperimentException stuck =
        new FaultExperimentException(
            "Chaos Mesh has not recovered "
                + records
                + " of "
                + ref.kind().kind()
                + " "
                + ref.namespace()
                + "/"
                + ref.name()
                + (status.deleting()
                    ? ": the finalizer " + ChaosStatus.FINALIZER + " keeps the object until it does"
                    : "")
                + ", so the fault may still be in place. It is not forced away (the annotation"
                + " chaos-mesh.chaos-mesh.org/cleanFinalizer=forced would leave the fault"
                + " injected): see `kubectl describe "
                + ref.kind().plural()
                + " "
                + ref.name()
                + " -n "
                + ref.namespace()
                + "`, fix what blocks recovery, or raise "
                + ChaosMeshProperties.RECOVERY_TIMEOUT
                + " (now "
                + settings.recoveryTimeout()
                + "). Last state: "
                + snapshot.state()
                + ", "
                + snapshot.reason()
                + (snapshot.error().isEmpty() ? "" : ", " + snapshot.error()));
    throw new RecoveryTimeoutException(
        "Chaos Mesh experiment " + ref.id(),
        "records " + records + " back to " + ChaosStatus.NOT_INJECTED,
        settings.recoveryTimeout(),
        waited,
        polls,
        stuck);
  }

  /** Deletes an ended object this provider started or stopped: recovered, it goes at once. */
  private void tidy(ExperimentRef ref, ChaosStatus status, Known knowing) {
    boolean ours = startedHere.contains(ref.id()) || knowing.stoppedBy() != StoppedBy.NOBODY;
    if (!ours || status.deleting() || !tidied.add(ref.id())) {
      return;
    }
    try {
      client.delete(ref.kind(), ref.namespace(), ref.name());
    } catch (CloudApiException e) {
      // its records are recovered: what is left is an idle object, reported, not a fault
      LOG.log(
          Level.WARNING,
          e,
          () -> "Could not delete the ended Chaos Mesh object " + ref + ": " + e.getMessage());
    }
  }

  // --- helpers

  private String namespaceOf(ChaosTemplate template) {
    return template.namespace() == null ? settings.namespace() : template.namespace();
  }

  private ObjectNode manifest(ChaosTemplate template, ExperimentRef ref, StartRequest request) {
    ObjectNode manifest = template.manifest().deepCopy();
    manifest.remove("status");
    ObjectNode metadata = manifest.withObject("metadata");
    for (String field :
        List.of(
            "generateName",
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "deletionTimestamp",
            "generation",
            "finalizers",
            "managedFields",
            "ownerReferences")) {
      metadata.remove(field);
    }
    metadata.put("name", ref.name());
    metadata.put("namespace", ref.namespace());
    ObjectNode labels = metadata.withObject("labels");
    ExperimentMarks.labels(request, owner).forEach(labels::put);
    ObjectNode annotations = metadata.withObject("annotations");
    ExperimentMarks.annotations(request, owner, template.name(), leaseExpiry())
        .forEach(annotations::put);
    // a paused template would never inject; the pause is this provider's stop
    annotations.remove(ChaosStatus.PAUSE);
    return manifest;
  }

  private ExperimentSnapshot validated(ExperimentRef ref, String templateId, JsonNode object) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kind", ref.kind().kind());
    details.put("namespace", ref.namespace());
    details.put("name", ref.name());
    details.put("dryRun", "dryRun=All: validated by the API server and its webhooks, not stored");
    String namespace = object.path("metadata").path("namespace").asText(ref.namespace());
    details.put("validatedNamespace", namespace);
    Instant now = Instant.now();
    return new ExperimentSnapshot(
        ref.id(),
        ref.path(),
        templateId,
        Phase.ENDED,
        Outcome.COMPLETED,
        "Validated",
        "dry run: the API server accepted the manifest; nothing was created or injected",
        "",
        List.of(),
        now,
        now,
        Optional.empty(),
        details,
        now);
  }

  /** A 404 on create means the Chaos Mesh CRDs are not installed in the cluster. */
  private static CloudApiException notInstalled(CloudApiException e, ExperimentRef ref) {
    if (e.reason() != CloudApiException.Reason.NOT_FOUND) {
      return e;
    }
    return new CloudApiException(
        e.provider(),
        e.reason(),
        e.errorCode(),
        e.statusCode(),
        e.requestId(),
        e.getMessage()
            + " (is Chaos Mesh installed? The cluster does not serve "
            + ref.kind().plural()
            + "."
            + ChaosKind.GROUP
            + " in namespace "
            + ref.namespace()
            + ")",
        e);
  }

  /**
   * Every object of ours, of every kind, in the searched namespaces. Every kind is listed, whatever
   * the kind of the experiment being started: Chaos Mesh does not support two experiments on one
   * pod even of different kinds (a pod failure under a network delay breaks the delay's recovery),
   * and target keys name pods by namespace and selector, not by kind. Listing the kinds side by
   * side saved nothing measurable on two cores, so they are listed one after another.
   */
  private List<JsonNode> ours() {
    List<JsonNode> found = new ArrayList<>();
    List<String> namespaces = settings.searchedNamespaces();
    for (ChaosKind kind : ChaosKind.values()) {
      if (namespaces.isEmpty()) {
        found.addAll(client.list(kind, null, ExperimentMarks.ours()));
      } else {
        for (String namespace : namespaces) {
          found.addAll(client.list(kind, namespace, ExperimentMarks.ours()));
        }
      }
    }
    return found;
  }

  /** Running, or stopped but with a record still injected. */
  private static boolean live(ChaosStatus status) {
    return !(status.stop() || status.deleting()) || !status.allRecovered();
  }

  private static ExperimentRef refOf(JsonNode object) {
    String kind = object.path("kind").asText("");
    return new ExperimentRef(
        ChaosKind.ofKind(kind)
            .orElseThrow(() -> new IllegalStateException("listed an object of kind " + kind)),
        object.path("metadata").path("namespace").asText(""),
        object.path("metadata").path("name").asText(""));
  }

  private static boolean expired(String leaseExpires, long nowEpochSecond) {
    try {
      return Long.parseLong(leaseExpires.strip()) < nowEpochSecond;
    } catch (NumberFormatException edited) {
      // Someone rewrote the annotation by hand: treat the experiment as held.
      return false;
    }
  }

  private String leaseExpiry() {
    return Long.toString(Instant.now().plus(safety.leaseDuration()).getEpochSecond());
  }
}

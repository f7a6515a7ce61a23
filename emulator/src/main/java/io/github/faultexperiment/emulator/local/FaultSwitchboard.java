package io.github.faultexperiment.emulator.local;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Switches faults on and off in the registered targets as the emulated engines' actions start and
 * end, and remembers where each action reached.
 *
 * <p>An action starting reads its effect (AWS's own table, a team's declared document, or a host
 * effect), switches it on in every target it addresses and records the {@link FaultReach}; the
 * action ending switches it off everywhere. A target registered while an action runs gets that
 * action's fault too ({@link #added(LocalTarget)}). Every method runs under this object's lock, so
 * a target registered while an action ends never gets a fault switched on after it was switched off
 * everywhere.
 */
final class FaultSwitchboard {
  private final List<LocalTarget> targets;
  private final DocumentEffects documents;
  private final HostEffects hostEffects;
  private final Supplier<LocalTimings> timings;
  private final Map<String, ActionEvent> runningActions = new LinkedHashMap<>();
  private final Map<String, Map<String, FaultReach>> reaches = new LinkedHashMap<>();
  private ScheduledExecutorService recoveries;

  /**
   * @param targets the registry's targets, live: the switchboard reads them, never changes the list
   * @param documents the declared effects of teams' own documents
   * @param hostEffects the host-stress actions on this machine
   * @param timings the recovery windows in force
   */
  FaultSwitchboard(
      List<LocalTarget> targets,
      DocumentEffects documents,
      HostEffects hostEffects,
      Supplier<LocalTimings> timings) {
    this.targets = targets;
    this.documents = documents;
    this.hostEffects = hostEffects;
    this.timings = timings;
  }

  /** Switches the action's fault on in the targets it addresses and records where it reached. */
  synchronized void actionStarted(ActionEvent event) {
    FaultReach reach = classify(event, true);
    reaches
        .computeIfAbsent(event.experimentId(), id -> new LinkedHashMap<>())
        .put(event.actionName(), reach);
  }

  /** Switches the action's fault off wherever it is on, and ends its host effect. */
  synchronized void actionEnded(ActionEvent event) {
    runningActions.remove(key(event));
    for (LocalTarget target : targets) {
      target.switchOff(key(event));
    }
    hostEffects.stop(key(event));
  }

  /** Where an action would reach if it started injecting now, switching nothing on. */
  synchronized FaultReach preview(ActionEvent event) {
    return classify(event, false);
  }

  /** Applies every action injecting now to a target just registered. */
  synchronized void added(LocalTarget target) {
    for (ActionEvent event : runningActions.values()) {
      for (ActionFaults.Injection injection : injections(event)) {
        List<String> reached = switchOn(event, injection, List.of(target));
        if (!reached.isEmpty()) {
          addReached(event, reached);
        }
      }
    }
  }

  /** Where each started action of an experiment reached, in the order they started. */
  synchronized List<FaultReach> reach(String experimentId) {
    Map<String, FaultReach> actions = reaches.get(experimentId);
    return actions == null ? List.of() : List.copyOf(actions.values());
  }

  /** Where the actions of every experiment since the last reset reached. */
  synchronized List<FaultReach> reaches() {
    List<FaultReach> all = new ArrayList<>();
    reaches.values().forEach(actions -> all.addAll(actions.values()));
    return all;
  }

  /** Ends every host effect and forgets running actions and reaches. */
  synchronized void reset() {
    hostEffects.stopAll();
    runningActions.clear();
    reaches.clear();
  }

  /** Ends every host effect and the recovery scheduler. */
  synchronized void close() {
    runningActions.clear();
    try {
      hostEffects.close();
    } finally {
      if (recoveries != null) {
        recoveries.shutdownNow();
      }
    }
  }

  /** Reads the action's effect and its reach; switches the fault on when {@code inject}. */
  private FaultReach classify(ActionEvent event, boolean inject) {
    String actionKey;
    try {
      actionKey = ActionFaults.key(event);
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    }
    if (HostEffects.actions().contains(actionKey)) {
      return host(event, actionKey, inject);
    }
    Optional<String> document = ActionFaults.ownDocument(event);
    if (document.isPresent()) {
      return declared(event, document.get(), inject);
    }
    Optional<ActionFaults.Injection> injection;
    try {
      injection = ActionFaults.of(event, timings.get());
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    }
    if (injection.isEmpty()) {
      UnfeltReasons.Unfelt unfelt =
          UnfeltReasons.withoutEffect(event, actionKey, ActionFaults.TABLE.containsKey(actionKey));
      return reach(event, unfelt.status(), List.of(), "", unfelt.reason(), unfelt.remedy());
    }
    List<String> reached;
    if (inject) {
      runningActions.put(key(event), event);
      reached = switchOn(event, injection.get(), targets);
    } else {
      reached =
          targets.stream().filter(injection.get().appliesTo()).map(LocalTarget::resource).toList();
    }
    if (reached.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.unreached(event, targetKind(event));
      return reach(
          event,
          unfelt.status(),
          reached,
          injection.get().fault().toString(),
          unfelt.reason(),
          unfelt.remedy());
    }
    return reach(
        event, FaultReach.Status.REACHED, reached, injection.get().fault().toString(), "", "");
  }

  /** A host-stress action: runs on this machine when the run opted in. */
  private FaultReach host(ActionEvent event, String actionKey, boolean inject) {
    HostEffects.Start start;
    try {
      start =
          hostEffects.start(
              key(event), actionKey, event.parameters(), timings.get().replacement(), inject);
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    } catch (IllegalStateException e) {
      return reach(
          event,
          FaultReach.Status.UNREACHED,
          List.of(),
          "",
          e.getMessage(),
          "see the emulator's output for why the host effect's process did not start");
    }
    if (start.felt()) {
      return reach(
          event, FaultReach.Status.REACHED, List.of(start.reached()), start.effect(), "", "");
    }
    return reach(
        event,
        start.optedIn() ? FaultReach.Status.UNREACHED : FaultReach.Status.NOT_FELT_LOCALLY,
        List.of(),
        start.effect(),
        start.reason(),
        start.remedy());
  }

  /** An action running a team's own document: its declared effects, or how to declare them. */
  private FaultReach declared(ActionEvent event, String document, boolean inject) {
    Optional<String> broken = documents.brokenDeclaration(document);
    if (broken.isPresent()) {
      return reach(
          event,
          FaultReach.Status.INVALID,
          List.of(),
          "",
          broken.get(),
          "correct the declaration file");
    }
    Optional<DocumentEffect> declaration = documents.find(document);
    if (declaration.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.undeclared(ActionFaults.key(event), document);
      return reach(event, unfelt.status(), List.of(), "", unfelt.reason(), unfelt.remedy());
    }
    List<String> problems = new ArrayList<>();
    List<ActionFaults.Injection> injections = new ArrayList<>();
    for (DocumentEffect.TargetEffect one : declaration.get().effects()) {
      String problem = DocumentEffects.problem(declaration.get(), one, targets);
      if (problem != null) {
        problems.add(problem);
      }
      injections.add(injection(one));
    }
    List<String> reached = new ArrayList<>();
    if (inject) {
      runningActions.put(key(event), event);
    }
    for (ActionFaults.Injection injection : injections) {
      reached.addAll(
          inject
              ? switchOn(event, injection, targets)
              : targets.stream().filter(injection.appliesTo()).map(LocalTarget::resource).toList());
    }
    String effect =
        "declared for "
            + document
            + ": "
            + declaration.get().effects().stream()
                .map(one -> one.fault() + " on " + one.target())
                .toList();
    if (!problems.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.declaredUnreached(problems);
      return reach(event, unfelt.status(), reached, effect, unfelt.reason(), unfelt.remedy());
    }
    return reach(event, FaultReach.Status.REACHED, reached, effect, "", "");
  }

  /** The injection of one declared effect: its fault, on its target only. */
  private static ActionFaults.Injection injection(DocumentEffect.TargetEffect one) {
    return new ActionFaults.Injection(
        ActionFaults.family(one.fault()),
        one.fault(),
        target ->
            target.resource().equals(one.target())
                && (target.kind() != LocalTarget.Kind.TCP_RESOURCE)
                    == (ActionFaults.family(one.fault()) == ActionFaults.Family.HTTP
                        || ActionFaults.family(one.fault()) == ActionFaults.Family.API_ERROR));
  }

  /** The injections of a running action, for a target registered while it runs. */
  private List<ActionFaults.Injection> injections(ActionEvent event) {
    Optional<String> document = ActionFaults.ownDocument(event);
    if (document.isPresent()) {
      return documents.find(document.get()).stream()
          .flatMap(declaration -> declaration.effects().stream())
          .map(FaultSwitchboard::injection)
          .toList();
    }
    return ActionFaults.of(event, timings.get()).stream().toList();
  }

  private List<String> switchOn(
      ActionEvent event, ActionFaults.Injection injection, List<LocalTarget> candidates) {
    List<String> reached = new ArrayList<>();
    for (LocalTarget target : candidates) {
      if (injection.appliesTo().test(target)) {
        target.switchOn(key(event), event.experimentId(), injection.fault());
        reached.add(target.resource());
        if (injection.fault() instanceof LocalFault.Down down && down.recovery() != null) {
          // The outage ends by itself: listen again once the recovery window has passed.
          recoveries()
              .schedule(
                  target::reconcile, down.recovery().toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
        }
      }
    }
    return reached;
  }

  private void addReached(ActionEvent event, List<String> reached) {
    Map<String, FaultReach> actions = reaches.get(event.experimentId());
    FaultReach before = actions == null ? null : actions.get(event.actionName());
    if (before == null) {
      return;
    }
    List<String> all = new ArrayList<>(before.localTargets());
    all.addAll(reached);
    actions.put(
        event.actionName(), reach(event, FaultReach.Status.REACHED, all, before.effect(), "", ""));
  }

  /**
   * The reach of an action whose parameters the emulator cannot apply, with the template to fix.
   */
  private static FaultReach invalid(ActionEvent event, IllegalArgumentException e) {
    return reach(
        event,
        FaultReach.Status.INVALID,
        List.of(),
        "",
        e.getMessage(),
        "correct the parameter in the template");
  }

  private static FaultReach reach(
      ActionEvent event,
      FaultReach.Status status,
      List<String> reached,
      String effect,
      String detail,
      String remedy) {
    return new FaultReach(
        event.api(),
        event.experimentId(),
        event.actionName(),
        event.actionType(),
        event.targets(),
        status,
        reached,
        effect,
        detail,
        remedy);
  }

  private ScheduledExecutorService recoveries() {
    if (recoveries == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "local-target-recoveries");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      recoveries = executor;
    }
    return recoveries;
  }

  /** The kind of target that would stand for the action's first target: it picks the scheme. */
  private static LocalTarget.Kind targetKind(ActionEvent event) {
    if (event.targets().isEmpty()) {
      return LocalTarget.Kind.TCP_RESOURCE;
    }
    try {
      return LocalTarget.Kind.of(ResourceIdentity.parse(event.targets().get(0)));
    } catch (IllegalArgumentException e) {
      // A subnet or a zone: what stands for it serves TCP.
      return LocalTarget.Kind.TCP_RESOURCE;
    }
  }

  private static String key(ActionEvent event) {
    return event.api() + "/" + event.experimentId() + "/" + event.actionName();
  }
}

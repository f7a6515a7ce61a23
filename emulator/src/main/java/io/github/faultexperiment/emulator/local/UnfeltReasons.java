package io.github.faultexperiment.emulator.local;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.util.List;
import java.util.Set;

/**
 * Why an action reaches no local target, and the concrete way to give it a local effect: the one
 * place these words are written. A test whose fault no local process feels passes without a fault,
 * so every reason comes with its remedy; a new way for an action to have no effect (a document
 * nobody declared, an effect that needs an opt-in) is a new case in {@link #withoutEffect}.
 */
final class UnfeltReasons {
  /** Actions that harm nothing: they need no local target. */
  static final Set<String> NOT_FAULTS = Set.of("aws:fis:wait", "aws:cloudwatch:assert-alarm-state");

  /** SSM actions whose effect is whatever the document does, known only to its authors. */
  private static final String AUTOMATION = "aws:ssm:start-automation-execution";

  private static final String LISTED = "docs/local-faults.md lists the actions with a local effect";

  private UnfeltReasons() {}

  /**
   * Why an action has no local effect.
   *
   * @param status the status of the action
   * @param reason why it reached no local target
   * @param remedy how to give it a local effect, or empty for an action that is not a fault
   */
  record Unfelt(FaultReach.Status status, String reason, String remedy) {}

  /**
   * Why an action with no local fault for these parameters is not felt.
   *
   * @param event the action
   * @param key the action's table key ({@link ActionFaults#key(ActionEvent)})
   * @param inTable whether the table holds the action (its parameters then chose no effect)
   */
  static Unfelt withoutEffect(ActionEvent event, String key, boolean inTable) {
    if (NOT_FAULTS.contains(key)) {
      return new Unfelt(
          FaultReach.Status.NOT_A_FAULT, key + " harms nothing: it needs no local target", "");
    }
    if (key.equals(AUTOMATION)
        || (key.startsWith(ActionFaults.SEND_COMMAND + "/")
            && !key.startsWith(ActionFaults.SEND_COMMAND + "/AWSFIS-"))) {
      return undeclared(
          key,
          key.equals(AUTOMATION)
              ? name(event.parameters().get("documentArn"))
              : key.substring(key.indexOf('/') + 1));
    }
    if (ActionFaults.NOT_FELT_LOCALLY.contains(key)) {
      return new Unfelt(
          FaultReach.Status.NOT_FELT_LOCALLY,
          key
              + " acts inside the cloud resource or the control plane; no local process can feel it",
          "no local effect exists for it: a test that needs the harm offline can add an action"
              + " with a local effect on the same dependency; "
              + LISTED);
    }
    if (inTable) {
      return new Unfelt(
          FaultReach.Status.NOT_FELT_LOCALLY,
          "these parameters of " + key + " leave TCP traffic alone (e.g. a UDP port)",
          "give it parameters that act on TCP (protocol tcp, scope all)");
    }
    return new Unfelt(
        FaultReach.Status.NO_LOCAL_EFFECT,
        "the emulator has no local effect for " + key,
        "use an action with a local effect in the test's template; " + LISTED);
  }

  /**
   * Why an action with a local effect reached nothing: no registered target stands for its targets.
   *
   * @param event the action
   * @param kind the kind of target that would stand for its first target
   */
  static Unfelt unreached(ActionEvent event, LocalTarget.Kind kind) {
    String target = event.targets().isEmpty() ? "RESOURCE" : event.targets().get(0);
    String upstream =
        kind == LocalTarget.Kind.TCP_RESOURCE ? "tcp://HOST:PORT" : "http://HOST:PORT";
    return new Unfelt(
        FaultReach.Status.UNREACHED,
        "no local target stands for "
            + (event.targets().isEmpty() ? "its targets" : String.join(", ", event.targets())),
        "register one in front of the service the test runs in its place, before the experiment"
            + " starts: emulator.localTargets().register(\""
            + target
            + "\", URI.create(\""
            + upstream
            + "\")), POST /_emulator/local-targets {\"resource\": \""
            + target
            + "\", \"upstream\": \""
            + upstream
            + "\"}, or --local-target "
            + target
            + "="
            + upstream
            + (kind == LocalTarget.Kind.TCP_RESOURCE
                ? " (http://HOST:PORT for an HTTP service)"
                : ""));
  }

  /**
   * Why an action running a team's own SSM document that nobody declared has no local effect, and
   * the declaration to add.
   *
   * @param key the action's table key
   * @param document the document's name
   */
  static Unfelt undeclared(String key, String document) {
    return new Unfelt(
        FaultReach.Status.NO_LOCAL_EFFECT,
        key
            + " runs SSM document "
            + document
            + ", which is your own: only your team knows what it does, so the emulator applies"
            + " nothing",
        "declare its local effect once, in the emulator's terms: a file src/test/resources/"
            + DocumentEffectFiles.FOLDER
            + document
            + ".json holding {\"effects\": [{\"target\": \"ARN of a local target\", \"fault\":"
            + " \"outage\"}]} (faults: "
            + String.join(", ", DeclaredFaults.KINDS.keySet())
            + "), emulator.localTargets().declare(DocumentEffect.of(\""
            + document
            + "\").on(ARN, fault)), POST /_emulator/document-effects or --document-effect FILE"
            + " (docs/local-faults.md#custom-ssm-documents)");
  }

  /**
   * Why a declared document's effect reaches no local target: a target it names is not registered,
   * or cannot apply its fault.
   *
   * @param problems what is wrong with each effect that cannot apply
   */
  static Unfelt declaredUnreached(List<String> problems) {
    return new Unfelt(
        FaultReach.Status.UNREACHED,
        String.join("; ", problems),
        "register each target the declaration names in front of the service the test runs in its"
            + " place, before the experiment starts (Endpoints in @BeforeEach,"
            + " emulator.localTargets().register(resource, upstream), POST /_emulator/local-targets"
            + " or --local-target)");
  }

  /** A document's name from its ARN ({@code arn:…:document/NAME}). */
  private static String name(Object documentArn) {
    String arn = String.valueOf(documentArn);
    return arn.substring(arn.lastIndexOf('/') + 1);
  }
}

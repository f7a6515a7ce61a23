package io.github.faultexperiment.emulator.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared local effects of a team's own SSM documents, by document name, and the declaration
 * files that could not be read (so only the experiments running that document fail, with the file's
 * error).
 */
final class DocumentEffects {
  /** The prefix of AWS's own FIS documents, whose effect the emulator defines itself. */
  static final String AWS_FIS_PREFIX = "AWSFIS-";

  private final Map<String, DocumentEffect> declared = new LinkedHashMap<>();
  private final Map<String, String> broken = new LinkedHashMap<>();

  /**
   * Declares a document's effect, checking every target against those registered now.
   *
   * @param effect the declaration
   * @param registered the targets registered now
   * @throws IllegalArgumentException naming the target or fault that cannot be, and what can
   */
  synchronized void declare(DocumentEffect effect, List<LocalTarget> registered) {
    checkShape(effect);
    for (DocumentEffect.TargetEffect one : effect.effects()) {
      String problem = problem(effect, one, registered);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    put(effect);
  }

  /**
   * Declares a document's effect read from a file beside the embedded templates: its targets are
   * registered later (by the tests), so they are checked when an action runs the document.
   */
  synchronized void declareLater(DocumentEffect effect) {
    checkShape(effect);
    put(effect);
  }

  /** Records a declaration file that could not be read, under the document it names. */
  synchronized void broken(String document, String error) {
    declared.remove(document);
    broken.put(document, error);
  }

  synchronized Optional<DocumentEffect> find(String document) {
    return Optional.ofNullable(declared.get(document));
  }

  synchronized Optional<String> brokenDeclaration(String document) {
    return Optional.ofNullable(broken.get(document));
  }

  synchronized List<DocumentEffect> all() {
    return new ArrayList<>(declared.values());
  }

  synchronized boolean remove(String document) {
    boolean removed = broken.remove(document) != null;
    return declared.remove(DocumentEffect.name(document)) != null || removed;
  }

  /**
   * Why one declared effect cannot apply to the targets registered now, or {@code null} when it
   * can: the target is missing or of a kind the fault does not suit.
   */
  static String problem(
      DocumentEffect effect, DocumentEffect.TargetEffect one, List<LocalTarget> registered) {
    Optional<LocalTarget> target =
        registered.stream().filter(t -> t.resource().equals(one.target())).findFirst();
    if (target.isEmpty()) {
      return noTarget(effect, one, registered);
    }
    try {
      checkSuits(effect.document(), target.get(), one.fault());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private void put(DocumentEffect effect) {
    broken.remove(effect.document());
    declared.put(effect.document(), effect);
  }

  private static void checkShape(DocumentEffect effect) {
    if (effect.document().startsWith(AWS_FIS_PREFIX)) {
      throw new IllegalArgumentException(
          "document "
              + effect.document()
              + " is one of AWS's own FIS documents, whose local effect the emulator defines"
              + " (docs/local-faults.md); declare effects for your own documents only");
    }
    if (effect.effects().isEmpty()) {
      throw new IllegalArgumentException(
          "the declaration of "
              + effect.document()
              + " has no effect; add one: DocumentEffect.of(\""
              + effect.document()
              + "\").on(TARGET, FAULT), fault one of "
              + String.join(", ", DeclaredFaults.KINDS.keySet()));
    }
  }

  private static String noTarget(
      DocumentEffect effect, DocumentEffect.TargetEffect one, List<LocalTarget> registered) {
    return "the declaration of "
        + effect.document()
        + " names target "
        + one.target()
        + ", for which no local target is registered"
        + (registered == null
            ? ""
            : "; registered: " + registered.stream().map(LocalTarget::resource).toList())
        + ". Register it first (emulator.localTargets().register(resource, upstream), POST"
        + " /_emulator/local-targets, --local-target, or Endpoints before the experiment starts)";
  }

  /** HTTP faults need an HTTP target, network faults a TCP one. */
  private static void checkSuits(String document, LocalTarget target, LocalFault fault) {
    boolean http = target.kind() != LocalTarget.Kind.TCP_RESOURCE;
    boolean httpFault =
        fault instanceof LocalFault.Delay
            || fault instanceof LocalFault.Abort
            || fault instanceof LocalFault.Respond
            || fault instanceof LocalFault.ApiError;
    if (http != httpFault) {
      throw new IllegalArgumentException(
          "the declaration of "
              + document
              + " puts "
              + fault
              + " on "
              + target.resource()
              + ", a "
              + (http ? "HTTP" : "TCP")
              + " target; faults for it: "
              + (http
                  ? "http-delay, http-abort, api-error"
                  : "latency, packet-loss, outage, blackhole"));
    }
  }
}

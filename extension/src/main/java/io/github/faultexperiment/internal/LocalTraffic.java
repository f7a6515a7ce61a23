package io.github.faultexperiment.internal;

import io.github.faultexperiment.Provider;
import io.github.faultexperiment.report.LocalTargetTraffic;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local traffic an experiment saw: each local target's counters at the confirmed end minus
 * those at the start, for the targets the experiment's actions address. Which those are is read
 * from the experiment as the service describes it — FIS targets' {@code resourceArns}, Fault
 * Testing's {@code effectiveAction.l7LbHttpFault.forwardingRule}; when that does not tell (FIS
 * targets selected by tags or filters), every registered target is listed. Not public API.
 */
final class LocalTraffic {
  private static final String LAMBDA = "aws:lambda:function";

  private LocalTraffic() {}

  /**
   * The traffic between two readings.
   *
   * @param atStart the targets when the experiment started
   * @param atEnd the targets when it ended; targets registered meanwhile count from zero
   * @param provider the experiment's service
   * @param details the experiment's details, as its last snapshot has them
   * @return one entry per addressed target, in registration order
   */
  static List<LocalTargetTraffic> during(
      List<LocalTargetTraffic> atStart,
      List<LocalTargetTraffic> atEnd,
      Provider provider,
      Map<String, Object> details) {
    Map<String, LocalTargetTraffic> before =
        atStart.stream().collect(Collectors.toMap(LocalTargetTraffic::uri, Function.identity()));
    Optional<Set<String>> addressed = addressed(provider, details);
    return atEnd.stream()
        .filter(target -> addressed.map(names -> addresses(names, target)).orElse(true))
        .map(
            target ->
                new LocalTargetTraffic(
                    target.kind(),
                    target.resource(),
                    target.uri(),
                    target
                        .counters()
                        .since(
                            before.containsKey(target.uri())
                                ? before.get(target.uri()).counters()
                                : LocalTargetTraffic.Counters.NONE)))
        .toList();
  }

  /** The resources the experiment addresses, or empty when its details do not tell. */
  static Optional<Set<String>> addressed(Provider provider, Map<String, Object> details) {
    return provider == Provider.AWS ? fisTargets(details) : faultTestingAction(details);
  }

  /** Lambda targets by ARN only; one selected by tags or filters could be any function. */
  private static Optional<Set<String>> fisTargets(Map<String, Object> details) {
    if (!(details.get("targets") instanceof Map<?, ?> targets)) {
      return Optional.empty();
    }
    Set<String> arns = new HashSet<>();
    for (Object value : targets.values()) {
      if (!(value instanceof Map<?, ?> target)) {
        return Optional.empty();
      }
      Object type = target.get("resourceType");
      if (type != null && !LAMBDA.equals(type)) {
        continue;
      }
      if (!(target.get("resourceArns") instanceof List<?> resourceArns) || resourceArns.isEmpty()) {
        return Optional.empty();
      }
      resourceArns.forEach(arn -> arns.add(String.valueOf(arn)));
    }
    return Optional.of(arns);
  }

  /** An {@code l7LbHttpFault}'s forwarding rule; other actions address no local target. */
  private static Optional<Set<String>> faultTestingAction(Map<String, Object> details) {
    if (!(details.get("effectiveAction") instanceof Map<?, ?> action) || action.isEmpty()) {
      return Optional.empty();
    }
    if (action.get("l7LbHttpFault") instanceof Map<?, ?> fault
        && fault.get("forwardingRule") instanceof String rule) {
      int start = rule.indexOf("projects/");
      return Optional.of(Set.of(start < 0 ? rule : rule.substring(start)));
    }
    return Optional.of(Set.of());
  }

  /** A qualified ARN ({@code …:function:pricing:live}) addresses the function's target too. */
  private static boolean addresses(Set<String> names, LocalTargetTraffic target) {
    return names.stream()
        .anyMatch(
            name -> name.equals(target.resource()) || name.startsWith(target.resource() + ":"));
  }
}

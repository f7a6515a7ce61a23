package io.github.faultexperiment;

import io.github.faultexperiment.report.LocalTargetTraffic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local traffic an experiment saw: each local target's counters at the confirmed end minus
 * those at the start, for the targets the experiment's faults address (as its provider tells them);
 * when the provider does not tell (e.g. targets chosen by tags), every registered target is listed.
 * Not public API.
 */
final class LocalTraffic {
  private LocalTraffic() {}

  /**
   * The traffic between two readings.
   *
   * @param atStart the targets when the experiment started
   * @param atEnd the targets when it ended; targets registered meanwhile count from zero
   * @param addressed the resources the experiment's faults act on, when known
   * @return one entry per addressed target, in registration order
   */
  static List<LocalTargetTraffic> during(
      List<LocalTargetTraffic> atStart,
      List<LocalTargetTraffic> atEnd,
      Optional<List<String>> addressed) {
    Map<String, LocalTargetTraffic> before =
        atStart.stream().collect(Collectors.toMap(LocalTargetTraffic::uri, Function.identity()));
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

  /**
   * A name addresses a target by its resource, or a qualified form of it (a Lambda alias {@code
   * …:function:pricing:live}, a forwarding rule inside a longer URL).
   */
  private static boolean addresses(List<String> names, LocalTargetTraffic target) {
    return names.stream()
        .anyMatch(
            name ->
                name.equals(target.resource())
                    || name.startsWith(target.resource() + ":")
                    || name.endsWith("/" + target.resource()));
  }
}

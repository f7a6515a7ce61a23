package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.local.ActionFaults;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 13's {@code offline_fault_actions_covered}: of the actions a running process can feel —
 * every action of the emulated FIS catalogue (SSM {@code send-command} counted per document) and
 * every Fault Testing kind, less those {@code docs/local-faults.md} lists as not felt locally —
 * those the emulator gives a local effect.
 */
final class OfflineCoverage {
  private static final String CATALOGUE = "/io/github/faultexperiment/emulator/fis/catalogue.json";
  private static final String SEND_COMMAND = "aws:ssm:send-command";

  private OfflineCoverage() {}

  static void print() throws IOException {
    Set<String> withEffect = new TreeSet<>();
    ActionFaults.actionsByFamily().values().forEach(withEffect::addAll);
    Set<String> feelable = new TreeSet<>(withEffect);
    try (InputStream in = OfflineCoverage.class.getResourceAsStream(CATALOGUE)) {
      new ObjectMapper().readTree(in).path("actions").fieldNames().forEachRemaining(feelable::add);
    }
    feelable.remove(SEND_COMMAND);
    feelable.removeAll(ActionFaults.notFeltLocally());
    feelable.removeAll(ActionFaults.notFaults());
    Set<String> missing = new TreeSet<>(feelable);
    missing.removeAll(withEffect);
    Stats.note("feelable actions without a local effect " + List.copyOf(missing));
    Stats.print("offline_fault_actions_covered", feelable.size() - missing.size());
    Stats.print("offline_fault_actions_feelable", feelable.size());
    Stats.note(ActionFaults.notFeltLocally().size() + " actions listed as not felt locally");
  }
}

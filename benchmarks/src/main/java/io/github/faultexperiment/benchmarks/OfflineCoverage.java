package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.host.HostEffects;
import io.github.faultexperiment.emulator.local.ActionFaults;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of the reference a test feels offline, computed from the emulator's own tables.
 *
 * <p>{@code offline_actions_with_local_effect} / {@code offline_fault_actions_total}: of the fault
 * actions of the reference — every action of the emulated FIS catalogue (which holds the whole FIS
 * actions reference), less those that inject no fault ({@code aws:fis:wait}, {@code
 * aws:cloudwatch:assert-alarm-state}), with {@code aws:ssm:send-command} counted once per SSM
 * document the emulator knows, and every Fault Testing action kind — those the emulator gives a
 * local effect.
 *
 * <p>{@code offline_fault_actions_covered} / {@code offline_fault_actions_feelable}: the same, less
 * the actions listed as not felt locally, so every feelable action has an effect when both match.
 *
 * <p>Runs alone with {@code mvn -B -Pbench -pl benchmarks -am verify -DskipTests
 * -Dbench.main=io.github.faultexperiment.benchmarks.OfflineCoverage}.
 */
public final class OfflineCoverage {
  private static final String CATALOGUE = "/io/github/faultexperiment/emulator/fis/catalogue.json";
  private static final String SEND_COMMAND = "aws:ssm:send-command";
  private static final String START_AUTOMATION = "aws:ssm:start-automation-execution";

  private OfflineCoverage() {}

  /**
   * Prints the figures alone.
   *
   * @param args none
   * @throws IOException when the catalogue cannot be read
   */
  public static void main(String[] args) throws IOException {
    Stats.keepStandardOutputForFigures();
    print();
  }

  static void print() throws IOException {
    Set<String> withEffect = new TreeSet<>();
    ActionFaults.actionsByFamily().values().forEach(withEffect::addAll);
    // Stress inside the instance is felt on this machine when the run opts in to host effects, and
    // a team's own automation does what its declaration says.
    withEffect.addAll(HostEffects.actions());
    withEffect.add(START_AUTOMATION);
    Set<String> faultActions = new TreeSet<>();
    try (InputStream in = OfflineCoverage.class.getResourceAsStream(CATALOGUE)) {
      new ObjectMapper()
          .readTree(in)
          .path("actions")
          .fieldNames()
          .forEachRemaining(faultActions::add);
    }
    faultActions.remove(SEND_COMMAND);
    faultActions.removeAll(ActionFaults.notFaults());
    // The SSM documents and Fault Testing kinds the emulator knows, felt or not.
    withEffect.stream().filter(action -> !action.startsWith("aws:")).forEach(faultActions::add);
    withEffect.stream()
        .filter(action -> action.startsWith(SEND_COMMAND))
        .forEach(faultActions::add);
    ActionFaults.notFeltLocally().stream()
        .filter(action -> action.startsWith(SEND_COMMAND) || !action.startsWith("aws:"))
        .forEach(faultActions::add);

    Set<String> withoutEffect = new TreeSet<>(faultActions);
    withoutEffect.removeAll(withEffect);
    Stats.note("fault actions without a local effect " + List.copyOf(withoutEffect));
    Stats.print("offline_actions_with_local_effect", faultActions.size() - withoutEffect.size());
    Stats.print("offline_fault_actions_total", faultActions.size());

    Set<String> feelable = new TreeSet<>(faultActions);
    feelable.removeAll(ActionFaults.notFeltLocally());
    Set<String> missing = new TreeSet<>(feelable);
    missing.removeAll(withEffect);
    Stats.note("feelable actions without a local effect " + List.copyOf(missing));
    Stats.print("offline_fault_actions_covered", feelable.size() - missing.size());
    Stats.print("offline_fault_actions_feelable", feelable.size());
    Stats.note(ActionFaults.notFeltLocally().size() + " actions listed as not felt locally");
  }
}

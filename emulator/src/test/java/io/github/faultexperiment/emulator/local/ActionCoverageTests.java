package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every action the emulated FIS accepts is either given a local effect or listed as one no local
 * process can feel, and every FIS action with a local effect is one the emulated FIS accepts — so a
 * template of the documented actions never passes with no word about its faults, and no local
 * effect is unreachable through a real template.
 */
class ActionCoverageTests {
  private static Set<String> catalogue() throws IOException {
    try (InputStream in =
        ActionFaults.class.getResourceAsStream(
            "/io/github/faultexperiment/emulator/fis/catalogue.json")) {
      JsonNode actions = new ObjectMapper().readTree(in).path("actions");
      Set<String> ids = new HashSet<>();
      actions.fieldNames().forEachRemaining(ids::add);
      return ids;
    }
  }

  @Test
  void everyCataloguedActionHasALocalEffectOrIsListedAsNotFeltLocallyOrIsNoFault()
      throws IOException {
    Set<String> unclassified = new HashSet<>(catalogue());
    unclassified.removeAll(ActionFaults.TABLE.keySet());
    unclassified.removeAll(ActionFaults.notFeltLocally());
    unclassified.removeAll(ActionFaults.notFaults());
    // Stress inside the instance is felt on this machine when the run allows host effects.
    unclassified.removeAll(HostEffects.actions());
    // SSM documents are classified per document: AWS's own below, a team's own as it declares.
    unclassified.remove(ActionFaults.SEND_COMMAND);
    unclassified.remove(ActionFaults.START_AUTOMATION);

    assertThat(unclassified).isEmpty();
  }

  @Test
  void everyFisActionWithALocalEffectIsOneTheEmulatedFisAccepts() throws IOException {
    Set<String> fisActions =
        ActionFaults.TABLE.keySet().stream()
            .filter(id -> id.startsWith("aws:"))
            .map(
                id ->
                    id.startsWith(ActionFaults.SEND_COMMAND + "/") ? ActionFaults.SEND_COMMAND : id)
            .collect(Collectors.toSet());

    assertThat(catalogue()).containsAll(fisActions);
  }

  @Test
  void noActionIsBothFeltAndNotFelt() {
    assertThat(ActionFaults.TABLE.keySet())
        .doesNotContainAnyElementsOf(ActionFaults.notFeltLocally());
  }
}

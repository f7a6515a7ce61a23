package io.github.faultexperiment.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.spi.StartRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentIdsTests {
  private static final String VALID_ID = "[a-z0-9][a-z0-9-]{2,61}[a-z0-9]";

  private static StartRequest request(String key, String displayName) {
    return new StartRequest(
        key, "run-1", "[engine:junit-jupiter]/[class:X]", displayName, Map.of(), false);
  }

  @Test
  void readableTestNameAndHashOfTheKey() {
    String id = ExperimentIds.experimentId(request("key-1", "CheckoutTests.survivesAbort"));

    assertThat(id).matches(VALID_ID).startsWith("fx-checkouttests-survivesabort-").hasSize(41);
  }

  @Test
  void sameKeySameIdOtherKeyOtherId() {
    StartRequest first = request("key-1", "CheckoutTests.survivesAbort");

    assertThat(ExperimentIds.experimentId(first))
        .isEqualTo(ExperimentIds.experimentId(request("key-1", "CheckoutTests.survivesAbort")))
        .isNotEqualTo(ExperimentIds.experimentId(request("key-2", "CheckoutTests.survivesAbort")));
  }

  @Test
  void longAndOddNamesStayValid() {
    String longName = "A".repeat(200) + ".method(java.lang.String)--";

    assertThat(ExperimentIds.experimentId(request("k", longName)))
        .matches(VALID_ID)
        .hasSizeLessThanOrEqualTo(63);
    assertThat(ExperimentIds.experimentId(request("k", "Ünïcödé.--"))).matches(VALID_ID);
    assertThat(ExperimentIds.experimentId(request("k", ""))).matches(VALID_ID);
  }

  @Test
  void descriptionNamesRunAndTest() {
    assertThat(
            ExperimentIds.description(request("k", "CheckoutTests.survivesAbort"), "host/1/run-1"))
        .contains("CheckoutTests.survivesAbort", "run-1", "[engine:junit-jupiter]/[class:X]");
  }
}

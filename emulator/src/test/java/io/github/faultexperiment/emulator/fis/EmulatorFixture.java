package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.ResourceLock;

/** One embedded emulator per test class, reset with fast timings before each test. */
// The emulator is held in this class's static fields, which every subclass shares: one subclass at
// a
// time (the lock is inherited).
@ResourceLock("EmulatorFixture")
abstract class EmulatorFixture {
  static FaultEmulator emulator;
  static SignedHttp fis;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
    fis = SignedHttp.fis(emulator.endpoint());
  }

  @AfterAll
  static void closeEmulator() {
    emulator.close();
  }

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(50))
                .withStoppingToStopped(Duration.ofMillis(100))
                .withReport(Duration.ofMillis(50), Duration.ofMillis(50))
                // A template minute lasts 100 ms: PT1M, the shortest aws:fis:wait, is quick.
                .withTemplateMinute(Duration.ofMillis(100)));
  }

  static JsonNode awaitStatus(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> fis.get("/experiments/" + id).json().get("experiment"),
            experiment -> experiment.at("/state/status").asText().equals(status));
  }

  static String start(String templateId, String clientToken) {
    SignedHttp.Answer answer = startAnswer(templateId, clientToken, "");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().at("/experiment/id").asText();
  }

  static SignedHttp.Answer startAnswer(String templateId, String clientToken, String extra) {
    return fis.post(
        "/experiments",
        "{\"clientToken\":\""
            + clientToken
            + "\",\"experimentTemplateId\":\""
            + templateId
            + "\""
            + extra
            + "}");
  }

  static void assertError(SignedHttp.Answer answer, int status, String type, String messagePart) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.errorType()).isEqualTo(type);
    assertThat(answer.json().get("__type").asText()).isEqualTo(type);
    assertThat(answer.json().get("message").asText()).contains(messagePart);
    assertThat(answer.header("x-amzn-RequestId")).isNotBlank();
  }
}

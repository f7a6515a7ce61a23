package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.common.ApiFault;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FisSecurityAndFaultTests extends EmulatorFixture {

  @Test
  void unsignedRequestIsRefused() {
    assertError(
        fis.sendRaw("GET", "/experiments", null, Map.of()),
        403,
        "MissingAuthenticationTokenException",
        "Missing Authentication Token");
  }

  @Test
  void unknownAccessKeyIsRefused() {
    assertError(
        fis.withCredentials("AKIAUNKNOWN", "test").get("/experiments"),
        403,
        "UnrecognizedClientException",
        "AKIAUNKNOWN");
  }

  @Test
  void wrongSecretIsRefused() {
    assertError(
        fis.withCredentials("test", "wrong").get("/experiments"),
        403,
        "InvalidSignatureException",
        "signature");
  }

  @Test
  void tamperedRequestIsRefused() {
    var signed = fis.sign("GET", "/experiments?maxResults=5", null);
    var tampered =
        signed.toBuilder()
            .removeQueryParameter("maxResults")
            .putRawQueryParameter("maxResults", "6")
            .build();
    assertError(fis.sendSigned(tampered, null), 403, "InvalidSignatureException", "signature");
  }

  @Test
  void malformedAuthorizationIsRefused() {
    assertError(
        fis.sendRaw("GET", "/experiments", null, Map.of("Authorization", "Basic dGVzdDp0ZXN0")),
        400,
        "IncompleteSignatureException",
        "AWS4-HMAC-SHA256");
  }

  @Test
  void regionComesFromTheCredentialScope() {
    SignedHttp euWest = fis.withRegion("eu-west-1");
    String id =
        euWest
            .post(
                "/experimentTemplates",
                FisTemplateApiTests.withToken(Templates.waitFor("PT1M"), "eu"))
            .json()
            .at("/experimentTemplate/arn")
            .asText();
    assertThat(id).startsWith("arn:aws:fis:eu-west-1:123456789012:experiment-template/EXT");
  }

  @Test
  void unknownPathIsAnUnknownOperation() {
    assertError(fis.get("/nothing-here"), 404, "UnknownOperationException", "/nothing-here");
  }

  @Test
  void throttlingServerErrorAndUnavailabilityAreInjectedPerOperation() {
    emulator.fis().injectApiFault(ApiFault.times("ListExperiments", ApiFault.Kind.THROTTLE, 1));
    emulator.fis().injectApiFault(ApiFault.times("ListExperiments", ApiFault.Kind.SERVER_ERROR, 1));
    emulator.fis().injectApiFault(ApiFault.times("ListExperiments", ApiFault.Kind.UNAVAILABLE, 1));

    assertError(fis.get("/experiments"), 429, "ThrottlingException", "Rate exceeded");
    assertError(fis.get("/experiments"), 500, "InternalServerException", "ListExperiments");
    assertError(fis.get("/experiments"), 503, "ServiceUnavailableException", "ListExperiments");
    assertThat(fis.get("/experiments").status()).isEqualTo(200);
    assertThat(fis.get("/experimentTemplates").status()).isEqualTo(200);
    assertThat(emulator.fis().requestCount("ListExperiments")).isEqualTo(4);
  }

  @Test
  void latencyDelaysTheAnswer() {
    emulator
        .fis()
        .injectApiFault(new ApiFault("*", ApiFault.Kind.LATENCY, 1.0, Duration.ofMillis(300), 1));
    long before = System.nanoTime();

    assertThat(fis.get("/experiments").status()).isEqualTo(200);

    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void connectionResetDropsTheConnectionWithoutAnswer() {
    emulator
        .fis()
        .injectApiFault(ApiFault.always("StartExperiment", ApiFault.Kind.CONNECTION_RESET));
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT1M"));

    assertThatThrownBy(() -> startAnswer(templateId, "reset", ""))
        .isInstanceOf(UncheckedIOException.class);

    emulator.fis().clearApiFaults();
    assertThat(startAnswer(templateId, "reset2", "").status()).isEqualTo(200);
  }

  @Test
  void countersCountEachOperationUntilReset() {
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    String id = start(templateId, "count");
    fis.get("/experiments/" + id);
    fis.get("/experiments/" + id);

    assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(2);
    assertThat(emulator.fis().requestCount("StartExperiment")).isEqualTo(1);
    assertThat(emulator.fis().requestCounts()).containsEntry("GetExperiment", 2L);

    emulator.fis().resetCounters();
    assertThat(emulator.fis().requestCount("GetExperiment")).isZero();
  }
}

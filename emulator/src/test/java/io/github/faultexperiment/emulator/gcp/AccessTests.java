package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import org.junit.jupiter.api.Test;

class AccessTests {

  @Test
  void noCredentialsAreNeededButAMalformedAuthorizationHeaderIsRefused() {
    try (FaultEmulator emulator = FaultEmulator.builder().start()) {
      GoogleRest anonymous = new GoogleRest(emulator.endpoint());
      GoogleRest withToken = new GoogleRest(emulator.endpoint()).authorization("Bearer ya29.any");
      GoogleRest malformed =
          new GoogleRest(emulator.endpoint()).authorization("Basic dXNlcjpwYXNz");

      assertThat(anonymous.get(API + "/experiments").status()).isEqualTo(200);
      assertThat(withToken.get(API + "/experiments").status()).isEqualTo(200);
      Response refused = malformed.get(API + "/experiments");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.text("/error/status")).isEqualTo("UNAUTHENTICATED");
      assertThat(refused.text("/error/message")).contains("Bearer");
    }
  }

  @Test
  void aRequiredBearerTokenMustBeSentExactly() {
    try (FaultEmulator emulator = FaultEmulator.builder().requireGcpBearerToken("s3cret").start()) {
      Response missing = new GoogleRest(emulator.endpoint()).get(API + "/experiments");
      Response wrong =
          new GoogleRest(emulator.endpoint())
              .authorization("Bearer other")
              .get(API + "/experiments");
      Response right =
          new GoogleRest(emulator.endpoint())
              .authorization("Bearer s3cret")
              .get(API + "/experiments");

      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.text("/error/details/0/reason")).isEqualTo("CREDENTIALS_MISSING");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.text("/error/status")).isEqualTo("UNAUTHENTICATED");
      assertThat(right.status()).isEqualTo(200);
      assertThat(emulator.settings().toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void theTokenCanBeDemandedAtRunTimeAndResetRestoresTheStartSetting() {
    try (FaultEmulator emulator = FaultEmulator.builder().start()) {
      GoogleRest anonymous = new GoogleRest(emulator.endpoint());
      emulator.faultTesting().requireBearerToken("t");
      assertThat(anonymous.get(API + "/experiments").status()).isEqualTo(401);

      emulator.reset();

      assertThat(anonymous.get(API + "/experiments").status()).isEqualTo(200);
    }
  }

  @Test
  void aDeniedProjectGetsPermissionDeniedWithTheGivenMessage() {
    try (FaultEmulator emulator = FaultEmulator.builder().start()) {
      GoogleRest rest = new GoogleRest(emulator.endpoint());
      emulator
          .faultTesting()
          .denyProject(
              "test-project",
              "Project test-project is not on the Fault Injection Testing Preview allow-list.");

      Response denied = rest.get(API + "/experimentTemplates");

      assertThat(denied.status()).isEqualTo(403);
      assertThat(denied.text("/error/status")).isEqualTo("PERMISSION_DENIED");
      assertThat(denied.text("/error/message")).contains("allow-list");
      assertThat(denied.text("/error/details/0/metadata/project")).isEqualTo("test-project");
      assertThat(rest.get("/v1alpha/projects/other/locations/us-central1/experiments").status())
          .isEqualTo(200);
    }
  }
}

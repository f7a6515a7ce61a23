package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A team's own SSM document, declared in the emulator's terms")
class DocumentEffectTests {
  private static final String ORDERS = "arn:aws:rds:us-east-1:123456789012:cluster:orders";
  private static final String INSTANCE =
      "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";

  private final HttpClient http = HttpClient.newHttpClient();
  private final EchoUpstream database = new EchoUpstream();
  private final RecordingUpstream pricingUpstream = new RecordingUpstream();
  private FaultEmulator emulator;
  private SignedHttp fis;
  private LocalTarget orders;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(20))
                .withStoppingToStopped(Duration.ofMillis(20))
                .withTemplateMinute(Duration.ofSeconds(5)));
    fis = SignedHttp.fis(emulator.endpoint());
    orders = emulator.registerLocalTarget(ORDERS, database.uri());
  }

  @AfterEach
  void stop() throws IOException {
    emulator.close();
    database.close();
    pricingUpstream.close();
  }

  @Test
  void anUndeclaredAutomationReachesNothingAndNamesTheDeclarationToAdd() {
    String experiment = startAutomation("Orders-Region-Impairment", "PT1M");
    awaitStatus(experiment, "running");

    await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.faultReach(experiment).isEmpty());
    FaultReach reach = emulator.faultReach(experiment).get(0);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.NO_LOCAL_EFFECT);
    assertThat(reach.detail() + " " + reach.remedy())
        .contains(
            "Orders-Region-Impairment, which is your own",
            "fault-experiments/aws/ssm-documents/Orders-Region-Impairment.json",
            "DocumentEffect.of(\"Orders-Region-Impairment\")",
            "POST /_emulator/document-effects",
            "--document-effect");
    assertThat(orders.activeFaults()).isEmpty();
  }

  @Test
  void aDeclaredAutomationTakesItsTargetDownForTheActionsMaxDurationOnly() throws Exception {
    emulator.declare(
        DocumentEffect.of("Orders-Region-Impairment")
            .on(ORDERS, new LocalFault.Down("region-impairment", null)));
    try (TcpClient before = new TcpClient(orders, Duration.ofSeconds(2))) {
      assertThat(before.roundTrip("ping")).isEqualTo("ping");

      String experiment = startAutomation("Orders-Region-Impairment", "PT1M");
      awaitStatus(experiment, "running");

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> before.roundTrip("during"))
                      .isInstanceOf(IOException.class));
      assertThat(emulator.faultReach(experiment))
          .singleElement()
          .satisfies(
              reach -> {
                assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
                assertThat(reach.localTargets()).containsExactly(ORDERS);
                assertThat(reach.effect())
                    .contains("Orders-Region-Impairment", "region-impairment");
              });
      assertThat(orders.counters().aborted()).isPositive();

      // maxDuration PT1M is five seconds here: the automation ends by itself, and so does the
      // fault.
      awaitStatus(experiment, "completed");
      try (TcpClient after = new TcpClient(orders, Duration.ofSeconds(2))) {
        assertThat(after.roundTrip("pong")).isEqualTo("pong");
      }
    }
  }

  @Test
  void aCommandDocumentDeclaredOverHttpAbortsTheCallsOfItsHttpTarget() throws Exception {
    LocalTarget pricing =
        emulator.localTargets().lambda(Actions.PRICING_ARN, pricingUpstream.uri());
    HttpResponse<String> declared =
        post(
            "/_emulator/document-effects",
            """
            {"document": "arn:aws:ssm:us-east-1:123456789012:document/Pricing-Brownout",
             "effects": [{"target": "%s", "fault": "http-abort", "statusCode": 503}]}
            """
                .formatted(Actions.PRICING_ARN));
    assertThat(declared.statusCode()).isEqualTo(201);
    assertThat(declared.body()).contains("\"document\":\"Pricing-Brownout\"", "http-abort");

    String experiment = startCommand("Pricing-Brownout");
    awaitStatus(experiment, "running");

    await().atMost(Duration.ofSeconds(5)).until(() -> status(pricing.uri()) == 503);
    assertThat(pricingUpstream.received()).isEmpty();
    fis.delete("/experiments/" + experiment);
    awaitStatus(experiment, "stopped");
    assertThat(status(pricing.uri())).isEqualTo(201);
  }

  @Test
  void refusesADeclarationNamingATargetNotRegisteredAndSaysWhichAre() {
    assertThatThrownBy(
            () ->
                emulator.declare(
                    DocumentEffect.of("Carts-Failover")
                        .on(
                            "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:carts",
                            new LocalFault.Down("failover", null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicationgroup:carts")
        .hasMessageContaining("registered: [" + ORDERS + "]");
  }

  @Test
  void refusesAFaultKindThatDoesNotExistAndListsThoseThatDo() throws Exception {
    HttpResponse<String> refused =
        post(
            "/_emulator/document-effects",
            """
            {"document": "Orders-Meltdown", "effects": [{"target": "%s", "fault": "meltdown"}]}
            """
                .formatted(ORDERS));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains(
            "meltdown",
            "latency, packet-loss, outage, blackhole, http-delay, http-abort, api-error");
    assertThat(emulator.localTargets().documentEffects()).isEmpty();
  }

  @Test
  void refusesAFaultItsTargetCannotApplyAndAwsOwnDocuments() {
    assertThatThrownBy(
            () ->
                emulator.declare(
                    DocumentEffect.of("Orders-Throttle")
                        .on(
                            ORDERS,
                            new LocalFault.ApiError(
                                "dynamodb", Set.of(), LocalFault.ApiErrorKind.THROTTLE, 100))))
        .hasMessageContaining("a TCP target; faults for it: latency, packet-loss, outage");
    assertThatThrownBy(
            () ->
                emulator.declare(
                    DocumentEffect.of("AWSFIS-Run-CPU-Stress")
                        .on(ORDERS, new LocalFault.Down("x", null))))
        .hasMessageContaining("one of AWS's own FIS documents");
  }

  @Test
  void refusesAnUnknownFieldNamingTheValidOnes() {
    assertThatThrownBy(
            () ->
                emulator
                    .localTargets()
                    .declare(
                        """
                        {"document": "Orders-Slow", "effects": [{"target": "%s",
                          "fault": "latency", "delayMillis": 300}]}
                        """
                            .formatted(ORDERS)))
        .hasMessageContaining("has no field 'delayMillis'")
        .hasMessageContaining("valid: target, fault, delayMilliseconds, jitterMilliseconds");
  }

  @Test
  void readsTheDeclarationsBesideTheEmbeddedTemplatesAndKeepsABrokenFilesError() {
    List<String> declared =
        emulator.localTargets().declareFromClassPath(getClass().getClassLoader());

    assertThat(declared).containsExactly("Orders-Db-Failover");
    String good = startAutomation("Orders-Db-Failover", "PT10M");
    String broken = startAutomation("Broken-Automation", "PT10M");
    awaitStatus(good, "running");
    awaitStatus(broken, "running");
    await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.faultReach(broken).isEmpty());

    assertThat(emulator.faultReach(good).get(0).status()).isEqualTo(FaultReach.Status.REACHED);
    assertThat(orders.activeFaults()).contains(new LocalFault.Down("failover", null));
    FaultReach refused = emulator.faultReach(broken).get(0);
    assertThat(refused.status()).isEqualTo(FaultReach.Status.INVALID);
    assertThat(refused.detail()).contains("Broken-Automation.json", "meltdown", "outage");
  }

  @Test
  void aDeclaredTargetRegisteredAfterTheActionStartedFeelsItFromThen() throws Exception {
    emulator.localTargets().declareFromClassPath(getClass().getClassLoader());
    emulator.localTargets().remove(ORDERS);
    String experiment = startAutomation("Orders-Db-Failover", "PT1M");
    awaitStatus(experiment, "running");
    await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.faultReach(experiment).isEmpty());
    assertThat(emulator.faultReach(experiment).get(0).status())
        .isEqualTo(FaultReach.Status.UNREACHED);
    assertThat(emulator.faultReach(experiment).get(0).detail())
        .contains("no local target is registered", "Endpoints before the experiment starts");

    LocalTarget late = emulator.registerLocalTarget(ORDERS, database.uri());

    assertThat(late.activeFaults()).containsExactly(new LocalFault.Down("failover", null));
    assertThat(emulator.faultReach(experiment).get(0).status())
        .isEqualTo(FaultReach.Status.REACHED);
  }

  private String startAutomation(String document, String maxDuration) {
    return start(
        """
        {"description": "automation", "roleArn": "arn:aws:iam::123456789012:role/fis",
         "stopConditions": [{"source": "none"}], "targets": {},
         "actions": {"impair": {"actionId": "aws:ssm:start-automation-execution",
           "parameters": {"documentArn": "arn:aws:ssm:us-east-1:123456789012:document/%s",
                          "documentParameters": "{}", "maxDuration": "%s"}}}}
        """
            .formatted(document, maxDuration));
  }

  private String startCommand(String document) {
    emulator.registerLocalTarget(INSTANCE, database.uri());
    return start(
        """
        {"description": "command", "roleArn": "arn:aws:iam::123456789012:role/fis",
         "stopConditions": [{"source": "none"}],
         "targets": {"hosts": {"resourceType": "aws:ec2:instance",
                               "resourceArns": ["%s"], "selectionMode": "ALL"}},
         "actions": {"brownout": {"actionId": "aws:ssm:send-command",
           "parameters": {"documentArn": "arn:aws:ssm:us-east-1:123456789012:document/%s",
                          "documentParameters": "{}", "duration": "PT10M"},
           "targets": {"Instances": "hosts"}}}}
        """
            .formatted(INSTANCE, document));
  }

  private String start(String template) {
    String id = emulator.fis().createTemplate(template);
    return fis.startExperiment(id);
  }

  private void awaitStatus(String experiment, String status) {
    fis.awaitExperimentStatus(experiment, status, Duration.ofSeconds(10));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(emulator.endpoint().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int status(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}

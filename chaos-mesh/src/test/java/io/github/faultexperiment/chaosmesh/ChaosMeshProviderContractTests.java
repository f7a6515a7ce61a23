package io.github.faultexperiment.chaosmesh;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.providertests.FaultProviderContract;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProviderFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * The provider contract on Chaos Mesh, against the emulator's Kubernetes API and Chaos Mesh
 * controller started as embedded mode starts it; the hooks use its {@code /_emulator/chaos-mesh/}
 * test controls.
 */
class ChaosMeshProviderContractTests extends FaultProviderContract {

  /** Two pods the template's selector picks (the backend is fresh for each test). */
  @BeforeEach
  void addPods() {
    for (String pod : new String[] {"checkout-1", "checkout-2"}) {
      sendToBackend(
          "POST",
          "/_emulator/chaos-mesh/pods",
          "{\"namespace\": \"default\", \"name\": \""
              + pod
              + "\", \"labels\": {\"app\": \"checkout\"}}");
    }
  }

  @Override
  protected FaultProviderFactory factory() {
    return new ChaosMeshProviderFactory();
  }

  /** Every checkout pod answers 300 ms late for ten minutes. */
  @Override
  protected String templateJson() {
    return """
        {
          "apiVersion": "chaos-mesh.org/v1alpha1",
          "kind": "NetworkChaos",
          "metadata": {"name": "provider-contract"},
          "spec": {
            "action": "delay",
            "mode": "all",
            "selector": {"labelSelectors": {"app": "checkout"}},
            "delay": {"latency": "300ms"},
            "duration": "10m"
          }
        }
        """;
  }

  /** Applying every record fails with the reason: a Failed Apply event on each record. */
  @Override
  protected void failExperiment(ExperimentSnapshot experiment, String reason) {
    ExperimentRef ref = ExperimentRef.parse(experiment.id());
    sendToBackend(
        "POST",
        "/_emulator/chaos-mesh/injectionFailures",
        "{\"namespace\": \""
            + ref.namespace()
            + "\", \"name\": \""
            + ref.name()
            + "\", \"message\": \""
            + reason
            + "\"}");
  }

  /**
   * RBAC refuses the test's service account the {@code create} verb on {@code chaos-mesh.org}: a
   * 403 {@code Forbidden} that is not a webhook's nor a quota's is access denied.
   */
  @Override
  protected CloudApiException.Reason refuseStarts() {
    sendToBackend(
        "POST",
        "/_emulator/chaos-mesh/createRefusals",
        "{\"user\": \"system:serviceaccount:default:chaos-tests\"}");
    return CloudApiException.Reason.ACCESS_DENIED;
  }
}

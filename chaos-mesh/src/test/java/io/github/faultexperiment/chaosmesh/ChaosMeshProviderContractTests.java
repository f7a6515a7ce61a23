package io.github.faultexperiment.chaosmesh;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.providertests.FaultProviderContract;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProviderFactory;
import org.junit.jupiter.api.Assumptions;
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
   * The emulator's Kubernetes API has no control yet that makes it refuse creates (an RBAC 403, a
   * ResourceQuota, a 429); the refusals the provider maps are tested in {@code
   * ChaosMeshSettingsTests} and, for the webhook's, in {@code ChaosMeshFaultProviderTests}.
   */
  @Override
  protected CloudApiException.Reason refuseStarts() {
    Assumptions.abort(
        "the emulator's Chaos Mesh has no control that refuses creates (RBAC, quota, throttling)");
    return CloudApiException.Reason.ACCESS_DENIED;
  }
}

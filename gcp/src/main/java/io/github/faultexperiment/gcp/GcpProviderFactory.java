package io.github.faultexperiment.gcp;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.TargetKey;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes the Google Cloud Fault Injection Testing provider; found by the core with {@link
 * java.util.ServiceLoader}. Not meant to be called by tests.
 */
@API(status = INTERNAL, since = "0.1")
public final class GcpProviderFactory implements FaultProviderFactory {
  /** Used by {@link java.util.ServiceLoader}. */
  public GcpProviderFactory() {}

  @Override
  public String id() {
    return GcpProperties.PROVIDER_ID;
  }

  @Override
  public String serviceName() {
    return "Google Cloud Fault Injection Testing";
  }

  @Override
  public FaultProvider create(ProviderContext context) {
    return GcpFaultProvider.create(context);
  }

  @Override
  public Optional<Set<TargetKey>> targetKeys(String templateJson) {
    return ActionTargets.ofFile(templateJson);
  }

  @Override
  public Optional<String> embeddedBackend() {
    return Optional.of("io.github.faultexperiment:fault-experiment-emulator");
  }
}

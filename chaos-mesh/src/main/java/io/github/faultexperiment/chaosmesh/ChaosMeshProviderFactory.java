package io.github.faultexperiment.chaosmesh;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.TargetKey;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes the Chaos Mesh provider; found by the core with {@link java.util.ServiceLoader}. Not meant
 * to be called by tests.
 */
@API(status = INTERNAL, since = "0.1")
public final class ChaosMeshProviderFactory implements FaultProviderFactory {
  /** Used by {@link java.util.ServiceLoader}. */
  public ChaosMeshProviderFactory() {}

  @Override
  public String id() {
    return ChaosMeshProperties.PROVIDER_ID;
  }

  @Override
  public String serviceName() {
    return "Chaos Mesh";
  }

  @Override
  public FaultProvider create(ProviderContext context) {
    return ChaosMeshFaultProvider.create(context);
  }

  @Override
  public Optional<Set<TargetKey>> targetKeys(String template) {
    return ChaosTargets.ofFile(template);
  }
}

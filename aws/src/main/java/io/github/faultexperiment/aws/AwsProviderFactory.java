package io.github.faultexperiment.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.TargetKey;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes the AWS Fault Injection Service provider; found by the core with {@link
 * java.util.ServiceLoader}. Not meant to be called by tests.
 */
@API(status = INTERNAL, since = "0.1")
public final class AwsProviderFactory implements FaultProviderFactory {
  /** Used by {@link java.util.ServiceLoader}. */
  public AwsProviderFactory() {}

  @Override
  public String id() {
    return AwsProperties.PROVIDER_ID;
  }

  @Override
  public String serviceName() {
    return "AWS Fault Injection Service";
  }

  @Override
  public FaultProvider create(ProviderContext context) {
    SdkLogging.settle();
    return AwsFaultProvider.create(context);
  }

  @Override
  public Optional<Set<TargetKey>> targetKeys(String templateJson) {
    return FisTargets.ofFile(templateJson);
  }

  @Override
  public Optional<String> embeddedBackend() {
    return Optional.of("io.github.faultexperiment:fault-experiment-emulator");
  }
}

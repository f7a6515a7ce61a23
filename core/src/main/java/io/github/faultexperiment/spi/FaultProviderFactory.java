package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes the {@link FaultProvider} of one fault-injection service; found with {@link
 * java.util.ServiceLoader}. A provider module lists its factory in {@code
 * META-INF/services/io.github.faultexperiment.spi.FaultProviderFactory}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface FaultProviderFactory {

  /**
   * The id users write in {@code @FaultExperiment(provider)} and {@code faultexperiment.provider}:
   * lower case, e.g. {@code aws}. Its embedded-mode templates live under {@code
   * fault-experiments/<id>/} on the test classpath.
   */
  String id();

  /** The service's name for messages, e.g. {@code AWS Fault Injection Service}. */
  String serviceName();

  /**
   * Creates the provider for one test run; validates the provider's configuration first and throws
   * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the setting that
   * is wrong.
   *
   * @param context the run's configuration and what the core decided for it
   * @return a provider ready to use, closed by the core when the run ends
   */
  FaultProvider create(ProviderContext context);

  /**
   * The artifact ({@code groupId:artifactId}) whose {@link EmbeddedBackendFactory} serves this
   * provider in embedded mode, named in the message when embedded mode finds no backend for it;
   * empty (the default) when the provider has no embedded backend and runs only against its
   * service.
   */
  default Optional<String> embeddedBackend() {
    return Optional.empty();
  }

  /**
   * What an embedded-mode template file ({@code fault-experiments/<id>/<name>.json}) targets, read
   * without any call, when tests are discovered: JUnit's scheduler then never runs two tests whose
   * templates share a target at once. Empty when the file does not tell (or cannot be read); the
   * core then locks the template itself.
   *
   * @param templateJson the file's content
   */
  default Optional<Set<TargetKey>> targetKeys(String templateJson) {
    return Optional.empty();
  }
}

package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.aws.AwsProviderFactory;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.gcp.GcpProviderFactory;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Embedded mode finds its backend with {@code ServiceLoader} (the emulator, on this module's test
 * classpath) and hands each provider the endpoint for its id; a provider no backend serves fails
 * before it is created, saying what to add.
 */
class EmbeddedBackendsTests {
  private static final Configuration CONFIGURATION = Configuration.of(Map.of(), Map.of());

  private EmbeddedBackends backends;

  @BeforeEach
  void start() {
    backends = EmbeddedBackends.start(getClass().getClassLoader(), CONFIGURATION);
  }

  @AfterEach
  void close() {
    backends.close();
  }

  @Test
  void theEmulatorServesBothProvidersAtItsOwnEndpoint() {
    FaultEmulator emulator =
        backends.parameter(FaultEmulator.class).map(FaultEmulator.class::cast).orElseThrow();

    assertThat(backends.endpoint(new AwsProviderFactory()).uri()).isEqualTo(emulator.endpoint());
    assertThat(backends.endpoint(new GcpProviderFactory()).uri()).isEqualTo(emulator.endpoint());
    assertThat(backends.endpoint(new AwsProviderFactory()).accessKeyId())
        .isEqualTo(emulator.settings().accessKeyId());
  }

  @Test
  void aProviderNoBackendServesFailsNamingItTheBackendsFoundAndWhatToAdd() {
    ProviderCache providers =
        new ProviderCache(CONFIGURATION, Optional.of(backends), getClass().getClassLoader());

    assertThatThrownBy(
            () -> providers.get(new ThirdParty(Optional.of("com.example:mesh-emulator"))))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "faultexperiment.emulator = embedded, but no embedded backend on the test classpath"
                + " serves provider 'mesh' (backends found: fault-experiment-emulator [aws, chaos-mesh, gcp]):"
                + " add the test dependency com.example:mesh-emulator (version from"
                + " io.github.faultexperiment:fault-experiment-bom), or unset"
                + " faultexperiment.emulator to run against Mesh Faults.");
    providers.close();
  }

  @Test
  void aProviderWithoutAnEmbeddedBackendSaysItRunsOnlyAgainstItsService() {
    ProviderCache providers =
        new ProviderCache(CONFIGURATION, Optional.of(backends), getClass().getClassLoader());

    assertThatThrownBy(() -> providers.get(new ThirdParty(Optional.empty())))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("serves provider 'mesh'")
        .hasMessageEndingWith(
            "provider 'mesh' has no embedded backend: unset faultexperiment.emulator to run its"
                + " experiments against Mesh Faults.");
    providers.close();
  }

  /** A third party's provider the emulator does not speak; never created here. */
  private record ThirdParty(Optional<String> embeddedBackend) implements FaultProviderFactory {
    @Override
    public String id() {
      return "mesh";
    }

    @Override
    public String serviceName() {
      return "Mesh Faults";
    }

    @Override
    public FaultProvider create(ProviderContext context) {
      throw new AssertionError("created although no embedded backend serves it");
    }
  }
}

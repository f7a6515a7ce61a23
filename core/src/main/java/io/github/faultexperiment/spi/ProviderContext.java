package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the core hands a {@link FaultProviderFactory} for one test run.
 *
 * @param configuration JUnit configuration parameters and environment variables
 * @param safety leases, sweep and quota settings of the run
 * @param owner who owns the experiments this JVM starts ({@code host/pid/run-…}): written on each
 *     experiment so a sweep can tell abandoned ones from this JVM's own
 * @param emulator where the {@link EmbeddedBackend} serving this provider answers in embedded mode,
 *     which the provider talks to instead of the cloud; empty in every other mode
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProviderContext(
    Configuration configuration,
    SafetySettings safety,
    String owner,
    Optional<EmulatorEndpoint> emulator) {}

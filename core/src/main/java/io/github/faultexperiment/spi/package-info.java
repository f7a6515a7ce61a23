/**
 * The provider SPI: what a fault-injection service's module implements so the provider-neutral
 * lifecycle can drive it, and the neutral values it answers with; and the embedded-backend SPI:
 * what a local stand-in for those services implements so embedded mode can run offline.
 *
 * <p>A provider module ships a {@link io.github.faultexperiment.spi.FaultProviderFactory} listed in
 * {@code META-INF/services/io.github.faultexperiment.spi.FaultProviderFactory}; the extension finds
 * it with {@link java.util.ServiceLoader} by its {@linkplain
 * io.github.faultexperiment.spi.FaultProviderFactory#id() id} ({@code aws}, {@code gcp}, …). Each
 * provider maps its service's own words — state names, error codes, detail keys — onto the neutral
 * values here ({@link io.github.faultexperiment.spi.Phase}, {@link
 * io.github.faultexperiment.spi.Outcome}, {@link
 * io.github.faultexperiment.CloudApiException.Reason}) inside its own module; the core never names
 * one.
 *
 * <p>An embedded backend (the emulator) ships an {@link
 * io.github.faultexperiment.spi.EmbeddedBackendFactory} listed in {@code
 * META-INF/services/io.github.faultexperiment.spi.EmbeddedBackendFactory}; in embedded mode the
 * extension starts it once per run and hands each provider the {@link
 * io.github.faultexperiment.spi.EmbeddedBackend#endpoint(String) endpoint} for its id. Every type
 * here is {@code @API(status = EXPERIMENTAL)}: it may change between minor versions while the SPIs
 * settle. Test code uses only {@link io.github.faultexperiment.spi.Phase} and {@link
 * io.github.faultexperiment.spi.Outcome}, which {@code ExperimentHandle} answers with.
 */
package io.github.faultexperiment.spi;

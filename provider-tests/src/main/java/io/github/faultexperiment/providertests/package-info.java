/**
 * The provider contract as a test kit: {@link
 * io.github.faultexperiment.providertests.FaultProviderContract} runs what the core relies on from
 * every {@link io.github.faultexperiment.spi.FaultProvider} against the provider's embedded
 * backend, in the provider's own build; {@link
 * io.github.faultexperiment.providertests.ProviderContexts} makes what the core hands a provider,
 * for a provider's own unit tests.
 */
package io.github.faultexperiment.providertests;

/**
 * The emulated Google Cloud Fault Testing API ({@code faulttesting.googleapis.com} v1alpha).
 *
 * <p>The classes by job; the FIS emulator ({@code fis}) uses the same names for the same jobs:
 *
 * <ul>
 *   <li>{@code FaultTestingEmulator}: the emulator and its test controls in Java (public);
 *   <li>{@code FaultTestingApi}: the service's methods on the wire;
 *   <li>{@code ControlApi}: the test controls over HTTP, under {@code /_emulator/gcp/};
 *   <li>{@code TemplateStore}: the store of experiment templates; {@code TemplateDefinition} the
 *       validated body of a template;
 *   <li>{@code ExperimentStore}: the store of experiments; {@code Experiment} one of them and its
 *       mutable state;
 *   <li>{@code ExperimentRunner}: moves experiments through their states over time, with the {@code
 *       FaultTestingTimings} (public);
 *   <li>{@code ActionEvents}: tells the action listeners (the local targets) when a fault goes live
 *       and when it ends;
 *   <li>{@code FaultTestingExperiment}: the read-only snapshot of an experiment that tests assert
 *       on (public);
 *   <li>{@code ApiFaults} and ({@code common}) {@code RequestCounters}: the faults a test injects
 *       into the API, and how often each method was called;
 *   <li>{@code ApiException}: an error answer; {@code Ids}: ids in the service's form; {@code Json}
 *       and {@code Page}: reading requests and writing answers, one page of a list at a time.
 * </ul>
 *
 * <p>What only Fault Testing has — locations, exclusion windows, validations (its dry run),
 * affected resources, list filters — has names of its own.
 */
package io.github.faultexperiment.emulator.gcp;

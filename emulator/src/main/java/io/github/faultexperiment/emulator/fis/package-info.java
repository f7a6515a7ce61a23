/**
 * The emulated AWS Fault Injection Service, with the S3 endpoint that serves its reports and STS.
 *
 * <p>The classes by job; the Fault Testing emulator ({@code gcp}) uses the same names for the same
 * jobs:
 *
 * <ul>
 *   <li>{@code FisEmulator}: the emulator and its test controls in Java (public);
 *   <li>{@code FisApi}: the service's operations on the wire ({@code AwsDispatcher} verifies and
 *       routes AWS requests to it, to S3 and to STS);
 *   <li>{@code ControlApi}: the test controls over HTTP, under {@code /_emulator/fis/};
 *   <li>{@code TemplateStore}: the store of templates; {@code Template} one of them; {@code
 *       TemplateDefinition} the validated body of a template;
 *   <li>{@code ExperimentStore}: the store of experiments; {@code Experiment} one of them and its
 *       mutable state;
 *   <li>{@code ExperimentRunner}: moves experiments through their states over time, with the {@code
 *       FisTimings} (public);
 *   <li>{@code ActionEvents}: tells the action listeners (the local targets) when an action starts
 *       and ends;
 *   <li>{@code FisExperiment}: the read-only snapshot of an experiment that tests assert on
 *       (public);
 *   <li>{@code ApiFaults} and ({@code common}) {@code RequestCounters}: the faults a test injects
 *       into the API, and how often each operation was called;
 *   <li>{@code ApiException}: an error answer; {@code Ids}: ids in the service's form; {@code Json}
 *       and {@code Page}: reading requests and writing answers, one page of a list at a time.
 * </ul>
 *
 * <p>What only FIS has — regions ({@code FisRegions}), the safety lever, target accounts, resolving
 * targets against registered resources, reports — has names of its own.
 */
package io.github.faultexperiment.emulator.fis;

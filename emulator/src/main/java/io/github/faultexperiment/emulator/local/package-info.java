/**
 * Local targets: loopback proxies that stand for cloud resources, so that an emulated experiment's
 * fault is felt by the application under test.
 *
 * <p>{@code LocalTargets} is the public registry that tests and the embedded backend call: register
 * and find targets, their counters, where each action reached. It listens to every emulated engine
 * and hands each action event to the package-private {@code FaultSwitchboard}, which reads the
 * action's effect ({@code ActionFaults}, a team's declared document or a host effect) and switches
 * it on and off in the targets it addresses. {@code RegistrationChecks} holds what a registration
 * must satisfy; {@code ActionParameters} what an action's parameters must.
 */
package io.github.faultexperiment.emulator.local;

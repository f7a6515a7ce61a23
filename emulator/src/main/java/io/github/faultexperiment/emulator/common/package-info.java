/**
 * What the emulated services and the local targets share: the API faults a test injects ({@link
 * io.github.faultexperiment.emulator.common.ApiFault}), the action events the state machines send
 * to the local targets, and the emulator's settings. Depends on no other package of the emulator,
 * so the emulator's packages form no cycle.
 */
package io.github.faultexperiment.emulator.common;

package io.github.faultexperiment.emulator.common;

/**
 * Told when an emulated experiment's action starts and stops injecting, so local fault effects
 * (loopback TCP and HTTP proxies) can follow it.
 */
public interface ActionListener {
  /**
   * The action has started injecting (FIS action {@code running}; Fault Testing {@code INJECTED}).
   */
  void actionStarted(ActionEvent event);

  /** The action has stopped injecting, whatever the reason. */
  void actionEnded(ActionEvent event);
}

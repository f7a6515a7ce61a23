package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Told when an emulated experiment's action starts and stops injecting, so local fault effects
 * (loopback TCP and HTTP proxies) can follow it.
 */
@API(status = INTERNAL, since = "0.1")
public interface ActionListener {
  /**
   * The action has started injecting (FIS action {@code running}; Fault Testing {@code INJECTED}).
   */
  void actionStarted(ActionEvent event);

  /** The action has stopped injecting, whatever the reason. */
  void actionEnded(ActionEvent event);
}

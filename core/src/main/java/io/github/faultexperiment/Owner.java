package io.github.faultexperiment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who owns the experiments this JVM starts: host, process id and run id, written on every
 * experiment (AWS tag {@code faultexperiment:owner}; GCP description) so a person can find the
 * machine and a sweep can tell its own run's experiments from abandoned ones. Not public API.
 */
final class Owner {
  /** {@code host/pid/run-…} of this JVM. */
  public static final String CURRENT =
      host() + "/" + ProcessHandle.current().pid() + "/" + TestIdentity.RUN_ID;

  private Owner() {}

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // Containers without a resolvable hostname still have a name in the environment.
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null ? "unknown-host" : fromEnvironment;
    }
  }
}

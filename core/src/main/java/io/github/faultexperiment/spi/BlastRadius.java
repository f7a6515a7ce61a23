package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What an experiment's faults reached, as the service resolved it: every resource its targets
 * resolved to and, for a multi-account experiment, the accounts it reached into. Not public API.
 *
 * @param targets the resolved targets, in the service's order
 * @param accounts the target accounts of a multi-account experiment; empty otherwise
 * @param note empty when complete; else why the list is missing or partial (e.g. {@code not
 *     available: <the service's error>}, or that the service names no resources)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BlastRadius(List<ResolvedTarget> targets, List<TargetAccount> accounts, String note) {
  /** Nothing known: the experiment never started, or the service tells nothing. */
  public static final BlastRadius NONE = new BlastRadius(List.of(), List.of(), "");

  public BlastRadius {
    targets = List.copyOf(targets);
    accounts = List.copyOf(accounts);
    note = note == null ? "" : note;
  }

  /** A blast radius that could not be read, with why. */
  public static BlastRadius unavailable(String why) {
    return new BlastRadius(List.of(), List.of(), "not available: " + why);
  }
}

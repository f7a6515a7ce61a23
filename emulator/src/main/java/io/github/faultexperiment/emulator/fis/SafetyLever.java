package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * A region's safety lever, as AWS documents it: one per account and region, with the id {@code
 * default}, disengaged until someone engages it. While engaged, experiments already under way are
 * stopped and new ones end {@code cancelled}.
 */
final class SafetyLever {
  static final String ID = "default";
  static final String DISENGAGED = "disengaged";
  static final String ENGAGED = "engaged";
  static final String ENGAGING = "engaging";

  private boolean engaged;
  private String reason = "The safety lever has never been engaged.";

  /** Whether it is engaged; experiments started now end {@code cancelled}. */
  synchronized boolean engaged() {
    return engaged;
  }

  synchronized String reason() {
    return reason;
  }

  /**
   * Moves the lever.
   *
   * @param status {@code engaged} or {@code disengaged}
   * @param newReason why
   * @param regionExperiments the region's experiments, which tell whether it is still engaging
   * @throws ApiException ValidationException for another status; ConflictException while it is
   *     engaging (AWS: it "cannot be changed while in this state") or already in that state
   */
  void update(String status, String newReason, Collection<Experiment> regionExperiments) {
    if (!status.equals(ENGAGED) && !status.equals(DISENGAGED)) {
      throw ApiException.constraint(
          status, "state.status", "Member must satisfy enum value set: [disengaged, engaged]");
    }
    // Experiments are read before taking the lever's lock: the runner holds an experiment's lock
    // when it asks the lever, so the two locks are never taken in the other order.
    boolean ending = ending(regionExperiments);
    synchronized (this) {
      apply(status, newReason, ending);
    }
  }

  /** Caller holds the lever's lock. */
  private void apply(String status, String newReason, boolean ending) {
    if (status(ending).equals(ENGAGING)) {
      throw ApiException.conflict(
          "The safety lever "
              + ID
              + " is engaging: experiments it stopped are still stopping, and it cannot be"
              + " changed until they have; try again shortly");
    }
    boolean engage = status.equals(ENGAGED);
    if (engage == engaged) {
      throw ApiException.conflict(
          "The safety lever "
              + ID
              + " is already "
              + status
              + "; its reason stays '"
              + reason
              + "'");
    }
    engaged = engage;
    reason = newReason;
  }

  /**
   * The {@code SafetyLever} shape. The status is {@code engaging} while experiments it stopped are
   * still ending.
   */
  ObjectNode toJson(String arnPrefix, Collection<Experiment> regionExperiments) {
    boolean ending = ending(regionExperiments);
    ObjectNode json = Json.object();
    json.put("id", ID);
    json.put("arn", arnPrefix + "safety-lever/" + ID);
    ObjectNode state = json.putObject("state");
    synchronized (this) {
      state.put("status", status(ending));
      state.put("reason", reason);
    }
    return json;
  }

  /** {@code engaging} while engaged and experiments it stopped are still ending. */
  private String status(boolean ending) {
    if (!engaged) {
      return DISENGAGED;
    }
    return ending ? ENGAGING : ENGAGED;
  }

  /**
   * Whether an experiment that was under way is still ending (one started while the lever is
   * engaged is {@code pending} until it is cancelled, and does not count).
   */
  private static boolean ending(Collection<Experiment> regionExperiments) {
    return regionExperiments.stream()
        .anyMatch(
            experiment ->
                experiment.active() && !ExperimentStatus.PENDING.equals(experiment.status()));
  }
}

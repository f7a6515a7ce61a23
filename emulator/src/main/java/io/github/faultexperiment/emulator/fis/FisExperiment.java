package io.github.faultexperiment.emulator.fis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A snapshot of one emulated experiment, for tests that check what the emulator saw (e.g. that
 * nothing is left running).
 *
 * @param id the experiment id ({@code EXP…})
 * @param templateId the template it was started from
 * @param state the experiment's status ({@code pending}, {@code running}, {@code stopped}, …)
 * @param reason the status reason
 * @param tags the experiment's tags
 * @param actions the actions in template order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FisExperiment(
    String id,
    String templateId,
    String state,
    String reason,
    Map<String, String> tags,
    List<FisAction> actions) {
  /** Copies the collections. */
  public FisExperiment {
    tags = Map.copyOf(tags);
    actions = List.copyOf(actions);
  }

  /** Whether the experiment has not reached a final state yet. */
  public boolean active() {
    return ExperimentStatus.isActive(state);
  }

  /**
   * One action of a {@link FisExperiment}.
   *
   * @param name the action's key in the template
   * @param actionId the FIS action, e.g. {@code aws:fis:wait}
   * @param state the action's status
   * @param targets the resolved target ARNs
   */
  public record FisAction(String name, String actionId, String state, List<String> targets) {
    /** Copies the targets. */
    public FisAction {
      targets = List.copyOf(targets);
    }
  }
}

package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An action of an emulated experiment.
 *
 * @param api {@code fis} or {@code faulttesting}
 * @param experimentId the experiment's id
 * @param actionName the action's name (FIS: the key in {@code actions}; Fault Testing: the kind)
 * @param actionType FIS {@code actionId} (e.g. {@code aws:lambda:invocation-add-delay}) or the
 *     Fault Testing action kind (e.g. {@code l7LbHttpFault})
 * @param parameters FIS action parameters, or the Fault Testing action's JSON fields
 * @param targets the resolved targets (FIS resource ARNs; Fault Testing resource names, e.g. the
 *     forwarding rule)
 */
@API(status = INTERNAL, since = "0.1")
public record ActionEvent(
    String api,
    String experimentId,
    String actionName,
    String actionType,
    Map<String, Object> parameters,
    List<String> targets) {
  public ActionEvent {
    parameters = Map.copyOf(parameters);
    targets = List.copyOf(targets);
  }
}

package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * ListExperimentResolvedTargets: one {@code ResolvedTarget} per resource each target resolved to,
 * in template order, optionally only those of one {@code targetName}. Empty until the experiment
 * has resolved its targets.
 */
final class ResolvedTargets {
  private ResolvedTargets() {}

  static ObjectNode list(Experiment experiment, AwsRequest request) {
    String targetName = request.queryParameter("targetName");
    List<ObjectNode> items = new ArrayList<>();
    synchronized (experiment) {
      if (targetName != null && !experiment.definition.path("targets").has(targetName)) {
        List<String> names = new ArrayList<>();
        experiment.definition.path("targets").fieldNames().forEachRemaining(names::add);
        throw ApiException.validation(
            "Value '"
                + targetName
                + "' at 'targetName' is not a target of experiment "
                + experiment.id
                + "; its targets are "
                + names);
      }
      experiment.resolvedTargets.forEach(
          (name, arns) -> {
            if (targetName != null && !targetName.equals(name)) {
              return;
            }
            String resourceType =
                experiment.definition.path("targets").path(name).path("resourceType").asText();
            for (String arn : arns) {
              ObjectNode item = Json.object();
              item.put("resourceType", resourceType);
              item.put("targetName", name);
              item.putObject("targetInformation").put("arn", arn);
              items.add(item);
            }
          });
    }
    return FisApi.page(items, request, "resolvedTargets", item -> item);
  }
}

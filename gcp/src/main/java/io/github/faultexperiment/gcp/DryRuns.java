package io.github.faultexperiment.gcp;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.StartRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Dry runs on Fault Testing: the service's own validation of a template's action ({@code
 * projects.locations.validations}), which prepares and injects nothing and ends by itself with each
 * resource's state, message and error. No experiment is created, so nothing is stopped.
 */
final class DryRuns {
  private final FaultTestingClient client;
  private final String owner;
  // The validations started here, by short id: name and the template validated.
  private final ConcurrentMap<String, Started> started = new ConcurrentHashMap<>();

  private record Started(String name, String templateId) {}

  DryRuns(FaultTestingClient client, String owner) {
    this.client = client;
    this.owner = owner;
  }

  /** Validates the template's action; a retried create finds the validation it made. */
  ExperimentSnapshot start(ResolvedTemplate template, StartRequest request) {
    String parent = ResourceNames.parent(template.id());
    String validationId = ExperimentIds.experimentId(request);
    Validation validation;
    try {
      validation =
          client.createValidation(
              parent,
              validationId,
              new Validation.New(
                  ExperimentIds.displayName(request),
                  ExperimentIds.description(request, owner),
                  action(template)));
    } catch (CloudApiException e) {
      if (e.reason() != CloudApiException.Reason.CONFLICT) {
        throw e;
      }
      // A retried create whose first attempt got through: carry on with that validation.
      validation = client.getValidation(parent + "/validations/" + validationId);
    }
    started.put(validation.id(), new Started(validation.name(), template.id()));
    return Snapshots.of(validation, template.id(), resources(validation));
  }

  /** Whether the id is one of the validations started here. */
  boolean owns(String id) {
    return started.containsKey(id);
  }

  /** The validation as the service sees it now, with its resources once it has completed. */
  ExperimentSnapshot describe(String id) {
    Started validation = started.get(id);
    Validation now = client.getValidation(validation.name());
    return Snapshots.of(now, validation.templateId(), resources(now));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> action(ResolvedTemplate template) {
    return template.details().get("action") instanceof Map<?, ?> action
        ? (Map<String, Object>) action
        : Map.of();
  }

  private List<AffectedResource> resources(Validation validation) {
    if (validation.state() != State.COMPLETED) {
      return List.of();
    }
    return Page.all(page -> client.listValidationResources(validation.name(), page)).items();
  }
}

package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code validations} collection: the API's own dry run. A validation resolves the resources
 * its action addresses ({@code validationResources}), stays PREPARING for the emulator's {@code
 * preparing} timing, then is COMPLETED with each resource's verdict. It prepares and injects
 * nothing, and no exclusion window blocks it.
 */
final class Validations {
  private static final String PATH = "validation";
  private static final Set<String> FIELDS =
      Set.of("name", "displayName", "description", "action", "state", "createTime", "stopTime");

  /** Every field of a Validation; the reference names no subset, so all can be filtered on. */
  private static final Set<String> FILTERABLE =
      Set.of("name", "displayName", "description", "action", "state", "createTime", "stopTime");

  private static final Set<String> RESOURCE_FILTERABLE = ExperimentStore.RESOURCE_FILTERABLE;

  private final Locations locations;
  private final RejectedResources rejected;
  private final ScheduledExecutorService scheduler;
  private final Supplier<FaultTestingTimings> timings;
  private final Map<String, Validation> byName = new LinkedHashMap<>();
  private long sequence;

  Validations(
      Locations locations,
      RejectedResources rejected,
      ScheduledExecutorService scheduler,
      Supplier<FaultTestingTimings> timings) {
    this.locations = locations;
    this.rejected = rejected;
    this.scheduler = scheduler;
    this.timings = timings;
  }

  ObjectNode create(String parent, String validationId, JsonNode body) {
    String id = Ids.validationId(validationId);
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    String displayName = Fields.optionalString(fields, "displayName", PATH, 1000);
    String description = Fields.optionalString(fields, "description", PATH, 2000);
    ObjectNode action = ActionValidator.validate(fields.get("action"), PATH + ".action");
    String name = parent + "/validations/" + id;
    synchronized (this) {
      if (byName.containsKey(name)) {
        throw ApiException.alreadyExists(name);
      }
      Validation validation =
          new Validation(name, ++sequence, displayName, description, action, Clocks.now());
      byName.put(name, validation);
      validation.next =
          scheduler.schedule(
              () -> completed(validation),
              timings.get().preparing().toNanos(),
              TimeUnit.NANOSECONDS);
      return validation.toJson();
    }
  }

  synchronized ObjectNode get(String name) {
    return find(name).toJson();
  }

  /** Newest first, like {@code experiments.list}; one location or every one ({@code -}). */
  synchronized ObjectNode list(String parent, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, FILTERABLE);
    Locations.Scope scope = locations.scope(parent, "validations");
    List<ObjectNode> all =
        byName.values().stream()
            .filter(validation -> scope.covers(validation.name))
            .sorted(
                Comparator.comparing((Validation v) -> v.createTime)
                    .thenComparingLong(v -> v.sequence)
                    .reversed())
            .map(Validation::toJson)
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "validations", scope);
  }

  /**
   * Deletes a validation in any state (the reference names none it must be in); {@code force}
   * deletes its validation resources with it, as documented.
   */
  synchronized void delete(String name, boolean force) {
    Validation validation = find(name);
    ForcedDelete.check(name, validation.resources.size(), force, "validation resources");
    if (validation.next != null) {
      validation.next.cancel(false);
    }
    byName.remove(name);
  }

  synchronized ObjectNode listResources(
      String validationName, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, RESOURCE_FILTERABLE);
    Validation validation = find(validationName);
    List<ObjectNode> all =
        validation.resources.stream().map(validation::resourceJson).filter(matches).toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "validationResources");
  }

  synchronized ObjectNode getResource(String name) {
    Validation validation = find(name.substring(0, name.indexOf("/validationResources/")));
    return validation.resources.stream()
        .filter(resource -> resource.name.equals(name))
        .findFirst()
        .map(validation::resourceJson)
        .orElseThrow(() -> ApiException.notFound(name));
  }

  /** Forgets every validation; their pending ends are cancelled. */
  synchronized void reset() {
    byName.values().forEach(v -> v.next.cancel(false));
    byName.clear();
  }

  /** The end of the dry run: every resource gets its verdict, the validation is COMPLETED. */
  private synchronized void completed(Validation validation) {
    if (validation.state != State.PREPARING || byName.get(validation.name) != validation) {
      return;
    }
    for (AffectedResource resource : validation.resources) {
      rejected
          .reason(resource.target)
          .ifPresent(message -> resource.fail(State.PREPARING, message));
    }
    validation.state = State.COMPLETED;
    validation.stopTime = Clocks.now();
  }

  private Validation find(String name) {
    Validation validation = byName.get(name);
    if (validation == null) {
      throw ApiException.notFound(name);
    }
    return validation;
  }
}

package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which locations a test has made unreachable, and what that means for a call: one that names an
 * unreachable location is answered 503 UNAVAILABLE; a list over every location ({@code -}) leaves
 * out what such a location holds and names it in the answer's {@code unreachable} field, as the
 * list methods document. Also answers {@code locations.get} and {@code locations.list}.
 */
final class Locations {
  /**
   * The regions {@code locations.list} answers, with the console's names for them. The service
   * documents no list of its regions; every other method accepts any location.
   */
  private static final Map<String, String> REGIONS = new java.util.LinkedHashMap<>();

  static {
    REGIONS.put("asia-east1", "Taiwan");
    REGIONS.put("asia-northeast1", "Tokyo");
    REGIONS.put("asia-southeast1", "Singapore");
    REGIONS.put("australia-southeast1", "Sydney");
    REGIONS.put("europe-west1", "Belgium");
    REGIONS.put("europe-west2", "London");
    REGIONS.put("europe-west3", "Frankfurt");
    REGIONS.put("europe-west4", "Netherlands");
    REGIONS.put("us-central1", "Iowa");
    REGIONS.put("us-east1", "South Carolina");
    REGIONS.put("us-east4", "Northern Virginia");
    REGIONS.put("us-west1", "Oregon");
  }

  private static final Set<String> FILTERABLE = Set.of("name", "locationId", "displayName");
  private static final java.util.regex.Pattern LOCATION_ID =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

  /** Which names one list call covers, and which locations it could not reach. */
  record Scope(String prefix, List<String> unreachable) {
    /** Whether {@code name} is in the listed collection and its location was reached. */
    boolean covers(String name) {
      return name.startsWith(prefix)
          && unreachable.stream().noneMatch(location -> name.startsWith(location + "/"));
    }
  }

  /** {@code locations.get}: any well-formed location, as every other method accepts any. */
  ObjectNode get(String name) {
    String id = name.substring(name.lastIndexOf('/') + 1);
    if (!LOCATION_ID.matcher(id).matches()) {
      throw ApiException.notFound(name);
    }
    return locationJson(name, id);
  }

  /** {@code locations.list}: the emulator's regions, paged and filtered (AIP-160). */
  ObjectNode list(String project, String filter, String pageSize, String pageToken) {
    ListFilter matches = ListFilter.parse(filter, FILTERABLE);
    List<ObjectNode> all =
        REGIONS.keySet().stream()
            .map(id -> locationJson(project + "/locations/" + id, id))
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "locations");
  }

  private static ObjectNode locationJson(String name, String id) {
    ObjectNode location = Json.object();
    location.put("name", name);
    location.put("locationId", id);
    if (REGIONS.containsKey(id)) {
      location.put("displayName", REGIONS.get(id));
    }
    return location;
  }

  void makeUnreachable(String project, String location) {
    unreachable.add(location(project, location));
  }

  void reset() {
    unreachable.clear();
  }

  /** Answers 503 UNAVAILABLE for a call naming an unreachable location. */
  void checkReachable(String project, String location) {
    String name = location(project, location);
    if (unreachable.contains(name)) {
      throw new ApiException(
          RpcCode.UNAVAILABLE,
          "SERVICE_UNAVAILABLE",
          "Location '" + name + "' is unreachable (made so by the emulator); try again later.",
          Map.of("location", name),
          null);
    }
  }

  /**
   * The scope of a list of {@code collection} (e.g. {@code experiments}) under {@code parent}: one
   * location, or every location of the project when the location is {@code -}.
   */
  Scope scope(String parent, String collection) {
    if (!parent.endsWith("/locations/-")) {
      return new Scope(parent + "/" + collection + "/", List.of());
    }
    String project = parent.substring(0, parent.length() - "-".length());
    return new Scope(
        project, unreachable.stream().filter(name -> name.startsWith(project)).sorted().toList());
  }

  private static String location(String project, String location) {
    return "projects/" + project + "/locations/" + location;
  }
}

package io.github.faultexperiment.emulator.gcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which locations a test has made unreachable, and what that means for a call: one that names an
 * unreachable location is answered 503 UNAVAILABLE; a list over every location ({@code -}) leaves
 * out what such a location holds and names it in the answer's {@code unreachable} field, as the
 * list methods document.
 */
final class Locations {
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

  /** Which names one list call covers, and which locations it could not reach. */
  record Scope(String prefix, List<String> unreachable) {
    /** Whether {@code name} is in the listed collection and its location was reached. */
    boolean covers(String name) {
      return name.startsWith(prefix)
          && unreachable.stream().noneMatch(location -> name.startsWith(location + "/"));
    }
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
      throw new GoogleApiException(
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

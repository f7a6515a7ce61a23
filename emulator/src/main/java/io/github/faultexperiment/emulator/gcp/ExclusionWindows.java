package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code exclusionWindows} collection: periods during which no experiment may start in a
 * location. A window is created inactive; {@code :start} activates it for its {@code duration}
 * ({@code startTime} = now, {@code endTime} = now + duration) and {@code :stop} ends it early
 * ({@code endTime} = now). So a client tells from the resource alone whether a window is active now
 * — {@code startTime <= now < endTime} — and when it ends ({@code endTime}).
 */
final class ExclusionWindows {
  private static final String PATH = "exclusionWindow";
  private static final Set<String> FIELDS =
      Set.of("name", "description", "duration", "startTime", "endTime");
  private static final List<String> UPDATABLE = List.of("description", "duration");

  private final Map<String, Window> byName = new TreeMap<>();
  private final Locations locations;

  ExclusionWindows(Locations locations) {
    this.locations = locations;
  }

  private static final class Window {
    final String name;
    String description;
    Duration duration;
    Instant startTime;
    Instant endTime;

    Window(String name) {
      this.name = name;
    }

    boolean activeAt(Instant now) {
      return startTime != null && !now.isBefore(startTime) && now.isBefore(endTime);
    }

    ObjectNode toJson() {
      ObjectNode json = Json.object();
      json.put("name", name);
      if (description != null) {
        json.put("description", description);
      }
      json.put("duration", Json.formatDuration(duration));
      if (startTime != null) {
        json.put("startTime", Json.formatTimestamp(startTime));
        json.put("endTime", Json.formatTimestamp(endTime));
      }
      return json;
    }
  }

  synchronized ObjectNode create(String parent, String windowId, JsonNode body) {
    String id = Ids.exclusionWindowId(windowId);
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    String name = parent + "/exclusionWindows/" + id;
    if (byName.containsKey(name)) {
      throw ApiException.alreadyExists(name);
    }
    Window window = new Window(name);
    window.description = Fields.optionalString(fields, "description", PATH, 2000);
    window.duration = duration(fields);
    byName.put(name, window);
    return window.toJson();
  }

  synchronized ObjectNode get(String name) {
    return find(name).toJson();
  }

  /** Lists one location's windows, or every location's when the location is {@code -}. */
  synchronized ObjectNode list(String parent, String pageSize, String pageToken) {
    Locations.Scope scope = locations.scope(parent, "exclusionWindows");
    List<ObjectNode> all =
        byName.values().stream()
            .filter(window -> scope.covers(window.name))
            .map(Window::toJson)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "exclusionWindows", scope);
  }

  /**
   * Updates the fields {@code updateMask} names ({@code description}, {@code duration}, or {@code
   * *}); without a mask every field, as documented ("If the mask is not present, all fields will be
   * updated"): an absent {@code description} is cleared and {@code duration} must be given. A new
   * duration applies from the next {@code :start}; the {@code endTime} of a started window stays.
   */
  synchronized ObjectNode patch(String name, String updateMask, JsonNode body) {
    Window window = find(name);
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    List<String> paths =
        updateMask == null || updateMask.isBlank() || updateMask.trim().equals("*")
            ? UPDATABLE
            : List.of(updateMask.split(",")).stream().map(String::trim).toList();
    for (String path : paths) {
      if (!UPDATABLE.contains(path)) {
        throw ApiException.invalidArgument(
            "updateMask",
            "Invalid updateMask path '"
                + path
                + "': updatable fields are description, duration (or *).");
      }
    }
    // Validate everything before changing anything, so a refused patch leaves the window as it was.
    String description =
        paths.contains("description")
            ? Fields.optionalString(fields, "description", PATH, 2000)
            : window.description;
    Duration duration = paths.contains("duration") ? duration(fields) : window.duration;
    window.description = description;
    window.duration = duration;
    return window.toJson();
  }

  synchronized void delete(String name) {
    if (byName.remove(name) == null) {
      throw ApiException.notFound(name);
    }
  }

  /** Starts (or restarts) a window: active from now for its duration. */
  synchronized ObjectNode start(String name) {
    Window window = find(name);
    window.startTime = Clocks.now();
    window.endTime = window.startTime.plus(window.duration);
    return window.toJson();
  }

  /** Ends an active window now. */
  synchronized ObjectNode stop(String name) {
    Window window = find(name);
    Instant now = Clocks.now();
    if (!window.activeAt(now)) {
      throw ApiException.failedPrecondition(
          "EXCLUSION_WINDOW_NOT_ACTIVE",
          "Exclusion window '" + name + "' is not active; only an active window can be stopped.",
          name);
    }
    window.endTime = now;
    return window.toJson();
  }

  /** The name of a window active now in the given project and location, if any. */
  synchronized Optional<String> activeIn(String project, String location) {
    Instant now = Clocks.now();
    String prefix = "projects/" + project + "/locations/" + location + "/exclusionWindows/";
    return byName.values().stream()
        .filter(window -> window.name.startsWith(prefix) && window.activeAt(now))
        .map(window -> window.name)
        .findFirst();
  }

  synchronized void reset() {
    byName.clear();
  }

  private Window find(String name) {
    Window window = byName.get(name);
    if (window == null) {
      throw ApiException.notFound(name);
    }
    return window;
  }

  private static Duration duration(ObjectNode fields) {
    String text = Fields.requiredString(fields, "duration", PATH);
    Duration duration = Json.parseDuration(text, PATH + ".duration");
    if (duration.isNegative() || duration.isZero()) {
      throw ApiException.invalidArgument(
          PATH + ".duration",
          "Field '" + PATH + ".duration' must be a positive duration, was " + text + ".");
    }
    return duration;
  }
}

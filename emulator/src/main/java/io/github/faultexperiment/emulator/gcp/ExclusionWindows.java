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
 * region. A window is created inactive; {@code :start} activates it for its {@code duration} and
 * {@code :stop} ends it early.
 */
final class ExclusionWindows {
  private static final String PATH = "exclusionWindow";
  private static final Set<String> FIELDS =
      Set.of("name", "description", "duration", "startTime", "endTime");

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
    String id = ResourceIds.exclusionWindowId(windowId);
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    String name = parent + "/exclusionWindows/" + id;
    if (byName.containsKey(name)) {
      throw GoogleApiException.alreadyExists(name);
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

  /** Updates {@code description} and/or {@code duration} (all present ones without a mask). */
  synchronized ObjectNode patch(String name, String updateMask, JsonNode body) {
    Window window = find(name);
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    List<String> paths =
        updateMask == null || updateMask.isBlank()
            ? List.of("description", "duration").stream().filter(fields::has).toList()
            : List.of(updateMask.split(",")).stream().map(String::trim).toList();
    for (String path : paths) {
      switch (path) {
        case "description" ->
            window.description = Fields.optionalString(fields, "description", PATH, 2000);
        case "duration" -> window.duration = duration(fields);
        default ->
            throw GoogleApiException.invalidArgument(
                "updateMask",
                "Invalid updateMask path '"
                    + path
                    + "': updatable fields are description, duration.");
      }
    }
    return window.toJson();
  }

  synchronized void delete(String name) {
    if (byName.remove(name) == null) {
      throw GoogleApiException.notFound(name);
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
      throw GoogleApiException.failedPrecondition(
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
      throw GoogleApiException.notFound(name);
    }
    return window;
  }

  private static Duration duration(ObjectNode fields) {
    String text = Fields.requiredString(fields, "duration", PATH);
    Duration duration = Json.parseDuration(text, PATH + ".duration");
    if (duration.isNegative() || duration.isZero()) {
      throw GoogleApiException.invalidArgument(
          PATH + ".duration",
          "Field '" + PATH + ".duration' must be a positive duration, was " + text + ".");
    }
    return duration;
  }
}

package io.github.faultexperiment.gcp;

/**
 * A resource an experiment injects its fault into.
 *
 * @param name {@code …/experiments/{e}/affectedResources/{r}}
 * @param affectedResourceUri the resource's own URI
 * @param displayName the human name, or {@code null}
 * @param cloudConsoleUrl where to see it in the console, or {@code null}
 * @param state where the resource is in the experiment's life
 * @param stateMessage what the service says about that state, or {@code null}
 * @param error why the fault could not be injected or reverted on it, or {@code null}
 */
record AffectedResource(
    String name,
    String affectedResourceUri,
    String displayName,
    String cloudConsoleUrl,
    State state,
    String stateMessage,
    RpcStatus error) {
  AffectedResource {
    state = state == null ? State.STATE_UNSPECIFIED : state;
  }

  /** Whether the service reports that the fault failed on this resource. */
  boolean failed() {
    return error != null && error.isError();
  }

  /** The display name and the resource URI, whichever the service gave. */
  String label() {
    String uri = affectedResourceUri != null ? affectedResourceUri : name;
    if (displayName == null || displayName.isBlank() || displayName.equals(uri)) {
      return uri;
    }
    return displayName + " " + uri;
  }
}

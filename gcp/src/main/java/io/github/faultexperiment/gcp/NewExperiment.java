package io.github.faultexperiment.gcp;

/**
 * The body of an experiment create call.
 *
 * @param experimentTemplate the full name of the template (required)
 * @param displayName the human name, or {@code null}
 * @param description the description (at most 2000 characters), or {@code null}
 * @param startOnCreateEnabled {@code true} to inject as soon as prepared; {@code null} to leave the
 *     choice to the service (do not start)
 */
record NewExperiment(
    String experimentTemplate,
    String displayName,
    String description,
    Boolean startOnCreateEnabled) {}

package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A template file of embedded mode: {@code fault-experiments/<provider id>/<name>.json} (or {@code
 * .yaml}, {@code .yml}, for a provider that reads YAML) on the test classpath.
 *
 * @param name the file's name without its extension
 * @param location where it was found, for messages
 * @param json its content (YAML in a {@code .yaml} or {@code .yml} file)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EmbeddedTemplate(String name, String location, String json) {}

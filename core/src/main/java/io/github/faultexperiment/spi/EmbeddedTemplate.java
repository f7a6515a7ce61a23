package io.github.faultexperiment.spi;

/**
 * A template file of embedded mode: {@code fault-experiments/<provider id>/<name>.json} (or {@code
 * .yaml}, {@code .yml}, for a provider that reads YAML) on the test classpath.
 *
 * @param name the file's name without its extension
 * @param location where it was found, for messages
 * @param json its content (YAML in a {@code .yaml} or {@code .yml} file)
 */
public record EmbeddedTemplate(String name, String location, String json) {}

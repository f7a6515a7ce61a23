package io.github.faultexperiment.spi;

/**
 * A template file of embedded mode: {@code fault-experiments/<provider id>/<name>.json} on the test
 * classpath.
 *
 * @param name the file's name without {@code .json}
 * @param location where it was found, for messages
 * @param json its content
 */
public record EmbeddedTemplate(String name, String location, String json) {}

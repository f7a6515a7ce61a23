package io.github.faultexperiment.spi;

import java.nio.file.Path;

/**
 * A file to attach to the test's results.
 *
 * @param file where it was written
 * @param description what it is, for the report entry
 * @param mediaType e.g. {@code application/pdf}
 */
public record ReportArtifact(Path file, String description, String mediaType) {}

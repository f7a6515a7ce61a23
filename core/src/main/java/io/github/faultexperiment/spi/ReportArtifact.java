package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A file to attach to the test's results.
 *
 * @param file where it was written
 * @param description what it is, for the report entry
 * @param mediaType e.g. {@code application/pdf}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReportArtifact(Path file, String description, String mediaType) {}

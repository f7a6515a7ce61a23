package io.github.faultexperiment.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings that hold for the whole run rather than one annotation. Not public API.
 *
 * @param enabled whether chaos tests run at all
 * @param embedded whether to start the emulator in-process
 * @param reportDirectory where reports are written
 * @param awsReportTimeout how long to wait for the FIS report
 */
public record RunSettings(
    boolean enabled, boolean embedded, Path reportDirectory, Duration awsReportTimeout) {}

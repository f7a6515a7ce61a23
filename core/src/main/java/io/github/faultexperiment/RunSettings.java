package io.github.faultexperiment;

import java.nio.file.Path;

/**
 * Settings that hold for the whole run rather than one annotation. Not public API.
 *
 * @param enabled whether chaos tests run at all
 * @param embedded whether to start the emulator in-process
 * @param reportDirectory where reports are written
 */
record RunSettings(boolean enabled, boolean embedded, Path reportDirectory) {}

package io.github.faultexperiment.emulator.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Whether the emulator may act on the machine it runs on for FIS's host-stress actions (CPU,
 * memory, I/O, disk fill, process kill), and the bounds it keeps to. Off unless a run opts in:
 * these effects load the developer's machine.
 *
 * @param enabled whether host-stress actions get their effect; when off they reach nothing and say
 *     how to opt in
 * @param directory the only directory I/O stress and disk fill write in (their files are removed
 *     when the action ends), or {@code null}: those two actions then reach nothing
 * @param memoryCapBytes the most memory a memory stress holds, whatever share it asks for
 * @param diskCapBytes the most bytes a disk fill or I/O stress writes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HostEffectSettings(
    boolean enabled, Path directory, long memoryCapBytes, long diskCapBytes) {
  /** 512 MiB. */
  public static final long DEFAULT_MEMORY_CAP = 512L << 20;

  /** 256 MiB. */
  public static final long DEFAULT_DISK_CAP = 256L << 20;

  /** Checks the caps and the directory. */
  public HostEffectSettings {
    if (memoryCapBytes < (1 << 20) || diskCapBytes < (1 << 20)) {
      throw new IllegalArgumentException(
          "memoryCapBytes and diskCapBytes must be at least 1 MiB (1048576), were "
              + memoryCapBytes
              + " and "
              + diskCapBytes);
    }
    if (directory != null && !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "the host-effects directory must be an existing directory, was " + directory);
    }
  }

  /** Host-stress actions reach nothing. */
  public static HostEffectSettings off() {
    return new HostEffectSettings(false, null, DEFAULT_MEMORY_CAP, DEFAULT_DISK_CAP);
  }

  /** Host-stress actions get their effect; I/O stress and disk fill only in {@code directory}. */
  public static HostEffectSettings on(Path directory) {
    return new HostEffectSettings(true, directory, DEFAULT_MEMORY_CAP, DEFAULT_DISK_CAP);
  }

  /** The same settings with another memory cap. */
  public HostEffectSettings withMemoryCap(long bytes) {
    return new HostEffectSettings(enabled, directory, bytes, diskCapBytes);
  }

  /** The same settings with another disk cap. */
  public HostEffectSettings withDiskCap(long bytes) {
    return new HostEffectSettings(enabled, directory, memoryCapBytes, bytes);
  }
}

package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The run summary's shared state on disk, so that every fork of one run adds to one {@code
 * summary.json}: each JVM keeps its own part file under {@code <report dir>/.summary-parts/}, and
 * merges all parts of its run while holding a {@link FileLock} on that directory's lock file, which
 * serialises forks (other JVMs) as well as launchers of one JVM. Parts of other runs are never
 * merged; those whose JVM has ended are deleted. Not public API.
 */
@API(status = INTERNAL, since = "0.1")
public final class SummaryParts {
  private static final String DIRECTORY = ".summary-parts";
  private static final Object JVM_LOCK = new Object(); // a FileLock is held per JVM, not per thread
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SummaryParts() {}

  /**
   * What one JVM has contributed to a run.
   *
   * @param runId the run
   * @param pid the JVM's process id
   * @param jvmStart when that process started (with the pid, names the process uniquely)
   * @param open whether its launcher session may still add experiments
   * @param entries its entries so far
   */
  public record Part(
      String runId, long pid, Instant jvmStart, boolean open, List<RunSummary.Entry> entries) {

    boolean writerAlive() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(process -> process.info().startInstant())
          .map(start -> start.equals(jvmStart))
          .orElse(false);
    }
  }

  /**
   * The run as all its parts say it, at one moment.
   *
   * @param entries every entry of the run's parts
   * @param othersOpen whether another JVM of the run, still alive, may still add experiments
   */
  public record Merged(List<RunSummary.Entry> entries, boolean othersOpen) {}

  /**
   * Adds entries to this JVM's part of the run and calls {@code write} with the merged run, all
   * while holding the lock, so the summary written last is always the most complete one.
   *
   * @param root the report directory
   * @param runId the run
   * @param added this JVM's new entries
   * @param open whether this JVM may still add entries
   * @param write writes the summary from the merged run
   * @return what {@code write} returned
   * @throws IOException when the parts cannot be read or written
   */
  public static <T> T merge(
      Path root,
      String runId,
      List<RunSummary.Entry> added,
      boolean open,
      Function<Merged, T> write)
      throws IOException {
    Path directory = root.resolve(DIRECTORY);
    Files.createDirectories(directory);
    synchronized (JVM_LOCK) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        ProcessHandle self = ProcessHandle.current();
        Instant jvmStart = self.info().startInstant().orElse(Instant.EPOCH);
        Path own = directory.resolve(fileName(runId, self.pid(), jvmStart));
        List<RunSummary.Entry> entries = new ArrayList<>();
        read(own).ifPresent(part -> entries.addAll(part.entries()));
        entries.addAll(added);
        write(own, new Part(runId, self.pid(), jvmStart, open, entries));
        List<RunSummary.Entry> merged = new ArrayList<>();
        boolean othersOpen = false;
        for (Path file : parts(directory)) {
          Optional<Part> part = read(file);
          if (part.isEmpty()) {
            continue;
          }
          Part other = part.get();
          if (other.runId().equals(runId)) {
            merged.addAll(other.entries());
            othersOpen |= !file.equals(own) && other.open() && other.writerAlive();
          } else if (!other.writerAlive()) {
            Files.deleteIfExists(file); // an earlier run's: never merged, no longer needed
          }
        }
        return write.apply(new Merged(merged, othersOpen));
      }
    }
  }

  private static List<Path> parts(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
    }
  }

  /** One file per JVM and run (one JVM may serve two runs, e.g. launchers with their own id). */
  private static String fileName(String runId, long pid, Instant jvmStart) {
    String key = runId + "|" + pid + "|" + jvmStart;
    return pid + "-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + ".json";
  }

  /** A part, or nothing when it is gone or was cut short by a JVM that died writing it. */
  private static Optional<Part> read(Path file) {
    try {
      return Optional.of(MAPPER.readValue(file.toFile(), Part.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Written next to its place and moved there, so a reader never sees half a part. */
  private static void write(Path file, Part part) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    MAPPER.writeValue(temporary.toFile(), part);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

package io.github.faultexperiment.emulator.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM that carries one host effect, so the effect ends with its process: it exits when
 * told {@code stop}, when its stdin reaches end of file (the emulator's JVM exited, however it
 * died: the pipe closes with it) or when its parent process ends. Uses nothing but the JDK.
 *
 * <p>{@code cpu WORKERS PERCENT}, {@code memory BYTES}, {@code io DIRECTORY WORKERS BYTES}, {@code
 * fill DIRECTORY BYTES}, or {@code process COMMAND…} (then {@code kill TERM|KILL RESTART_MILLIS}
 * and {@code start} on stdin); several effects follow one another ({@code cpu 2 80 memory BYTES}, a
 * StressChaos with both stressors). Prints {@code ready} once the effects are on.
 */
final class StressChild {
  private static final int BLOCK = 1 << 20;
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final PrintStream OUT = System.out;

  private static volatile boolean stopping;
  private static final List<Path> files = new ArrayList<>();
  private static Process supervised;

  private StressChild() {}

  public static void main(String[] args) throws Exception {
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(StressChild::end));
    for (int i = 0; i < args.length; ) {
      String[] rest = Arrays.copyOfRange(args, i + 1, args.length);
      i +=
          switch (args[i]) {
            case "cpu" -> {
              cpu(Integer.parseInt(rest[0]), Double.parseDouble(rest[1]));
              yield 3;
            }
            case "memory" -> {
              memory(Long.parseLong(rest[0]));
              yield 2;
            }
            case "io" -> {
              io(Path.of(rest[0]), Integer.parseInt(rest[1]), Long.parseLong(rest[2]));
              yield 4;
            }
            case "fill" -> {
              fill(Path.of(rest[0]), Long.parseLong(rest[1]));
              yield 3;
            }
            case "process" -> {
              supervise(List.of(rest));
              yield args.length - i;
            }
            default -> throw new IllegalArgumentException("unknown effect " + args[i]);
          };
    }
    OUT.println("ready");
    OUT.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.equals("stop")) {
      if (line.startsWith("kill ")) {
        String[] words = line.split(" ");
        kill(words[1].equals("KILL"), Long.parseLong(words[2]));
      } else if (line.equals("start") && (supervised == null || !supervised.isAlive())) {
        start(supervisedCommand);
      }
    }
    end();
  }

  /** Ends the effect: stops the workers and the supervised process, removes the files. */
  private static synchronized void end() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (supervised != null) {
      supervised.descendants().forEach(ProcessHandle::destroyForcibly);
      supervised.destroyForcibly();
    }
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        System.err.println("could not remove " + file + ": " + e);
      }
    }
    Runtime.getRuntime().halt(0);
  }

  /** Each worker is busy for {@code percent} of every 100 ms and sleeps the rest. */
  private static void cpu(int workers, double percent) {
    long busy = (long) (SLICE_NANOS * percent / 100);
    for (int i = 0; i < workers; i++) {
      Thread worker =
          new Thread(
              () -> {
                long sink = 0;
                while (!stopping) {
                  long sliceStart = System.nanoTime();
                  while (System.nanoTime() - sliceStart < busy) {
                    sink += sliceStart ^ sink >>> 3;
                  }
                  long idle = SLICE_NANOS - (System.nanoTime() - sliceStart);
                  if (idle > 0) {
                    LockSupport.parkNanos(idle);
                  }
                }
                if (sink == 42) {
                  OUT.print("");
                }
              },
              "cpu-stress-" + i);
      worker.setDaemon(true);
      worker.start();
    }
  }

  private static final List<byte[]> held = new ArrayList<>();

  /** Holds {@code bytes} of heap, every page written so the machine really gives it. */
  private static void memory(long bytes) {
    for (long total = 0; total < bytes; total += BLOCK) {
      byte[] block = new byte[(int) Math.min(BLOCK, bytes - total)];
      for (int i = 0; i < block.length; i += 4096) {
        block[i] = 1;
      }
      held.add(block);
    }
  }

  /** Each worker writes its share, forces it to disk, reads it back, again and again. */
  private static void io(Path directory, int workers, long bytes) throws IOException {
    long each = Math.max(BLOCK, bytes / workers);
    for (int i = 0; i < workers; i++) {
      Path file = created(directory, "io-stress-" + i);
      Thread worker =
          new Thread(
              () -> {
                byte[] block = new byte[BLOCK];
                try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                  while (!stopping) {
                    out.seek(0);
                    for (long written = 0; written < each && !stopping; written += BLOCK) {
                      out.write(block);
                    }
                    out.getFD().sync();
                    out.seek(0);
                    while (!stopping && out.read(block) > 0) {
                      // reading is the stress
                    }
                  }
                } catch (IOException e) {
                  if (!stopping) {
                    System.err.println("io stress stopped: " + e);
                  }
                }
              },
              "io-stress-" + i);
      worker.setDaemon(true);
      worker.start();
    }
  }

  /** Writes {@code bytes} into one file and holds it. */
  private static void fill(Path directory, long bytes) throws IOException {
    Path file = created(directory, "disk-fill");
    byte[] block = new byte[BLOCK];
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      for (long written = 0; written < bytes; written += BLOCK) {
        out.write(block, 0, (int) Math.min(BLOCK, bytes - written));
      }
      out.getFD().sync();
    }
  }

  private static synchronized Path created(Path directory, String name) throws IOException {
    Path file =
        directory.resolve(
            "fault-experiment-" + name + "-" + ProcessHandle.current().pid() + ".bin");
    files.add(file);
    Files.deleteIfExists(file);
    return Files.createFile(file);
  }

  private static List<String> supervisedCommand;

  private static void supervise(List<String> command) throws IOException {
    supervisedCommand = command;
    start(command);
  }

  private static synchronized void start(List<String> command) throws IOException {
    if (stopping) {
      return;
    }
    supervised =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    OUT.println("pid " + supervised.pid());
    OUT.flush();
  }

  /** Kills the process as the signal says and starts it again after {@code restartMillis}. */
  private static void kill(boolean forcibly, long restartMillis) throws Exception {
    Process process = supervised;
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    process.onExit().get();
    OUT.println("killed " + process.pid() + " " + process.exitValue());
    OUT.flush();
    Thread restart =
        new Thread(
            () -> {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(restartMillis));
              try {
                if (supervised == process) {
                  start(supervisedCommand);
                }
              } catch (IOException e) {
                System.err.println("could not restart " + supervisedCommand + ": " + e);
              }
            },
            "restart");
    restart.setDaemon(true);
    restart.start();
  }
}

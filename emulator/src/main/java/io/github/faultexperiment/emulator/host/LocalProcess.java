package io.github.faultexperiment.emulator.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A dependency the emulator runs on this machine, by a name that FIS's kill-process actions use
 * ({@code AWSFIS-Run-Kill-Process}'s {@code ProcessName}, {@code aws:ecs:task-kill-process}'s
 * {@code processName}): while host effects are on, such an action kills it with its signal and the
 * emulator starts it again, as a service manager would. It ends with the emulator, or with the JVM
 * however that ends.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LocalProcess {
  private final String name;
  private final List<String> command;
  private final ChildProcess supervisor;
  private final AtomicLong pid = new AtomicLong(-1);
  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicInteger starts = new AtomicInteger();

  LocalProcess(String name, List<String> command) {
    this.name = name;
    this.command = List.copyOf(command);
    List<String> arguments = new java.util.ArrayList<>();
    arguments.add("process");
    arguments.addAll(command);
    this.supervisor = ChildProcess.start(arguments, 0, null, this::heard);
  }

  private void heard(String line) {
    if (line.startsWith("pid ")) {
      pid.set(Long.parseLong(line.substring(4).trim()));
      starts.incrementAndGet();
    } else if (line.startsWith("killed ")) {
      kills.incrementAndGet();
    }
  }

  /** The name kill-process actions use. */
  public String name() {
    return name;
  }

  /** The command that runs it. */
  public List<String> command() {
    return command;
  }

  /** The process id of the current run, or {@code -1} before it was first reported. */
  public long pid() {
    return pid.get();
  }

  /** How many times an action killed it. */
  public int kills() {
    return kills.get();
  }

  /** How many times it was started (once, plus once per restart). */
  public int starts() {
    return starts.get();
  }

  void kill(boolean forcibly, long restartMillis) {
    supervisor.send("kill " + (forcibly ? "KILL" : "TERM") + " " + restartMillis);
  }

  void ensureRunning() {
    if (supervisor.alive()) {
      supervisor.send("start");
    }
  }

  void close() {
    supervisor.close();
  }

  @Override
  public String toString() {
    return "LocalProcess[" + name + " " + command + " pid " + pid() + "]";
  }
}

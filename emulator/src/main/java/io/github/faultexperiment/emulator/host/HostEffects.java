package io.github.faultexperiment.emulator.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * FIS's host-stress actions felt on the machine that runs the application under test, which stands
 * for the instance, task or pod offline: {@code AWSFIS-Run-CPU-Stress}, {@code -Memory-Stress},
 * {@code -IO-Stress}, {@code -Disk-Fill}, {@code -Kill-Process} through {@code
 * aws:ssm:send-command}, and {@code aws:ecs:task-cpu-stress}, {@code -io-stress}, {@code
 * -kill-process}, {@code aws:eks:pod-cpu-stress}, {@code -memory-hog}, {@code -io-stress}, and
 * Chaos Mesh's StressChaos ({@code stressors.cpu}, {@code stressors.memory}) on the emulated
 * cluster's pods.
 *
 * <p>Each stress runs in a child JVM that ends when the action ends, when the experiment is stopped
 * or reset, when the emulator closes, and when this JVM exits however it exits (the child reads end
 * of file on its stdin and stops). Off unless {@link HostEffectSettings#enabled()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HostEffects implements AutoCloseable {
  private static final String HOST = "host";
  private static final String PROCESS = "process:";

  private volatile HostEffectSettings settings;
  private final Map<String, ChildProcess> running = new LinkedHashMap<>();
  private final Map<String, LocalProcess> processes = new LinkedHashMap<>();

  /** Effects under {@code settings}. */
  public HostEffects(HostEffectSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Whether an action has a host effect, and the result of starting it.
   *
   * @param felt whether its effect is on now
   * @param reached what it acts on ({@code host}, or the process's name), when felt
   * @param effect what it does, for reports
   * @param reason why it is not felt, when not
   * @param remedy how to make it felt, when not
   * @param optedIn whether host effects are on for this run
   */
  public record Start(
      boolean felt, String reached, String effect, String reason, String remedy, boolean optedIn) {}

  /**
   * Whether a reached resource of an action's reach is this machine ({@code host}) or one of its
   * local processes ({@code process:NAME}) rather than a local target.
   */
  public static boolean actsOnThisMachine(String reached) {
    return HOST.equals(reached) || reached.startsWith(PROCESS);
  }

  /** The action keys ({@code aws:ssm:send-command/DOCUMENT} for documents) with a host effect. */
  public static Set<String> actions() {
    return HostActions.KEYS;
  }

  /** The settings in force. */
  public HostEffectSettings settings() {
    return settings;
  }

  /** Applies {@code newSettings} to actions that start from now on. */
  public void settings(HostEffectSettings newSettings) {
    this.settings = Objects.requireNonNull(newSettings, "settings");
  }

  /**
   * Starts {@code command} as a local process named {@code name}, which kill-process actions kill
   * and the emulator starts again.
   *
   * @throws IllegalArgumentException when the name is taken or the command empty
   * @throws IllegalStateException when it cannot be started
   */
  public synchronized LocalProcess process(String name, List<String> command) {
    if (name == null || name.isBlank() || command == null || command.isEmpty()) {
      throw new IllegalArgumentException(
          "a local process needs a name (the ProcessName of kill-process actions) and a command,"
              + " e.g. process(\"redis-server\", List.of(\"redis-server\", \"--port\", \"6379\"))");
    }
    if (processes.containsKey(name)) {
      throw new IllegalArgumentException(
          "a local process named " + name + " already runs: " + processes.get(name));
    }
    LocalProcess process = new LocalProcess(name, command);
    processes.put(name, process);
    return process;
  }

  /** The registered local processes. */
  public synchronized List<LocalProcess> processes() {
    return new ArrayList<>(processes.values());
  }

  /** The local process named {@code name}, if registered. */
  public synchronized Optional<LocalProcess> process(String name) {
    return Optional.ofNullable(processes.get(name));
  }

  /**
   * Checks a host-stress action's parameters as its effect reads them, whether or not a run allows
   * host effects, so a template with an out-of-range value is refused when it is created.
   *
   * @throws IllegalArgumentException naming the parameter and what would be valid
   */
  public static void check(String key, Map<String, ?> parameters) {
    HostActions.read(key, parameters, HostEffectSettings.off());
  }

  /**
   * Checks an action's parameters without acting.
   *
   * @throws IllegalArgumentException naming the parameter and what would be valid
   */
  public void validate(String key, Map<String, ?> parameters) {
    HostActions.read(key, parameters, settings);
  }

  /**
   * What starting the action would do, or does: when {@code act}, its effect is switched on under
   * {@code actionKey} until {@link #stop(String)}.
   *
   * @param actionKey one running action, e.g. {@code fis/EXP/cpu}
   * @param key the action id, or {@code aws:ssm:send-command/DOCUMENT}
   * @param parameters the action's parameters
   * @param restart how long a killed process stays down
   * @param act whether to switch it on, or only say what would happen
   * @throws IllegalArgumentException when a parameter is out of range
   */
  public synchronized Start start(
      String actionKey, String key, Map<String, ?> parameters, Duration restart, boolean act) {
    HostEffectSettings now = settings;
    HostActions.Effect effect = HostActions.read(key, parameters, now);
    if (!now.enabled()) {
      return new Start(
          false,
          "",
          effect.description(),
          key
              + " acts on the machine that stands for the instance, task or pod, and host effects"
              + " are off for this run",
          "opt in for this run with faultexperiment.emulator.host-effects=true (and"
              + " faultexperiment.emulator.host-effects.directory=DIR for I/O stress and disk"
              + " fill), FaultEmulator.builder().hostEffects(HostEffectSettings.on(dir)) or"
              + " --host-effects DIR (docs/local-faults.md#host-effects)",
          false);
    }
    if (effect instanceof HostActions.Kill kill) {
      LocalProcess process = processes.get(kill.processName());
      if (process == null) {
        return new Start(
            false,
            "",
            effect.description(),
            "no local process named "
                + kill.processName()
                + " runs; registered: "
                + processes.keySet(),
            "start the dependency through the emulator: emulator.hostEffects().process(\""
                + kill.processName()
                + "\", List.of(COMMAND…)) or --local-process "
                + kill.processName()
                + "=COMMAND",
            true);
      }
      if (act) {
        process.kill(kill.forcibly(), restart.toMillis());
        running.put(actionKey, null);
      }
      return new Start(true, PROCESS + kill.processName(), effect.description(), "", "", true);
    }
    HostActions.Stress stress = (HostActions.Stress) effect;
    if (stress.writesFiles() && now.directory() == null) {
      return new Start(
          false,
          "",
          effect.description(),
          key + " writes files, and only in the directory the run names; it names none",
          "set faultexperiment.emulator.host-effects.directory=DIR"
              + " (HostEffectSettings.on(dir), --host-effects DIR)",
          true);
    }
    if (act) {
      stopQuietly(actionKey);
      running.put(
          actionKey,
          ChildProcess.start(stress.arguments(), stress.heapBytes(), now.directory(), line -> {}));
    }
    return new Start(true, HOST, effect.description(), "", "", true);
  }

  /**
   * Ends the effect started under {@code actionKey}, if any; a killed process is started again if
   * it is still down.
   *
   * @throws RuntimeException when the effect's files cannot be removed
   */
  public void stop(String actionKey) {
    ChildProcess child;
    synchronized (this) {
      if (!running.containsKey(actionKey)) {
        return;
      }
      child = running.remove(actionKey);
    }
    if (child != null) {
      child.close();
    } else {
      processes().forEach(LocalProcess::ensureRunning);
    }
  }

  /** How many effects run now (child processes carrying a stress). */
  public synchronized int running() {
    return (int) running.values().stream().filter(Objects::nonNull).count();
  }

  /** The process ids of the children carrying the stresses running now. */
  public synchronized List<Long> pids() {
    return running.values().stream().filter(Objects::nonNull).map(ChildProcess::pid).toList();
  }

  /** Ends every running effect; local processes keep running. */
  public void stopAll() {
    List<String> keys;
    synchronized (this) {
      keys = new ArrayList<>(running.keySet());
    }
    RuntimeException failure = null;
    for (String key : keys) {
      try {
        stop(key);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Ends every effect and every local process. */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      stopAll();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (LocalProcess process : processes()) {
      try {
        process.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    synchronized (this) {
      processes.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void stopQuietly(String actionKey) {
    ChildProcess previous = running.remove(actionKey);
    if (previous != null) {
      previous.close();
    }
  }
}

package io.github.faultexperiment.emulator.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FIS's host-stress actions and SSM documents, read as the cloud defines their parameters, and what
 * each does on the local machine that stands for the instance, task or pod.
 */
final class HostActions {
  private static final String SEND_COMMAND = "aws:ssm:send-command/";
  static final String CPU = SEND_COMMAND + "AWSFIS-Run-CPU-Stress";
  static final String MEMORY = SEND_COMMAND + "AWSFIS-Run-Memory-Stress";
  static final String IO = SEND_COMMAND + "AWSFIS-Run-IO-Stress";
  static final String DISK_FILL = SEND_COMMAND + "AWSFIS-Run-Disk-Fill";
  static final String KILL = SEND_COMMAND + "AWSFIS-Run-Kill-Process";

  /** A Chaos Mesh StressChaos record, its spec as parameters. */
  static final String STRESS_CHAOS = "chaos-mesh:StressChaos/stress";

  /** Docker's {@code units.FromHumanSize}, which Chaos Mesh reads a memory size with. */
  private static final Pattern HUMAN_SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?");

  /** Every action key (FIS action id, or {@code aws:ssm:send-command/DOCUMENT}) with an effect. */
  static final Set<String> KEYS =
      Set.of(
          CPU,
          MEMORY,
          IO,
          DISK_FILL,
          KILL,
          "aws:ecs:task-cpu-stress",
          "aws:ecs:task-io-stress",
          "aws:ecs:task-kill-process",
          "aws:eks:pod-cpu-stress",
          "aws:eks:pod-memory-stress",
          "aws:eks:pod-io-stress",
          STRESS_CHAOS);

  /** What one action does on this machine. */
  sealed interface Effect permits Stress, Kill {
    /** For reports, e.g. {@code cpu stress 2 workers at 80%}. */
    String description();
  }

  /**
   * A stress carried by a child JVM.
   *
   * @param arguments the child's effect and values
   * @param heapBytes the child's heap
   * @param writesFiles whether it needs the settings' directory
   * @param description for reports
   */
  record Stress(List<String> arguments, long heapBytes, boolean writesFiles, String description)
      implements Effect {}

  /**
   * A registered local process killed with a signal and started again.
   *
   * @param processName the name it was registered with
   * @param forcibly {@code SIGKILL} rather than {@code SIGTERM}
   */
  record Kill(String processName, boolean forcibly) implements Effect {
    @Override
    public String description() {
      return "kill process " + processName + " with " + (forcibly ? "SIGKILL" : "SIGTERM");
    }
  }

  private HostActions() {}

  /**
   * Reads an action's effect.
   *
   * @param key the action id, or {@code aws:ssm:send-command/DOCUMENT}
   * @param parameters the action's parameters (SSM: with {@code documentParameters})
   * @param settings the bounds and directory
   * @throws IllegalArgumentException when a parameter is out of range, naming it
   */
  static Effect read(String key, Map<String, ?> parameters, HostEffectSettings settings) {
    Values p =
        key.startsWith(SEND_COMMAND)
            ? documentParameters(key, parameters.get("documentParameters"))
            : new Values(key, parameters);
    return switch (key) {
      case CPU -> cpu(p.number("CPU", 0, 0, 1024), p.number("LoadPercent", 100, 0, 100));
      case "aws:ecs:task-cpu-stress", "aws:eks:pod-cpu-stress" ->
          cpu(p.number("workers", 0, 0, 1024), p.number("percent", 100, 0, 100));
      case MEMORY -> memory(p.required("Percent", 1, 100), settings);
      case "aws:eks:pod-memory-stress" -> memory(p.number("percent", 80, 1, 100), settings);
      case IO -> io(p.number("Percent", 80, 1, 100), p.number("Workers", 1, 1, 64), settings);
      case "aws:ecs:task-io-stress", "aws:eks:pod-io-stress" ->
          io(p.number("percent", 80, 1, 100), p.number("workers", 1, 1, 64), settings);
      case DISK_FILL -> fill(p.required("Percent", 1, 100), settings);
      case KILL -> new Kill(p.text("ProcessName"), p.signal("Signal", "SIGTERM"));
      case "aws:ecs:task-kill-process" ->
          new Kill(p.text("processName"), p.signal("signal", "SIGKILL"));
      case STRESS_CHAOS -> stressChaos(parameters, settings);
      default -> throw new IllegalArgumentException(key + " has no host effect");
    };
  }

  /** Workers {@code 0} means one per processor, as stress-ng reads it; never more than those. */
  private static Effect cpu(double workers, double percent) {
    int processors = Runtime.getRuntime().availableProcessors();
    int count = workers == 0 ? processors : (int) Math.min(workers, processors);
    return new Stress(
        List.of("cpu", String.valueOf(count), String.valueOf(percent)),
        0,
        false,
        "cpu stress: " + count + " worker(s) at " + plain(percent) + "%");
  }

  /**
   * A StressChaos's {@code stressors}: its CPU and its memory stressor in one child, as the
   * container runs both at once. {@code cpu.load} is each worker's share (100 when absent); {@code
   * memory.size} is the total held, in bytes with a decimal unit ({@code 256MB}) or a share of
   * physical memory ({@code 25%}), as much as the cap allows when absent.
   */
  private static Effect stressChaos(Map<String, ?> spec, HostEffectSettings settings) {
    Map<String, Object> stressors = object(spec.get("stressors"));
    Map<String, Object> cpuStressor = object(stressors.get("cpu"));
    Map<String, Object> memoryStressor = object(stressors.get("memory"));
    if (cpuStressor.isEmpty() && memoryStressor.isEmpty()) {
      throw new IllegalArgumentException(
          spec.get("stressngStressors") == null
              ? "StressChaos needs spec.stressors.cpu {workers, load} or spec.stressors.memory"
                  + " {workers, size}: missing stressors"
              : "spec.stressngStressors of StressChaos is a stress-ng command line, which the"
                  + " emulator does not run: give spec.stressors.cpu {workers, load} or"
                  + " spec.stressors.memory {workers, size} for a local effect");
    }
    List<String> arguments = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    long heap = 0;
    if (!cpuStressor.isEmpty()) {
      Values cpu = new Values("StressChaos stressors.cpu", cpuStressor);
      Stress stress =
          (Stress) cpu(cpu.required("workers", 1, 8192), cpu.number("load", 100, 0, 100));
      arguments.addAll(stress.arguments());
      descriptions.add(stress.description());
    }
    if (!memoryStressor.isEmpty()) {
      Values memory = new Values("StressChaos stressors.memory", memoryStressor);
      memory.required("workers", 1, 8192);
      Object size = memoryStressor.get("size");
      long total = totalMemory();
      long asked =
          size == null || size.toString().isBlank()
              ? Long.MAX_VALUE
              : bytes(size.toString(), total);
      long bytes = Math.min(asked, settings.memoryCapBytes());
      arguments.addAll(List.of("memory", String.valueOf(bytes)));
      heap = bytes;
      descriptions.add(
          "memory stress: "
              + (bytes >> 20)
              + " MiB held (size "
              + (size == null ? "not given" : size)
              + ", capped at "
              + (settings.memoryCapBytes() >> 20)
              + " MiB)");
    }
    return new Stress(arguments, heap, false, String.join("; ", descriptions));
  }

  /** A StressChaos memory size: {@code 25%} of {@code total}, or {@code 256MB} (decimal units). */
  private static long bytes(String size, long total) {
    String text = size.trim();
    String valid =
        "bytes with an optional unit (256MB, 1.5GB, 512KiB) or a share of memory from 0% to 100%";
    if (text.endsWith("%")) {
      int percent;
      try {
        percent = Integer.parseInt(text.substring(0, text.length() - 1));
      } catch (NumberFormatException e) {
        percent = -1;
      }
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException(
            "parameter size of StressChaos stressors.memory must be "
                + valid
                + ", was '"
                + size
                + "'");
      }
      return total / 100 * percent;
    }
    Matcher matcher = HUMAN_SIZE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "parameter size of StressChaos stressors.memory must be "
              + valid
              + ", was '"
              + size
              + "'");
    }
    double number = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase(Locale.ROOT);
    int power = " kmgtp".indexOf(unit.isEmpty() ? " " : unit);
    return (long) Math.min(Long.MAX_VALUE, number * Math.pow(1000, power));
  }

  /** A nested object of a spec, empty when absent or not an object. */
  private static Map<String, Object> object(Object value) {
    return value instanceof Map<?, ?> map ? stringKeys(map) : Map.of();
  }

  private static Effect memory(double percent, HostEffectSettings settings) {
    long total = totalMemory();
    long bytes = Math.min((long) (total * percent / 100), settings.memoryCapBytes());
    return new Stress(
        List.of("memory", String.valueOf(bytes)),
        bytes,
        false,
        "memory stress: "
            + (bytes >> 20)
            + " MiB held ("
            + plain(percent)
            + "% of "
            + (total >> 20)
            + " MiB, capped at "
            + (settings.memoryCapBytes() >> 20)
            + " MiB)");
  }

  private static Effect io(double percent, double workers, HostEffectSettings settings) {
    Path directory = settings.directory();
    long free = directory == null ? 0 : usable(directory);
    long bytes =
        Math.max(1 << 20, Math.min((long) (free * percent / 100), settings.diskCapBytes()));
    return new Stress(
        List.of(
            "io", String.valueOf(directory), String.valueOf((int) workers), String.valueOf(bytes)),
        0,
        true,
        "io stress: "
            + (int) workers
            + " worker(s) writing "
            + (bytes >> 20)
            + " MiB in "
            + directory);
  }

  /** Fills the directory's disk up to {@code percent} full, never more than the cap. */
  private static Effect fill(double percent, HostEffectSettings settings) {
    Path directory = settings.directory();
    long bytes = 0;
    if (directory != null) {
      try {
        long total = Files.getFileStore(directory).getTotalSpace();
        long used = total - Files.getFileStore(directory).getUsableSpace();
        bytes =
            Math.max(0, Math.min((long) (total * percent / 100) - used, settings.diskCapBytes()));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the disk of " + directory + ": " + e, e);
      }
    }
    return new Stress(
        List.of("fill", String.valueOf(directory), String.valueOf(bytes)),
        0,
        true,
        "disk fill: "
            + (bytes >> 20)
            + " MiB written in "
            + directory
            + " (towards "
            + plain(percent)
            + "% full, capped at "
            + (settings.diskCapBytes() >> 20)
            + " MiB)");
  }

  private static long usable(Path directory) {
    try {
      return Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the disk of " + directory + ": " + e, e);
    }
  }

  private static long totalMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
  }

  private static Values documentParameters(String key, Object raw) {
    String document = key.substring(SEND_COMMAND.length());
    if (raw == null || raw.toString().isBlank()) {
      return new Values(document, Map.of());
    }
    if (raw instanceof Map<?, ?> map) {
      return new Values(document, stringKeys(map));
    }
    try {
      return new Values(document, stringKeys(Json.MAPPER.readValue(raw.toString(), Map.class)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "parameter documentParameters of "
              + document
              + " must be a JSON object such as {\"LoadPercent\":\"80\"}, was '"
              + raw
              + "'",
          e);
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  /** Parameters read with the ranges the cloud accepts; errors name the parameter and range. */
  private record Values(String action, Map<String, ?> values) {
    double number(String name, double otherwise, double min, double max) {
      Object value = values.get(name);
      return value == null || value.toString().isBlank() ? otherwise : required(name, min, max);
    }

    double required(String name, double min, double max) {
      Object value = values.get(name);
      String valid = "a number from " + plain(min) + " to " + plain(max);
      double number;
      try {
        number = Double.parseDouble(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        number = Double.NaN;
      }
      if (!(number >= min && number <= max)) {
        throw new IllegalArgumentException(
            "parameter "
                + name
                + " of "
                + action
                + (value == null ? " is required: " + valid : " must be " + valid)
                + (value == null ? "" : ", was '" + value + "'"));
      }
      return number;
    }

    String text(String name) {
      Object value = values.get(name);
      if (value == null || value.toString().isBlank()) {
        throw new IllegalArgumentException(
            "parameter " + name + " of " + action + " is required: the process's name");
      }
      return value.toString().trim();
    }

    boolean signal(String name, String otherwise) {
      Object value = values.get(name);
      String signal = value == null || value.toString().isBlank() ? otherwise : value.toString();
      if (!signal.equals("SIGTERM") && !signal.equals("SIGKILL")) {
        throw new IllegalArgumentException(
            "parameter "
                + name
                + " of "
                + action
                + " must be SIGTERM or SIGKILL, was '"
                + signal
                + "'");
      }
      return signal.equals("SIGKILL");
    }
  }

  /** Created on first use: initialising Jackson costs a cold JVM about half a second. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}

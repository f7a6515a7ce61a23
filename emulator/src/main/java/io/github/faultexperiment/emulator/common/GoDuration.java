package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Go's {@code time.ParseDuration}, which Chaos Mesh reads {@code duration} and its latencies with
 * ({@code 30s}, {@code 1m30s}, {@code 500ms}).
 */
@API(status = INTERNAL, since = "0.1")
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}, {@code 0}.
   *
   * @throws IllegalArgumentException with Go's message
   */
  public static Duration parse(String text) {
    String rest = text.startsWith("+") ? text.substring(1) : text;
    boolean negative = rest.startsWith("-");
    if (negative) {
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid(text);
    }
    Matcher matcher = PART.matcher(rest);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        throw new IllegalArgumentException(
            rest.substring(at).matches("\\d.*|\\..*")
                ? "time: missing unit in duration \"" + text + "\""
                : "time: invalid duration \"" + text + "\"");
      }
      nanos =
          nanos.add(
              new BigDecimal(matcher.group(1))
                  .multiply(BigDecimal.valueOf(NANOS.get(matcher.group(2)))));
      at = matcher.end();
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return negative ? duration.negated() : duration;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
  }
}

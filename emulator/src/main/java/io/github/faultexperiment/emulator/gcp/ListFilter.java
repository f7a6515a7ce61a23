package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of AIP-160 filters the emulator understands: comparisons {@code field = "value"} and
 * {@code field != "value"} on top-level string fields, joined by {@code AND} / {@code OR} ({@code
 * AND} binds tighter). Anything else is INVALID_ARGUMENT.
 */
final class ListFilter implements Predicate<ObjectNode> {
  private static final Pattern COMPARISON =
      Pattern.compile(
          "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*(\"([^\"]*)\"|([A-Za-z0-9_./-]+))\\s*");
  private static final Pattern OR = Pattern.compile("\\s+OR\\s+");
  private static final Pattern AND = Pattern.compile("\\s+AND\\s+");

  private final List<List<Comparison>> disjunction;

  private record Comparison(String field, boolean equal, String value) {
    boolean test(ObjectNode resource) {
      JsonNode actual = resource.get(field);
      String text = actual == null || actual.isNull() ? "" : actual.asText();
      return equal == text.equals(value);
    }
  }

  private ListFilter(List<List<Comparison>> disjunction) {
    this.disjunction = disjunction;
  }

  static ListFilter parse(String filter, Set<String> fields) {
    List<List<Comparison>> disjunction = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return new ListFilter(disjunction);
    }
    for (String clause : OR.split(filter.trim())) {
      List<Comparison> conjunction = new ArrayList<>();
      for (String term : AND.split(clause)) {
        Matcher m = COMPARISON.matcher(term);
        if (!m.matches()) {
          throw unsupported(filter, fields);
        }
        String field = m.group(1);
        if (!fields.contains(field)) {
          throw GoogleApiException.invalidArgument(
              "filter",
              "Invalid filter '"
                  + filter
                  + "': unknown field '"
                  + field
                  + "'; filterable fields are "
                  + String.join(", ", fields.stream().sorted().toList())
                  + ".");
        }
        String value = m.group(4) != null ? m.group(4) : m.group(5);
        conjunction.add(new Comparison(field, m.group(2).equals("="), value));
      }
      disjunction.add(conjunction);
    }
    return new ListFilter(disjunction);
  }

  private static GoogleApiException unsupported(String filter, Set<String> fields) {
    return GoogleApiException.invalidArgument(
        "filter",
        "Invalid filter '"
            + filter
            + "': the emulator supports comparisons like state=\"INJECTED\" or state!=\"COMPLETED\""
            + " on "
            + String.join(", ", fields.stream().sorted().toList())
            + ", joined by AND / OR.");
  }

  @Override
  public boolean test(ObjectNode resource) {
    return disjunction.isEmpty()
        || disjunction.stream()
            .anyMatch(conjunction -> conjunction.stream().allMatch(c -> c.test(resource)));
  }
}

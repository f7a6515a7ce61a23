package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An AIP-160 list filter: restrictions {@code field OP value} with {@code = != < <= > >= :} on the
 * resource's fields (dotted paths reach nested ones), bare values (text search), {@code NOT} /
 * {@code -} negation, {@code OR}, {@code AND} and juxtaposition, and parentheses. As AIP-160
 * defines, {@code OR} binds tighter than {@code AND}. Timestamps compare as instants, numbers as
 * numbers; {@code *} in a {@code =} value is a wildcard. A field the resource does not have is
 * INVALID_ARGUMENT, so a typo never silently matches nothing.
 */
final class ListFilter implements Predicate<ObjectNode> {
  private static final Pattern WORD = Pattern.compile("[^\\s()\"'<>=!:]+");
  private static final List<String> COMPARATORS = List.of("<=", ">=", "!=", "=", "<", ">", ":");

  private final Predicate<ObjectNode> predicate;

  private ListFilter(Predicate<ObjectNode> predicate) {
    this.predicate = predicate;
  }

  /**
   * Parses {@code filter} over a resource whose top-level fields are {@code fields};
   * INVALID_ARGUMENT naming the filter when it is malformed or names another field.
   */
  static ListFilter parse(String filter, Set<String> fields) {
    if (filter == null || filter.isBlank()) {
      return new ListFilter(resource -> true);
    }
    Parser parser = new Parser(filter, fields);
    Predicate<ObjectNode> predicate = parser.expression();
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected '" + filter.substring(parser.at) + "'");
    }
    return new ListFilter(predicate);
  }

  @Override
  public boolean test(ObjectNode resource) {
    return predicate.test(resource);
  }

  /** A recursive-descent parser of the AIP-160 grammar. */
  private static final class Parser {
    private final String text;
    private final Set<String> fields;
    private int at;

    Parser(String text, Set<String> fields) {
      this.text = text;
      this.fields = fields;
    }

    /** expression := sequence { AND sequence } */
    Predicate<ObjectNode> expression() {
      Predicate<ObjectNode> result = sequence();
      while (keyword("AND")) {
        result = result.and(sequence());
      }
      return result;
    }

    /** sequence := factor { factor } (juxtaposition is AND) */
    private Predicate<ObjectNode> sequence() {
      Predicate<ObjectNode> result = factor();
      while (true) {
        skipSpace();
        if (atEnd() || peek(')') || peekKeyword("AND") || peekKeyword("OR")) {
          return result;
        }
        result = result.and(factor());
      }
    }

    /** factor := term { OR term } */
    private Predicate<ObjectNode> factor() {
      Predicate<ObjectNode> result = term();
      while (keyword("OR")) {
        result = result.or(term());
      }
      return result;
    }

    /** term := [NOT | -] simple */
    private Predicate<ObjectNode> term() {
      skipSpace();
      if (keyword("NOT")) {
        return simple().negate();
      }
      if (peek('-')) {
        at++;
        return simple().negate();
      }
      return simple();
    }

    /** simple := ( expression ) | restriction */
    private Predicate<ObjectNode> simple() {
      skipSpace();
      if (peek('(')) {
        at++;
        Predicate<ObjectNode> inner = expression();
        skipSpace();
        if (!peek(')')) {
          throw error("a '(' is not closed");
        }
        at++;
        return inner;
      }
      return restriction();
    }

    private Predicate<ObjectNode> restriction() {
      skipSpace();
      if (peek('"') || peek('\'')) {
        return textSearch(quoted());
      }
      String member = word("a field name or value");
      skipSpace();
      String comparator =
          COMPARATORS.stream().filter(c -> text.startsWith(c, at)).findFirst().orElse(null);
      if (comparator == null) {
        return textSearch(member);
      }
      at += comparator.length();
      String root = member.split("\\.", -1)[0];
      if (!fields.contains(root)) {
        throw error(
            "unknown field '"
                + member
                + "'; this list can be filtered on "
                + String.join(", ", fields.stream().sorted().toList()));
      }
      skipSpace();
      String value = peek('"') || peek('\'') ? quoted() : word("a value after " + comparator);
      return resource -> compare(resolve(resource, member), comparator, value);
    }

    private static Predicate<ObjectNode> textSearch(String value) {
      return resource -> contains(resource, value);
    }

    private static boolean contains(JsonNode node, String value) {
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          if (contains(child, value)) {
            return true;
          }
        }
        return false;
      }
      return node.asText().contains(value);
    }

    private String quoted() {
      char quote = text.charAt(at++);
      StringBuilder value = new StringBuilder();
      while (at < text.length() && text.charAt(at) != quote) {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) {
          c = text.charAt(at++);
        }
        value.append(c);
      }
      if (at >= text.length()) {
        throw error("a quoted value is not closed");
      }
      at++;
      return value.toString();
    }

    private String word(String expected) {
      var matcher = WORD.matcher(text).region(at, text.length());
      if (!matcher.lookingAt()) {
        throw error("expected " + expected + " at position " + at);
      }
      at = matcher.end();
      return matcher.group();
    }

    private boolean keyword(String keyword) {
      skipSpace();
      if (peekKeyword(keyword)) {
        at += keyword.length();
        return true;
      }
      return false;
    }

    private boolean peekKeyword(String keyword) {
      int end = at + keyword.length();
      return text.startsWith(keyword, at)
          && (end == text.length()
              || Character.isWhitespace(text.charAt(end))
              || text.charAt(end) == '(');
    }

    private boolean peek(char c) {
      return at < text.length() && text.charAt(at) == c;
    }

    void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    boolean atEnd() {
      return at >= text.length();
    }

    ApiException error(String problem) {
      return ApiException.invalidArgument(
          "filter",
          "Invalid filter '"
              + text
              + "': "
              + problem
              + ". Filters follow AIP-160, e.g. state=\"INJECTED\" AND createTime>\"2026-01-01T00:00:00Z\".");
    }
  }

  private static JsonNode resolve(ObjectNode resource, String member) {
    JsonNode node = resource;
    for (String part : member.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static boolean compare(JsonNode actual, String comparator, String value) {
    if (comparator.equals(":")) {
      if (value.equals("*")) {
        return !actual.isMissingNode() && !actual.isNull();
      }
      if (actual.isArray()) {
        for (JsonNode item : actual) {
          if (item.asText().equals(value)) {
            return true;
          }
        }
        return false;
      }
      if (actual.isObject()) {
        return actual.has(value);
      }
      return actual.asText().equals(value);
    }
    String text = actual.isMissingNode() || actual.isNull() ? "" : actual.asText();
    if (comparator.equals("=") || comparator.equals("!=")) {
      boolean equal =
          value.contains("*")
              ? text.matches(Pattern.quote(value).replace("*", "\\E.*\\Q"))
              : order(text, value) == 0;
      return comparator.equals("=") == equal;
    }
    int order = order(text, value);
    return switch (comparator) {
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  /** Compares as instants when both are timestamps, as numbers when both are, else as text. */
  private static int order(String actual, String value) {
    try {
      return Instant.parse(actual).compareTo(Instant.parse(value));
    } catch (DateTimeParseException e) {
      // not timestamps
    }
    try {
      return new BigDecimal(actual).compareTo(new BigDecimal(value));
    } catch (NumberFormatException e) {
      return actual.compareTo(value);
    }
  }
}

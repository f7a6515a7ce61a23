package io.github.faultexperiment.emulator.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list's {@code labelSelector} query parameter in the apiserver's syntax: {@code a=b}, {@code
 * a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by
 * commas.
 */
final class LabelQuery {
  private static final Pattern SET =
      Pattern.compile("\\s*([A-Za-z0-9._/-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([A-Za-z0-9._/-]+)\\s*(==|=|!=)\\s*([A-Za-z0-9._-]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([A-Za-z0-9._/-]+)\\s*");

  private LabelQuery() {}

  /**
   * Parses a selector; {@code null} or blank selects everything.
   *
   * @throws StatusException 400 when it cannot be read
   */
  static Predicate<Map<String, String>> parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return labels -> true;
    }
    List<Predicate<Map<String, String>>> parts = new ArrayList<>();
    for (String requirement : split(selector)) {
      Matcher set = SET.matcher(requirement);
      Matcher equality = EQUALITY.matcher(requirement);
      Matcher exists = EXISTS.matcher(requirement);
      if (set.matches()) {
        String key = set.group(1);
        Set<String> values = Set.of(set.group(3).trim().split("\\s*,\\s*"));
        boolean in = set.group(2).equals("in");
        parts.add(
            labels ->
                in
                    ? labels.containsKey(key) && values.contains(labels.get(key))
                    : !labels.containsKey(key) || !values.contains(labels.get(key)));
      } else if (equality.matches()) {
        String key = equality.group(1);
        String value = equality.group(3);
        boolean equal = !equality.group(2).equals("!=");
        parts.add(labels -> equal == value.equals(labels.get(key)));
      } else if (exists.matches()) {
        String key = exists.group(2);
        boolean present = exists.group(1).isEmpty();
        parts.add(labels -> present == labels.containsKey(key));
      } else {
        throw StatusException.badRequest(
            "unable to parse requirement: found '" + requirement.trim() + "' in labelSelector");
      }
    }
    return labels -> parts.stream().allMatch(p -> p.test(labels));
  }

  /** Splits on the commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }
}

package io.github.faultexperiment.gcp;

import io.github.faultexperiment.FaultExperimentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks Fault Testing resource names. */
final class ResourceNames {
  private static final Pattern TEMPLATE_NAME =
      Pattern.compile("projects/([^/]+)/locations/([^/]+)/experimentTemplates/([^/]+)");
  private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z][a-z0-9-]{3,62}");
  private static final Pattern PARENT = Pattern.compile("(projects/[^/]+/locations/[^/]+)/.*");
  private static final Pattern PROJECT = Pattern.compile("projects/([^/]+)/.*");

  private ResourceNames() {}

  /**
   * The full template name {@code reference} stands for: a full name as is, a short id under {@code
   * settings}' project and location.
   */
  static String templateName(String reference, GcpSettings settings) {
    String candidate = reference.strip();
    if (TEMPLATE_ID.matcher(candidate).matches()) {
      return settings.parent() + "/experimentTemplates/" + candidate;
    }
    Matcher full = TEMPLATE_NAME.matcher(candidate);
    if (full.matches()
        && GcpSettings.isProject(full.group(1))
        && GcpSettings.isLocation(full.group(2))
        && TEMPLATE_ID.matcher(full.group(3)).matches()) {
      return candidate;
    }
    throw new FaultExperimentException(
        "Fault Testing template '"
            + reference
            + "' is neither a template id (4-63 characters: lower-case letters, digits, '-',"
            + " starting with a letter; looked up in "
            + settings.parent()
            + ") nor a full name projects/{project}/locations/{location}/experimentTemplates/{id}");
  }

  /** {@code projects/{p}/locations/{l}} of a resource name. */
  static String parent(String name) {
    Matcher matcher = PARENT.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a Fault Testing resource name: " + name);
    }
    return matcher.group(1);
  }

  /** The project of a resource name. */
  static String project(String name) {
    Matcher matcher = PROJECT.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a Fault Testing resource name: " + name);
    }
    return matcher.group(1);
  }

  /** The last segment of a resource name. */
  static String id(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}

package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.internal.ResolvedTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the one template a user means: an id ({@code EXT…}) as is, anything else by the template's
 * {@code Name} tag — the name the AWS console shows.
 */
final class TemplateResolver {
  private static final Pattern TEMPLATE_ID = Pattern.compile("EXT[A-Za-z0-9]+");

  private final FisClient fis;

  TemplateResolver(FisClient fis) {
    this.fis = fis;
  }

  ResolvedTemplate resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new FaultExperimentException(
          "No FIS experiment template was named; give a template id (EXT…) or the value of a"
              + " template's Name tag.");
    }
    String wanted = reference.strip();
    ExperimentTemplate template =
        TEMPLATE_ID.matcher(wanted).matches()
            ? byId(wanted)
            : fis.getExperimentTemplate(byName(wanted));
    return new ResolvedTemplate(
        reference,
        template.id(),
        template.name() == null ? template.id() : template.name(),
        template.description(),
        details(template));
  }

  private ExperimentTemplate byId(String id) {
    try {
      return fis.getExperimentTemplate(id);
    } catch (CloudApiException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      throw new FaultExperimentException(
          "There is no FIS experiment template with id "
              + id
              + " in "
              + where()
              + ". Templates found: "
              + available(fis.listAllExperimentTemplates())
              + ".",
          e);
    }
  }

  private String byName(String name) {
    List<ExperimentTemplateSummary> templates = fis.listAllExperimentTemplates();
    List<ExperimentTemplateSummary> named =
        templates.stream().filter(template -> name.equals(template.name())).toList();
    if (named.size() == 1) {
      return named.get(0).id();
    }
    if (named.isEmpty()) {
      throw new FaultExperimentException(
          "No FIS experiment template has the Name tag '"
              + name
              + "' in "
              + where()
              + ". Templates found: "
              + available(templates)
              + ". Use one of these names or ids, or tag the template with Name="
              + name
              + ".");
    }
    throw new FaultExperimentException(
        named.size()
            + " FIS experiment templates have the Name tag '"
            + name
            + "' in "
            + where()
            + ": "
            + named.stream().map(ExperimentTemplateSummary::id).collect(Collectors.joining(", "))
            + ". Give the template id instead, or make the Name tags unique.");
  }

  private String where() {
    return fis.region() + " at " + fis.endpoint();
  }

  private static String available(List<ExperimentTemplateSummary> templates) {
    if (templates.isEmpty()) {
      return "none";
    }
    return templates.stream()
        .map(
            template ->
                template.name() == null
                    ? template.id() + " (no Name tag)"
                    : template.name() + " (" + template.id() + ")")
        .collect(Collectors.joining(", "));
  }

  private static Map<String, Object> details(ExperimentTemplate template) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (template.arn() != null) {
      details.put("arn", template.arn());
    }
    details.put("actions", template.actions());
    details.put("targets", template.targets());
    details.put("stopConditions", template.stopConditions());
    if (!template.experimentReportConfiguration().isEmpty()) {
      details.put(FisSnapshots.REPORT_CONFIGURATION, template.experimentReportConfiguration());
    }
    return details;
  }
}

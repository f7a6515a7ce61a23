package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.TargetKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ExperimentTemplate;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;

/**
 * Finds the one template a user means: an id ({@code EXT…}) as is, anything else by the template's
 * {@code Name} tag — the name the AWS console shows.
 */
final class TemplateResolver {
  private static final Pattern TEMPLATE_ID = Pattern.compile("EXT[A-Za-z0-9]+");

  private final FisClient fis;
  private final FisCalls calls;
  private final Map<String, Optional<Set<TargetKey>>> targets = new ConcurrentHashMap<>();

  TemplateResolver(FisClient fis, FisCalls calls) {
    this.fis = fis;
    this.calls = calls;
  }

  ResolvedTemplate resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new FaultExperimentException(
          "No FIS experiment template was named; give a template id (EXT…) or the value of a"
              + " template's Name tag.");
    }
    String wanted = reference.strip();
    ExperimentTemplate template =
        TEMPLATE_ID.matcher(wanted).matches() ? byId(wanted) : get(byName(wanted));
    String name = template.tags().get("Name");
    return new ResolvedTemplate(
        reference,
        template.id(),
        name == null ? template.id() : name,
        FisSnapshots.orEmpty(template.description()),
        details(template));
  }

  private ExperimentTemplate byId(String id) {
    try {
      return get(id);
    } catch (CloudApiException e) {
      if (e.reason() != CloudApiException.Reason.NOT_FOUND) {
        throw e;
      }
      throw new FaultExperimentException(
          "There is no FIS experiment template with id "
              + id
              + " in "
              + where()
              + ". Templates found: "
              + available(list())
              + ".",
          e);
    }
  }

  private String byName(String name) {
    List<ExperimentTemplateSummary> templates = list();
    List<ExperimentTemplateSummary> named =
        templates.stream().filter(template -> name.equals(template.tags().get("Name"))).toList();
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
    return calls.where();
  }

  /**
   * What experiments from the template act on, for comparing other JVMs' experiments with ours;
   * templates rarely change during a run, so each is asked for once. A template that cannot be read
   * (deleted since) is unknown.
   */
  Optional<Set<TargetKey>> targetsOf(String templateId) {
    if (templateId == null) {
      return Optional.empty();
    }
    Optional<Set<TargetKey>> known = targets.get(templateId);
    if (known != null) {
      return known;
    }
    Optional<Set<TargetKey>> learned;
    try {
      learned = FisTargets.of(SdkMaps.plain(get(templateId).targets()));
    } catch (CloudApiException e) {
      return Optional.empty();
    }
    targets.put(templateId, learned);
    return learned;
  }

  private ExperimentTemplate get(String id) {
    return calls
        .call("FIS GetExperimentTemplate", () -> fis.getExperimentTemplate(get -> get.id(id)))
        .experimentTemplate();
  }

  private List<ExperimentTemplateSummary> list() {
    List<ExperimentTemplateSummary> all = new ArrayList<>();
    calls.call(
        "FIS ListExperimentTemplates",
        () -> {
          fis.listExperimentTemplatesPaginator(list -> {}).experimentTemplates().forEach(all::add);
          return all;
        });
    return all;
  }

  private static String available(List<ExperimentTemplateSummary> templates) {
    if (templates.isEmpty()) {
      return "none";
    }
    return templates.stream()
        .map(
            template ->
                template.tags().get("Name") == null
                    ? template.id() + " (no Name tag)"
                    : template.tags().get("Name") + " (" + template.id() + ")")
        .collect(Collectors.joining(", "));
  }

  private static Map<String, Object> details(ExperimentTemplate template) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (template.arn() != null) {
      details.put("arn", template.arn());
    }
    details.put("actions", SdkMaps.plain(template.actions()));
    details.put("targets", SdkMaps.plain(template.targets()));
    details.put("stopConditions", SdkMaps.plain(template.stopConditions()));
    if (template.experimentReportConfiguration() != null) {
      details.put(
          FisSnapshots.REPORT_CONFIGURATION, SdkMaps.of(template.experimentReportConfiguration()));
    }
    details.values().removeIf(value -> value == null);
    return details;
  }
}

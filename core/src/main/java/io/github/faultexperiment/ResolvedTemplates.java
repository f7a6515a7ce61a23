package io.github.faultexperiment;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each provider's template resolutions for the run: a template named by its Name tag costs FIS a
 * ListExperimentTemplates and a GetExperimentTemplate, which every later experiment from it would
 * repeat for the same answer. A start that fails forgets the resolution, so a template replaced
 * during the run is found again. Not public API.
 */
final class ResolvedTemplates {
  private static final Map<FaultProvider, Map<String, ResolvedTemplate>> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ResolvedTemplates() {}

  static ResolvedTemplate resolve(FaultProvider provider, String reference) {
    Map<String, ResolvedTemplate> resolved = forProvider(provider);
    ResolvedTemplate known = resolved.get(reference);
    if (known != null) {
      return known;
    }
    EmbeddedTemplates.checkNotBroken(provider, reference);
    ResolvedTemplate template;
    try {
      template = provider.resolveTemplate(reference);
    } catch (FaultExperimentException notFound) {
      throw EmbeddedTemplates.notFound(provider, reference, notFound);
    }
    resolved.put(reference, template);
    return template;
  }

  static void forget(FaultProvider provider, String reference) {
    forProvider(provider).remove(reference);
  }

  private static Map<String, ResolvedTemplate> forProvider(FaultProvider provider) {
    return CACHE.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
  }
}

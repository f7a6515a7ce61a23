package io.github.faultexperiment;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.TargetKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a template's experiments act on, as lock keys: key → {@code true} when held shared. Learned
 * from the provider's neutral {@link TargetKey}s, plus the template itself, held whole, so that it
 * is never less safe than one lock per template (two experiments of one template never overlap,
 * even when it targets nothing the provider can name). Not public API.
 */
final class OverlapKeys {
  private static final Map<String, Map<String, Boolean>> DISCOVERED = new ConcurrentHashMap<>();

  private OverlapKeys() {}

  /**
   * At run time: the resolved template's targets as the provider reads them (no extra call, the
   * resolution is cached by {@link ResolvedTemplates}).
   */
  static Map<String, Boolean> resolved(FaultProvider provider, ResolvedTemplate template) {
    return withTemplate(
        provider.targetKeys(template).map(OverlapKeys::merge).orElse(Map.of()), template.id());
  }

  /**
   * At discovery, before any configuration is known: the embedded-mode files named like the
   * template ({@code fault-experiments/<provider>/<template>.json}) of the annotation's provider,
   * or of every provider on the classpath when it names none. Without such a file, or when its
   * provider cannot read its targets, the template reference itself. Cached per class loader.
   *
   * @param loader the test class's loader
   * @param annotation the experiment
   */
  static Map<String, Boolean> discovered(ClassLoader loader, FaultExperiment annotation) {
    String key =
        System.identityHashCode(loader) + " " + annotation.provider() + " " + annotation.template();
    return DISCOVERED.computeIfAbsent(key, k -> discover(loader, annotation));
  }

  private static Map<String, Boolean> discover(ClassLoader loader, FaultExperiment annotation) {
    Providers providers = Providers.on(loader);
    List<String> ids =
        annotation.provider().isBlank() ? providers.ids() : List.of(annotation.provider().strip());
    String file = fileName(annotation.template());
    Map<String, TargetKey> keys = new TreeMap<>();
    boolean learned = false;
    for (String id : ids) {
      if (!providers.ids().contains(id)) {
        continue; // the run itself will fail naming the missing module
      }
      URL template = null;
      for (int i = 0; template == null && i < EmbeddedTemplates.EXTENSIONS.size(); i++) {
        template =
            loader.getResource(
                "fault-experiments/" + id + "/" + file + EmbeddedTemplates.EXTENSIONS.get(i));
      }
      if (template == null) {
        continue;
      }
      FaultProviderFactory factory = providers.factory(id, "provider");
      Optional<Set<TargetKey>> targets = factory.targetKeys(read(template));
      if (targets.isEmpty()) {
        return withTemplate(Map.of(), annotation.template());
      }
      learned = true;
      targets.get().forEach(target -> keys.merge(target.key(), target, OverlapKeys::stronger));
    }
    return withTemplate(learned ? merge(keys.values()) : Map.of(), annotation.template());
  }

  /** One key per resource, held whole when any target holds it whole. */
  static Map<String, Boolean> merge(Collection<TargetKey> targets) {
    Map<String, Boolean> merged = new TreeMap<>();
    for (TargetKey target : targets) {
      merged.merge(target.key(), target.shared(), Boolean::logicalAnd);
    }
    return Map.copyOf(merged);
  }

  private static TargetKey stronger(TargetKey a, TargetKey b) {
    return a.shared() ? b : a;
  }

  private static Map<String, Boolean> withTemplate(Map<String, Boolean> targets, String template) {
    Map<String, Boolean> keys = new TreeMap<>(targets);
    keys.put("template " + template, false);
    return Map.copyOf(keys);
  }

  /** A Fault Testing template may be named by its full resource name: its file is the last part. */
  private static String fileName(String reference) {
    String trimmed = reference.strip();
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the embedded-mode template " + url, e);
    }
  }
}

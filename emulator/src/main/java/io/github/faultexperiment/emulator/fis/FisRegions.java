package io.github.faultexperiment.emulator.fis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The regions that have been addressed, each created on first use as FIS's are always there. */
final class FisRegions {
  private final Map<String, FisRegion> regions = new ConcurrentHashMap<>();

  FisRegion get(String region) {
    return regions.computeIfAbsent(region, FisRegion::named);
  }

  /** Every experiment of every region, oldest first. */
  List<Experiment> experiments() {
    List<Experiment> all = new ArrayList<>();
    regions.values().forEach(region -> all.addAll(region.experiments().list()));
    all.sort(Comparator.comparingLong(experiment -> experiment.sequence));
    return all;
  }

  /** The experiment with this id in any region, or {@code null}. */
  Experiment findExperiment(String id) {
    for (FisRegion region : regions.values()) {
      Experiment experiment = region.experiments().find(id);
      if (experiment != null) {
        return experiment;
      }
    }
    return null;
  }

  void clear() {
    regions.clear();
  }
}

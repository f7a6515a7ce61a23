package io.github.faultexperiment.aws;

import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.ResolvedTarget;
import io.github.faultexperiment.spi.TargetAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ExperimentTargetAccountConfigurationSummary;
import software.amazon.awssdk.services.fis.model.ListExperimentTargetAccountConfigurationsResponse;

/**
 * An experiment's blast radius as FIS resolved it: {@code ListExperimentResolvedTargets} (every
 * page) and, for a multi-account experiment, {@code ListExperimentTargetAccountConfigurations}. FIS
 * fixes the resolved targets before an experiment runs, so they are read as soon as it is seen
 * running ({@link #readWhileRunning}), beside the test body, and the report after the end takes
 * them without a call.
 */
final class FisBlastRadius {
  private final FisClient fis;
  private final ExecutorService reads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-experiment-fis-blast-radius");
            thread.setDaemon(true);
            return thread;
          });
  // read while running, by experiment id; taken by the report
  private final Map<String, CompletableFuture<List<ResolvedTarget>>> early =
      new ConcurrentHashMap<>();
  private final FisCalls calls;

  FisBlastRadius(FisClient fis, FisCalls calls) {
    this.fis = fis;
    this.calls = calls;
  }

  /** Reads the resolved targets of a running experiment in the background, once. */
  void readWhileRunning(String experimentId) {
    if (early.containsKey(experimentId)) {
      return;
    }
    try {
      early.computeIfAbsent(
          experimentId, id -> CompletableFuture.supplyAsync(() -> targets(id), reads));
    } catch (RejectedExecutionException closed) {
      // the provider is closing: the report reads them itself, if it still can
    }
  }

  BlastRadius of(ExperimentSnapshot experiment) {
    CompletableFuture<List<ResolvedTarget>> read = early.remove(experiment.id());
    List<ResolvedTarget> targets = null;
    if (read != null) {
      try {
        targets = read.join();
      } catch (CompletionException | CancellationException failed) {
        // read again below: the report says why if it fails again
      }
    }
    if (targets == null) {
      targets = targets(experiment.id());
    }
    List<TargetAccount> accounts =
        experiment.details().get(FisSnapshots.TARGET_ACCOUNT_CONFIGURATIONS) instanceof Number n
                && n.longValue() > 0
            ? accounts(experiment.id())
            : List.of();
    return new BlastRadius(
        targets,
        accounts,
        targets.isEmpty() && experiment.state().equals("cancelled")
            ? "none: FIS cancelled the experiment before it resolved its targets"
            : "");
  }

  void close() {
    reads.shutdownNow();
    early.clear();
  }

  private List<ResolvedTarget> targets(String experimentId) {
    return calls.call(
        "FIS ListExperimentResolvedTargets",
        () ->
            fis
                .listExperimentResolvedTargetsPaginator(list -> list.experimentId(experimentId))
                .resolvedTargets()
                .stream()
                .map(
                    target ->
                        resolved(
                            target.targetName(), target.resourceType(), target.targetInformation()))
                .toList());
  }

  /** The model gives this operation no paginator; its {@code nextToken} is followed here. */
  private List<TargetAccount> accounts(String experimentId) {
    List<TargetAccount> accounts = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListExperimentTargetAccountConfigurationsResponse page =
          calls.call(
              "FIS ListExperimentTargetAccountConfigurations",
              () ->
                  fis.listExperimentTargetAccountConfigurations(
                      list -> list.experimentId(experimentId).nextToken(next)));
      for (ExperimentTargetAccountConfigurationSummary account :
          page.targetAccountConfigurations()) {
        accounts.add(
            new TargetAccount(account.accountId(), account.roleArn(), account.description()));
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return accounts;
  }

  /** FIS names the resource in {@code targetInformation} ({@code arn}, else its only value). */
  private static ResolvedTarget resolved(
      String target, String resourceType, Map<String, String> information) {
    String identifier =
        information.getOrDefault("arn", information.values().stream().findFirst().orElse(""));
    return new ResolvedTarget(target, resourceType, identifier, account(identifier));
  }

  /** The account field of an ARN ({@code arn:partition:service:region:account:…}), or empty. */
  static String account(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[0].equals("arn") ? parts[4] : "";
  }
}

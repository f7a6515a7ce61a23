package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a team's own SSM document does, said in the emulator's terms: while a FIS action runs it
 * ({@code aws:ssm:send-command} or {@code aws:ssm:start-automation-execution} naming it by {@code
 * documentArn}), each named local target applies its fault; when the action ends, the faults end.
 * Only the team knows what its automation does, so the emulator applies nothing to an undeclared
 * document.
 *
 * <pre>{@code
 * emulator.localTargets().declare(
 *     DocumentEffect.of("DynamoDB-Region-Impairment-Automation")
 *         .on("arn:aws:iam::123456789012:role/orders-app",
 *             new LocalFault.ApiError("dynamodb", Set.of(), LocalFault.ApiErrorKind.UNAVAILABLE, 100)));
 * }</pre>
 *
 * @param document the document's name, e.g. {@code DynamoDB-Region-Impairment-Automation}; an ARN
 *     ({@code arn:aws:ssm:REGION:ACCOUNT:document/NAME}) is read as its name
 * @param effects the faults, each on one local target
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DocumentEffect(String document, List<TargetEffect> effects) {

  /** Reads an ARN as its name and copies the effects; the targets are checked when declared. */
  public DocumentEffect {
    document = name(document);
    effects = List.copyOf(Objects.requireNonNull(effects, "effects"));
  }

  /** A document with no effect yet; add them with {@link #on(String, LocalFault)}. */
  public static DocumentEffect of(String document) {
    return new DocumentEffect(document, List.of());
  }

  /**
   * The same declaration with one more effect.
   *
   * @param target the ARN or Google resource name of a registered local target
   * @param fault what it does while the action runs
   */
  public DocumentEffect on(String target, LocalFault fault) {
    List<TargetEffect> more = new ArrayList<>(effects);
    more.add(new TargetEffect(target, fault));
    return new DocumentEffect(document, more);
  }

  /**
   * One fault on one local target.
   *
   * @param target the ARN or Google resource name the local target was registered with
   * @param fault what the target does while the action runs
   */
  public record TargetEffect(String target, LocalFault fault) {
    /** Checks that both are given. */
    public TargetEffect {
      if (target == null || target.isBlank()) {
        throw new IllegalArgumentException(
            "target must be the ARN or Google resource name of a local target");
      }
      target = ResourceIdentity.normalise(target.trim());
      Objects.requireNonNull(fault, "fault");
    }
  }

  /**
   * The document's name: FIS names documents by ARN ({@code …:document/NAME}); a declaration may
   * use either.
   */
  static String name(String document) {
    if (document == null || document.isBlank()) {
      throw new IllegalArgumentException(
          "document must name an SSM document, e.g. DynamoDB-Region-Impairment-Automation or"
              + " arn:aws:ssm:us-east-1:123456789012:document/NAME");
    }
    String trimmed = document.trim();
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    if (!name.matches("[A-Za-z0-9_.-]{3,128}")) {
      throw new IllegalArgumentException(
          "document must be an SSM document name (3 to 128 of A-Z a-z 0-9 _ . -), was '"
              + document
              + "'");
    }
    return name;
  }
}

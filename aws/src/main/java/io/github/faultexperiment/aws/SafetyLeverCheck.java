package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.ExperimentNotAllowedException;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.SafetyLever;
import software.amazon.awssdk.services.fis.model.SafetyLeverStatus;

/**
 * Reads the region's FIS safety lever before an experiment starts. While it is engaged (or
 * engaging) FIS cancels every experiment it is asked to start, so starting one would only show
 * {@code cancelled}: the test is aborted (or failed, {@link AwsProperties#SAFETY_LEVER}) with the
 * lever's own reason instead.
 */
final class SafetyLeverCheck {
  /** FIS keeps one lever per account and region, with this id. */
  static final String LEVER_ID = "default";

  private static final Logger LOG = Logger.getLogger(SafetyLeverCheck.class.getName());

  private final FisClient fis;
  private final FisCalls calls;
  private final String region;
  private final boolean fails;

  SafetyLeverCheck(FisClient fis, FisCalls calls, String region, boolean fails) {
    this.fis = fis;
    this.calls = calls;
    this.region = region;
    this.fails = fails;
  }

  /**
   * Throws {@link ExperimentNotAllowedException} when the lever is engaged or engaging. Credentials
   * without {@code fis:GetSafetyLever} do not stop the test: FIS itself still cancels an experiment
   * the lever blocks, and the cancelled experiment's report says why.
   */
  void verify() {
    SafetyLever lever;
    try {
      lever =
          calls
              .call("FIS GetSafetyLever", () -> fis.getSafetyLever(get -> get.id(LEVER_ID)))
              .safetyLever();
    } catch (CloudApiException denied) {
      if (denied.reason() != CloudApiException.Reason.ACCESS_DENIED) {
        throw denied;
      }
      LOG.log(
          Level.WARNING,
          () ->
              "Could not read the FIS safety lever of "
                  + region
                  + " (grant fis:GetSafetyLever to check it before starting): "
                  + denied.getMessage());
      return;
    }
    SafetyLeverStatus status = lever.state() == null ? null : lever.state().status();
    if (status != SafetyLeverStatus.ENGAGED && status != SafetyLeverStatus.ENGAGING) {
      return;
    }
    String reason = lever.state().reason();
    throw new ExperimentNotAllowedException(
        "The FIS safety lever of "
            + region
            + " ("
            + lever.arn()
            + ") is "
            + lever.state().statusAsString()
            + (reason == null || reason.isBlank() ? "" : ", reason: " + reason)
            + ". FIS cancels every experiment started while it is, so none was started. Run the"
            + " test again once the lever is disengaged (aws fis update-safety-lever-state --id "
            + LEVER_ID
            + " --state status=disengaged,reason=…)"
            + (fails
                ? "."
                : "; set "
                    + AwsProperties.SAFETY_LEVER
                    + "="
                    + AwsProperties.SAFETY_LEVER_FAIL
                    + " to fail rather than skip such tests."),
        !fails);
  }
}

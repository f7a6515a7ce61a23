package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The input and output of the target account configuration operations: reads a configuration from a
 * Create or Update request (an Update keeps what it does not send), checks the account id as the
 * FIS model constrains it, and writes the answers.
 */
final class TargetAccountRequests {
  private static final String MEMBER = "targetAccountConfigurations";

  private TargetAccountRequests() {}

  /**
   * Reads a configuration from a request body.
   *
   * @param current the configuration an Update changes, or {@code null} for a Create
   */
  static TargetAccountConfiguration read(
      String accountId, AwsRequest request, TargetAccountConfiguration current) {
    ObjectNode body = Json.readObject(request.body());
    validAccount(accountId);
    String roleArn =
        current == null || body.hasNonNull("roleArn")
            ? Json.requireText(body, "", "roleArn")
            : current.roleArn();
    String description =
        body.hasNonNull("description")
            ? Json.requireText(body, "", "description")
            : current == null ? null : current.description();
    if (description != null && description.length() > 512) {
      throw ApiException.constraint(
          description, "description", "Member must have length less than or equal to 512");
    }
    return new TargetAccountConfiguration(accountId, roleArn, description);
  }

  /** The TargetAccountId constraints of the FIS model. */
  static String validAccount(String accountId) {
    if (accountId.length() < 12 || accountId.length() > 48 || !accountId.matches("\\S+")) {
      throw ApiException.constraint(
          accountId,
          "accountId",
          "Member must have length between 12 and 48 and satisfy regular expression pattern:"
              + " [\\S]+");
    }
    return accountId;
  }

  static ObjectNode response(TargetAccountConfiguration configuration) {
    ObjectNode response = Json.object();
    response.set("targetAccountConfiguration", configuration.toJson());
    return response;
  }

  static ObjectNode list(
      List<TargetAccountConfiguration> configurations, AwsRequest request, boolean paged) {
    if (!paged) {
      // ListExperimentTargetAccountConfigurations takes no maxResults; one page holds them all.
      ObjectNode response = Json.object();
      ArrayNode items = response.putArray(MEMBER);
      configurations.forEach(configuration -> items.add(configuration.toJson()));
      return response;
    }
    return FisApi.page(configurations, request, MEMBER, TargetAccountConfiguration::toJson);
  }
}

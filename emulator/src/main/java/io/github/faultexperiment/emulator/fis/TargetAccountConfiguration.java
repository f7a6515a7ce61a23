package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A target account of a multi-account template: the account whose resources its experiments may act
 * on, and the role FIS assumes there.
 *
 * @param accountId the target account
 * @param roleArn the role in that account
 * @param description an optional description, or {@code null}
 */
record TargetAccountConfiguration(String accountId, String roleArn, String description) {

  /** The {@code TargetAccountConfiguration} shape (and its summary, which has the same members). */
  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("roleArn", roleArn);
    json.put("accountId", accountId);
    if (description != null) {
      json.put("description", description);
    }
    return json;
  }
}

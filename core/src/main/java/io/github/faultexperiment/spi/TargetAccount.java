package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One account a multi-account experiment reaches into (FIS target account configuration).
 *
 * @param accountId the account
 * @param roleArn the role the service assumes there, or empty
 * @param description what the configuration says about it, or empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TargetAccount(String accountId, String roleArn, String description) {
  public TargetAccount {
    roleArn = roleArn == null ? "" : roleArn;
    description = description == null ? "" : description;
  }
}

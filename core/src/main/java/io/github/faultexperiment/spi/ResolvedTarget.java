package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One resource an experiment's target resolved to: a row of its blast radius.
 *
 * @param target the target (FIS target name; Fault Testing: the action kind) that chose it
 * @param resourceType the service's resource type, e.g. {@code aws:ec2:instance} or {@code
 *     compute.googleapis.com/forwardingRules}
 * @param identifier the resource's ARN or full resource URI
 * @param account the AWS account or Google Cloud project it lives in, or empty when unknown
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResolvedTarget(
    String target, String resourceType, String identifier, String account) {
  public ResolvedTarget {
    target = target == null ? "" : target;
    resourceType = resourceType == null ? "" : resourceType;
    identifier = identifier == null ? "" : identifier;
    account = account == null ? "" : account;
  }
}

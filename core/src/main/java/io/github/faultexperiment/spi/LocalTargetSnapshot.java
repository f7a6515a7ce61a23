package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import org.apiguardian.api.API;

/**
 * One local target of an {@link EmbeddedBackend} and what it has done with requests since it was
 * registered.
 *
 * @param kind what the target stands for, e.g. {@code LAMBDA_FUNCTION}, {@code TCP_RESOURCE}
 * @param resource the cloud resource it stands for (an ARN, a resource name)
 * @param uri the proxy's address
 * @param requests every request (or connection) received
 * @param delayed requests held back by a delay (also counted by how they were then answered)
 * @param aborted requests answered by a fault instead of the upstream
 * @param passed requests answered with the upstream's own response
 * @param upstreamFailures requests the upstream could not answer
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LocalTargetSnapshot(
    String kind,
    String resource,
    URI uri,
    long requests,
    long delayed,
    long aborted,
    long passed,
    long upstreamFailures) {}

package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What a {@link LocalTarget} has done with the requests it received since it was created or last
 * reset.
 *
 * @param requests every request received
 * @param delayed requests held back by a delay (they are also counted as passed, aborted or failed,
 *     by how they were answered)
 * @param aborted requests answered by a fault (abort, error or canned response) instead of the
 *     upstream
 * @param passed requests answered with the upstream's own response
 * @param upstreamFailures requests the upstream could not answer (answered {@code 502})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LocalTargetCounters(
    long requests, long delayed, long aborted, long passed, long upstreamFailures) {}

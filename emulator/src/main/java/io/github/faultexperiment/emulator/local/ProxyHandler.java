package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.ProtocolException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpRequestHandler;
import org.apache.http.util.EntityUtils;

/** Applies the active faults to each request, and forwards whatever they let through. */
final class ProxyHandler implements HttpRequestHandler {
  private static final byte[] NO_BODY = new byte[0];

  private final Upstream upstream;
  private final ActiveFaults faults;
  private final Traffic traffic;

  ProxyHandler(Upstream upstream, ActiveFaults faults, Traffic traffic) {
    this.upstream = upstream;
    this.faults = faults;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpRequest request, HttpResponse response, HttpContext context)
      throws HttpException, IOException {
    URI received;
    try {
      received = URI.create(request.getRequestLine().getUri());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("Malformed request target", e); // answered 400
    }
    byte[] body = readBody(request);
    Traffic.Tally counter = traffic.arrive(faults.experiments());
    if (!faults.isEmpty() && answeredWithApiError(request, received, response, body, counter)) {
      return;
    }
    ActiveFaults.Plan plan = faults.plan();
    try {
      if (!plan.delay().isZero()) {
        counter.delayed();
        Thread.sleep(plan.delay().toMillis());
      }
    } catch (InterruptedException e) {
      // The target is closing: the connection is dropped without an answer.
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("local target closed");
    }
    if (plan.answer() == null) {
      pass(request, received, response, body, counter);
    } else {
      answerWithFault(request, received, response, body, plan.answer(), counter);
    }
  }

  /** Answers an AWS API call with its service's own error when an API fault selects it. */
  private boolean answeredWithApiError(
      HttpRequest request,
      URI received,
      HttpResponse response,
      byte[] body,
      Traffic.Tally counter) {
    AwsCall call = AwsCall.read(request, received.getRawQuery(), body);
    LocalFault.ApiError error = faults.apiError(call.service(), call.operation());
    if (error == null) {
      return false;
    }
    counter.aborted();
    AwsCall.Answer answer = call.error(error.kind());
    if (answer.errorType() != null) {
      response.setHeader("x-amzn-ErrorType", answer.errorType());
    }
    response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    send(
        request,
        response,
        answer.status(),
        answer.contentType(),
        answer.body().getBytes(StandardCharsets.UTF_8));
    return true;
  }

  private void pass(
      HttpRequest request, URI received, HttpResponse response, byte[] body, Traffic.Tally counter)
      throws IOException {
    Upstream.Answer answer;
    try {
      answer = upstream.forward(request, received, body);
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw e; // the target is closing, not the upstream failing
      }
      counter.upstreamFailure();
      send(
          request,
          response,
          502,
          "text/plain; charset=utf-8",
          ("local target could not reach its upstream " + upstream.base() + ": " + e)
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    counter.passed();
    for (Header header : answer.headers()) {
      if (Upstream.forwarded(header.getName())) {
        response.addHeader(header);
      }
    }
    writeResponse(request, response, answer.statusCode(), answer.body());
  }

  private void answerWithFault(
      HttpRequest request,
      URI received,
      HttpResponse response,
      byte[] body,
      LocalFault fault,
      Traffic.Tally counter) {
    boolean callUpstream =
        fault instanceof LocalFault.Abort abort
            ? abort.callUpstream()
            : ((LocalFault.Respond) fault).callUpstream();
    if (callUpstream) {
      try {
        upstream.forward(request, received, body);
      } catch (IOException e) {
        // The fault answers either way; the upstream's own answer or failure is dropped.
        counter.upstreamFailure();
      }
    }
    counter.aborted();
    if (fault instanceof LocalFault.Abort abort) {
      send(
          request,
          response,
          abort.statusCode(),
          "text/plain; charset=utf-8",
          ("fault injected by fault-experiment-emulator: abort " + abort.statusCode())
              .getBytes(StandardCharsets.UTF_8));
    } else {
      LocalFault.Respond respond = (LocalFault.Respond) fault;
      send(request, response, respond.statusCode(), respond.contentType(), NO_BODY);
    }
  }

  private static void send(
      HttpRequest request, HttpResponse response, int status, String contentType, byte[] body) {
    response.setHeader("Content-Type", contentType);
    writeResponse(request, response, status, body);
  }

  private static void writeResponse(
      HttpRequest request, HttpResponse response, int status, byte[] body) {
    response.setStatusCode(status);
    boolean bodiless =
        body.length == 0
            || status == 204
            || status == 304
            || "HEAD".equalsIgnoreCase(request.getRequestLine().getMethod());
    if (!bodiless) {
      response.setEntity(new ByteArrayEntity(body));
    }
  }

  private static byte[] readBody(HttpRequest request) throws IOException {
    if (request instanceof HttpEntityEnclosingRequest enclosing) {
      HttpEntity entity = enclosing.getEntity();
      byte[] body = entity == null ? null : EntityUtils.toByteArray(entity);
      return body == null ? NO_BODY : body;
    }
    return NO_BODY;
  }
}

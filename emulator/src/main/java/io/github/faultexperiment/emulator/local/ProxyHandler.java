package io.github.faultexperiment.emulator.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Applies the active faults to each request, and forwards whatever they let through. */
final class ProxyHandler implements HttpHandler {
  private final Upstream upstream;
  private final ActiveFaults faults;
  private final Traffic traffic;

  ProxyHandler(Upstream upstream, ActiveFaults faults, Traffic traffic) {
    this.upstream = upstream;
    this.faults = faults;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange);
      Traffic.Tally counter = traffic.arrive(faults.experiments());
      if (!faults.isEmpty() && answeredWithApiError(exchange, body, counter)) {
        return;
      }
      ActiveFaults.Plan plan = faults.plan();
      if (!plan.delay().isZero()) {
        counter.delayed();
        Thread.sleep(plan.delay().toMillis());
      }
      if (plan.answer() == null) {
        pass(exchange, body, counter);
      } else {
        answerWithFault(exchange, body, plan.answer(), counter);
      }
    } catch (InterruptedException e) {
      // The target is closing: the exchange is dropped with it.
      Thread.currentThread().interrupt();
    }
  }

  /** Answers an AWS API call with its service's own error when an API fault selects it. */
  private boolean answeredWithApiError(HttpExchange exchange, byte[] body, Traffic.Tally counter)
      throws IOException {
    AwsCall call =
        AwsCall.read(exchange.getRequestHeaders(), exchange.getRequestURI().getRawQuery(), body);
    LocalFault.ApiError error = faults.apiError(call.service(), call.operation());
    if (error == null) {
      return false;
    }
    counter.aborted();
    AwsCall.Answer answer = call.error(error.kind());
    if (answer.errorType() != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
    }
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    send(
        exchange,
        answer.status(),
        answer.contentType(),
        answer.body().getBytes(StandardCharsets.UTF_8));
    return true;
  }

  private void pass(HttpExchange exchange, byte[] body, Traffic.Tally counter)
      throws IOException, InterruptedException {
    Upstream.Answer answer;
    try {
      answer = upstream.forward(exchange, body);
    } catch (IOException e) {
      counter.upstreamFailure();
      send(
          exchange,
          502,
          "text/plain; charset=utf-8",
          ("local target could not reach its upstream " + upstream.base() + ": " + e)
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    counter.passed();
    answer
        .headers()
        .forEach(
            (name, values) -> {
              if (Upstream.forwarded(name)) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    writeResponse(exchange, answer.statusCode(), answer.body());
  }

  private void answerWithFault(
      HttpExchange exchange, byte[] body, LocalFault fault, Traffic.Tally counter)
      throws IOException, InterruptedException {
    boolean callUpstream =
        fault instanceof LocalFault.Abort abort
            ? abort.callUpstream()
            : ((LocalFault.Respond) fault).callUpstream();
    if (callUpstream) {
      try {
        upstream.forward(exchange, body);
      } catch (IOException e) {
        // The fault answers either way; the upstream's own answer or failure is dropped.
        counter.upstreamFailure();
      }
    }
    counter.aborted();
    if (fault instanceof LocalFault.Abort abort) {
      send(
          exchange,
          abort.statusCode(),
          "text/plain; charset=utf-8",
          ("fault injected by fault-experiment-emulator: abort " + abort.statusCode())
              .getBytes(StandardCharsets.UTF_8));
    } else {
      LocalFault.Respond respond = (LocalFault.Respond) fault;
      send(exchange, respond.statusCode(), respond.contentType(), new byte[0]);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    writeResponse(exchange, status, body);
  }

  private static void writeResponse(HttpExchange exchange, int status, byte[] body)
      throws IOException {
    boolean bodiless =
        body.length == 0
            || status == 204
            || status == 304
            || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, bodiless ? -1 : body.length);
    if (!bodiless) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }
}

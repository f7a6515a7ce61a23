package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.common.RequestCounters;
import io.github.faultexperiment.emulator.s3.S3Objects;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Answers the AWS side of the emulator: verifies each request's SigV4 signature, then routes it by
 * the credential scope's service — FIS (REST-JSON), S3 report objects, STS — counting it and
 * applying injected API faults on the way. Errors are written in each service's own format.
 */
final class AwsDispatcher {
  private static final System.Logger LOG = System.getLogger(AwsDispatcher.class.getName());
  private static final Map<String, String> STS_CODES =
      Map.of(
          "UnrecognizedClientException", "InvalidClientTokenId",
          "InvalidSignatureException", "SignatureDoesNotMatch",
          "MissingAuthenticationTokenException", "MissingAuthenticationToken");
  private static final Map<String, String> S3_CODES =
      Map.of(
          "UnrecognizedClientException", "InvalidAccessKeyId",
          "InvalidSignatureException", "SignatureDoesNotMatch",
          "MissingAuthenticationTokenException", "AccessDenied");

  private final SigV4Verifier verifier;
  private final FisApi api;
  private final S3Objects s3;
  private final ApiFaults faults;
  private final RequestCounters counters;
  private final Supplier<String> account;
  private final String accessKeyId;

  AwsDispatcher(
      SigV4Verifier verifier,
      FisApi api,
      S3Objects s3,
      ApiFaults faults,
      RequestCounters counters,
      Supplier<String> account,
      String accessKeyId) {
    this.verifier = verifier;
    this.api = api;
    this.s3 = s3;
    this.faults = faults;
    this.counters = counters;
    this.account = account;
    this.accessKeyId = accessKeyId;
  }

  void handle(HttpExchange exchange) throws IOException {
    // Not SecureRandom-backed UUID.randomUUID(): request ids need not be secret, and it is the hot
    // path.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String requestId = new UUID(random.nextLong(), random.nextLong()).toString();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    AwsRequest request = AwsRequest.read(exchange);
    String service = serviceHint(request);
    try {
      SigV4Verifier.Scope scope = verifier.verify(request);
      service = scope.service();
      switch (service) {
        case "s3" -> {
          String operation = S3Objects.operation(request.method(), request.rawPath());
          if (operation == null) {
            throw new ApiException(
                405,
                "MethodNotAllowed",
                "The emulator's S3 answers only GetObject and HeadObject on /{bucket}/{key}");
          }
          if (admit(operation, exchange)) {
            s3.handle(exchange, requestId);
          }
        }
        case "sts" -> {
          if (admit(Sts.operation(request), exchange)) {
            send(
                exchange,
                200,
                "text/xml",
                Sts.callerIdentity(account.get(), accessKeyId, requestId));
          }
        }
        default -> {
          FisApi.Route route = api.route(request, scope.region());
          if (admit(route.operation(), exchange)) {
            ObjectNode response = route.call().get();
            send(exchange, 200, "application/json", Json.write(response));
          }
        }
      }
    } catch (ApiException e) {
      sendError(exchange, service, e, requestId);
    } catch (RuntimeException e) {
      // An emulator bug: answered like FIS's own 500 rather than a dropped connection, which
      // clients would retry as a network failure and so hide.
      LOG.log(
          System.Logger.Level.ERROR,
          "Could not answer " + request.method() + " " + request.rawPath(),
          e);
      sendError(
          exchange,
          service,
          new ApiException(500, "InternalServerException", "Emulator error: " + e),
          requestId);
    }
  }

  /** Counts the request and applies any injected fault; false when the connection was dropped. */
  private boolean admit(String operation, HttpExchange exchange) {
    counters.increment(operation);
    ApiFault fault = faults.hit(operation);
    if (fault == null) {
      return true;
    }
    switch (fault.kind()) {
      case THROTTLE -> throw new ApiException(429, "ThrottlingException", "Rate exceeded");
      case SERVER_ERROR ->
          throw new ApiException(
              500, "InternalServerException", "Injected server error on " + operation);
      case UNAVAILABLE ->
          throw new ApiException(
              503, "ServiceUnavailableException", "Injected unavailability on " + operation);
      case LATENCY -> {
        try {
          Thread.sleep(fault.latency().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return true;
      }
      case CONNECTION_RESET -> {
        // Closing the exchange before any response header closes the connection.
        exchange.close();
        return false;
      }
    }
    return true;
  }

  private static void sendError(
      HttpExchange exchange, String service, ApiException error, String requestId)
      throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
    switch (service) {
      case "s3" ->
          S3Objects.sendError(
              exchange,
              error.status(),
              S3_CODES.getOrDefault(error.code(), error.code()),
              error.getMessage(),
              requestId,
              exchange.getRequestMethod().equals("HEAD"));
      case "sts" ->
          send(
              exchange,
              error.status(),
              "text/xml",
              Sts.error(
                  STS_CODES.getOrDefault(error.code(), error.code()),
                  error.getMessage(),
                  requestId));
      default -> {
        ObjectNode body = Json.object();
        body.put("__type", error.code());
        body.put("message", error.getMessage());
        send(exchange, error.status(), "application/json", Json.write(body));
      }
    }
  }

  /** The service a request is meant for, read leniently so even an unsigned one gets its format. */
  private static String serviceHint(AwsRequest request) {
    String authorization = request.header("Authorization");
    if (authorization != null) {
      int credential = authorization.indexOf("Credential=");
      if (credential >= 0) {
        String[] scope = authorization.substring(credential + 11).split("[,\\s]")[0].split("/");
        if (scope.length == 5) {
          return scope[3];
        }
      }
    }
    return request.rawPath().equals("/") ? "sts" : "fis";
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}

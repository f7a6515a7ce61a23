package io.github.faultexperiment.emulator.s3;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * Path-style S3 GetObject and HeadObject ({@code GET|HEAD /{bucket}/{key}}) over an {@link
 * ObjectStore}. The caller has verified the request's signature already.
 */
@API(status = INTERNAL, since = "0.1")
public final class S3Objects {
  private final ObjectStore store;

  /**
   * Serves the objects of a store.
   *
   * @param store the objects
   */
  public S3Objects(ObjectStore store) {
    this.store = store;
  }

  /** The S3 operation a request asks for: {@code GetObject}, {@code HeadObject} or {@code null}. */
  public static String operation(String method, String rawPath) {
    boolean objectPath = rawPath.indexOf('/', 1) > 1;
    if (objectPath && method.equals("GET")) {
      return "GetObject";
    }
    if (objectPath && method.equals("HEAD")) {
      return "HeadObject";
    }
    return null;
  }

  /**
   * Answers a GetObject or HeadObject request.
   *
   * @param exchange the request
   * @param requestId the request id to report in errors
   * @throws IOException when the answer cannot be written
   */
  public void handle(HttpExchange exchange, String requestId) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    int slash = rawPath.indexOf('/', 1);
    String bucket = decode(rawPath.substring(1, slash));
    String key = decode(rawPath.substring(slash + 1));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    var found = store.get(bucket, key);
    if (found.isEmpty()) {
      String code = store.hasBucket(bucket) ? "NoSuchKey" : "NoSuchBucket";
      String message =
          store.hasBucket(bucket)
              ? "The specified key does not exist: " + key
              : "The specified bucket does not exist: " + bucket;
      sendError(exchange, 404, code, message, requestId, head);
      return;
    }
    ObjectStore.StoredObject object = found.get();
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", object.contentType());
    headers.set("ETag", "\"" + md5(object.content()) + "\"");
    headers.set(
        "Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            object.lastModified().atOffset(ZoneOffset.UTC)));
    headers.set("Accept-Ranges", "bytes");
    if (head) {
      headers.set("Content-Length", Integer.toString(object.content().length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, object.content().length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(object.content());
    }
  }

  /**
   * Writes an S3 XML error.
   *
   * @param exchange the request
   * @param status the HTTP status
   * @param code the S3 error code
   * @param message the message
   * @param requestId the request id
   * @param head whether the request was a HEAD (no body allowed)
   * @throws IOException when the answer cannot be written
   */
  public static void sendError(
      HttpExchange exchange,
      int status,
      String code,
      String message,
      String requestId,
      boolean head)
      throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + escape(code)
                + "</Code><Message>"
                + escape(message)
                + "</Message><RequestId>"
                + requestId
                + "</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-amz-request-id", requestId);
    if (head) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, xml.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(xml);
    }
  }

  private static String decode(String encoded) {
    return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }
}

package io.github.faultexperiment.emulator.fis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** STS GetCallerIdentity, so that account allow-lists can be checked against the emulator. */
final class Sts {
  static final String OPERATION = "GetCallerIdentity";
  private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private Sts() {}

  /** The STS action a {@code POST /} form asks for. */
  static String operation(AwsRequest request) {
    String action = null;
    if (request.method().equals("POST")) {
      action =
          AwsRequest.parseQuery(new String(request.body(), StandardCharsets.UTF_8))
              .getOrDefault("Action", List.of())
              .stream()
              .findFirst()
              .orElse(null);
    }
    if (!OPERATION.equals(action)) {
      throw new ApiException(
          400,
          "InvalidAction",
          "The emulator's STS answers only Action=GetCallerIdentity (POST /), not " + action);
    }
    return OPERATION;
  }

  static byte[] callerIdentity(String account, String accessKeyId, String requestId) {
    return ("<GetCallerIdentityResponse xmlns=\""
            + NAMESPACE
            + "\">\n  <GetCallerIdentityResult>\n    <Arn>arn:aws:iam::"
            + account
            + ":user/"
            + accessKeyId
            + "</Arn>\n    <UserId>AIDAEMULATOR"
            + accessKeyId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "")
            + "</UserId>\n    <Account>"
            + account
            + "</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>"
            + requestId
            + "</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] error(String code, String message, String requestId) {
    return ("<ErrorResponse xmlns=\""
            + NAMESPACE
            + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>"
            + code
            + "</Code>\n    <Message>"
            + message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            + "</Message>\n  </Error>\n  <RequestId>"
            + requestId
            + "</RequestId>\n</ErrorResponse>\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}

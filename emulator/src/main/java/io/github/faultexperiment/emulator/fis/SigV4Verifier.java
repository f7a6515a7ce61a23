package io.github.faultexperiment.emulator.fis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a request's SigV4 {@code Authorization} header by signing the same request again with the
 * AWS SDK's own SigV4 request signer and the emulator's credentials, at the time the client signed
 * it.
 *
 * <p>It uses the request signer inside {@code http-auth-aws} rather than a public signer:
 *
 * <ul>
 *   <li>{@code AwsV4HttpSigner} always adds and signs {@code x-amz-content-sha256} — also with
 *       {@code PAYLOAD_SIGNING_ENABLED=false}, which it overrides for plain {@code http://} — while
 *       botocore (AWS CLI, boto3) neither sends nor signs it for FIS and STS, so its signatures
 *       could never be reproduced;
 *   <li>the older {@code Aws4Signer} would reproduce them but is deprecated, and S3's {@code
 *       UNSIGNED-PAYLOAD} would need a second deprecated signer ({@code AwsS3V4Signer}).
 * </ul>
 *
 * <p>The request signer signs exactly the headers the client listed in {@code SignedHeaders}, for
 * every client. The SDK version is pinned by the BOM, and {@code AwsCliCompatibilityTests}
 * (botocore) and {@code FisSecurityAndFaultTests} (SDK signer) fail on an upgrade that changes it.
 */
final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final AwsCredentialsIdentity credentials;

  SigV4Verifier(String accessKeyId, String secretAccessKey) {
    this.credentials = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
  }

  /**
   * The service and region the request was signed for.
   *
   * @param service the credential scope's service ({@code fis}, {@code s3}, {@code sts}, …)
   * @param region the credential scope's region
   */
  record Scope(String service, String region) {}

  /** Returns the request's credential scope, or throws why the request is not authentic. */
  Scope verify(AwsRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      throw new ApiException(
          403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Authorization parsed = Authorization.parse(authorization);
    String[] scope = parsed.credential().split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw incomplete("Credential must be <access key>/<date>/<region>/<service>/aws4_request");
    }
    if (!credentials.accessKeyId().equals(scope[0])) {
      throw new ApiException(
          403,
          "UnrecognizedClientException",
          "The security token included in the request is invalid: access key "
              + scope[0]
              + " is not the emulator's ("
              + credentials.accessKeyId()
              + ")");
    }
    String expected = expectedSignature(request, parsed.signedHeaders(), scope[2], scope[3]);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        parsed.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw new ApiException(
          403,
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method.");
    }
    return new Scope(scope[3], scope[2]);
  }

  private String expectedSignature(
      AwsRequest request, List<String> signedHeaders, String region, String service) {
    boolean s3 = "s3".equals(service);
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .protocol("http")
            .host("localhost")
            .encodedPath(request.rawPath());
    for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
      unsigned.putRawQueryParameter(parameter.getKey(), parameter.getValue());
    }
    // Exactly the headers the client signed: the SDK's request signer signs what is present.
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values != null) {
        unsigned.putHeader(name, values);
      }
    }
    Instant signingTime = signingTime(request);
    V4Properties properties =
        V4Properties.builder()
            .credentials(credentials)
            .credentialScope(new CredentialScope(region, service, signingTime))
            .signingClock(Clock.fixed(signingTime, ZoneOffset.UTC))
            .doubleUrlEncode(!s3)
            .normalizePath(!s3)
            .build();
    return V4RequestSigner.create(properties, payloadHash(request)).sign(unsigned).getSignature();
  }

  /**
   * The payload hash the client signed: its {@code x-amz-content-sha256} claim (S3, e.g. {@code
   * UNSIGNED-PAYLOAD}), else the SHA-256 of the body.
   */
  private static String payloadHash(AwsRequest request) {
    String actual = HexFormat.of().formatHex(SignerUtils.hash(request.body()));
    String claimed = request.header("x-amz-content-sha256");
    if (claimed == null) {
      return actual;
    }
    if (claimed.matches("[0-9a-f]{64}") && !claimed.equals(actual)) {
      throw new ApiException(
          400,
          "XAmzContentSHA256Mismatch",
          "The provided x-amz-content-sha256 header does not match what was computed.");
    }
    return claimed;
  }

  private static Instant signingTime(AwsRequest request) {
    String amzDate = request.header("X-Amz-Date");
    if (amzDate == null) {
      throw incomplete("Authorization header requires an X-Amz-Date header");
    }
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw incomplete("X-Amz-Date " + amzDate + " is not in the form yyyyMMdd'T'HHmmss'Z'");
    }
  }

  private static ApiException incomplete(String message) {
    return new ApiException(400, "IncompleteSignatureException", message);
  }

  /** The parts of an {@code AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header. */
  private record Authorization(String credential, List<String> signedHeaders, String signature) {
    static Authorization parse(String header) {
      if (!header.startsWith(ALGORITHM + " ")) {
        throw incomplete("Authorization header must use " + ALGORITHM + ", was: " + header);
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
        String trimmed = part.trim();
        if (trimmed.startsWith("Credential=")) {
          credential = trimmed.substring("Credential=".length());
        } else if (trimmed.startsWith("SignedHeaders=")) {
          signedHeaders = trimmed.substring("SignedHeaders=".length());
        } else if (trimmed.startsWith("Signature=")) {
          signature = trimmed.substring("Signature=".length());
        }
      }
      if (credential == null || signedHeaders == null || signature == null) {
        throw incomplete(
            "Authorization header requires Credential, SignedHeaders and Signature: " + header);
      }
      return new Authorization(credential, List.of(signedHeaders.split(";")), signature);
    }
  }
}

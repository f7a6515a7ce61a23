package io.github.faultexperiment.emulator.fis;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a request's SigV4 {@code Authorization} header by signing the same request again with the
 * AWS SDK's own signer and the emulator's credentials, at the time the client signed it.
 */
final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
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
      throw new ServiceException(
          403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Authorization parsed = Authorization.parse(authorization);
    String[] scope = parsed.credential().split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw incomplete("Credential must be <access key>/<date>/<region>/<service>/aws4_request");
    }
    if (!credentials.accessKeyId().equals(scope[0])) {
      throw new ServiceException(
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
      throw new ServiceException(
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
    // The protocol is not part of the signature; https keeps the signer from forcing payload
    // signing, which it does for plain http.
    SdkHttpFullRequest.Builder unsigned =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .protocol("https")
            .host("localhost")
            .encodedPath(request.rawPath());
    for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
      unsigned.putRawQueryParameter(parameter.getKey(), parameter.getValue());
    }
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values != null) {
        unsigned.putHeader(name, values);
      }
    }
    String payloadHash = request.header("x-amz-content-sha256");
    SignRequest<AwsCredentialsIdentity> signRequest =
        SignRequest.builder(credentials)
            .request(unsigned.build())
            .payload(() -> new ByteArrayInputStream(request.body()))
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
            .putProperty(
                AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED,
                !UNSIGNED_PAYLOAD.equals(payloadHash))
            .putProperty(HttpSigner.SIGNING_CLOCK, clockAt(signingTime(request)))
            .build();
    SignedRequest signed = signer.sign(signRequest);
    String authorization =
        signed
            .request()
            .firstMatchingHeader("Authorization")
            .orElseThrow(() -> new IllegalStateException("The SDK signer set no Authorization"));
    return Authorization.parse(authorization).signature();
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

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static ServiceException incomplete(String message) {
    return new ServiceException(400, "IncompleteSignatureException", message);
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

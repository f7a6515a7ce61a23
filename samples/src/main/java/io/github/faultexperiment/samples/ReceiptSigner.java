package io.github.faultexperiment.samples;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs receipts with HMAC-SHA256 before they are sent: pure CPU work on the checkout instance, so
 * its latency budget is what CPU stress on that instance threatens.
 */
public final class ReceiptSigner {
  private final SecretKeySpec key;

  /** A signer with {@code secret} as its key. */
  public ReceiptSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The hex signature of one receipt. */
  public String sign(String receipt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(receipt.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

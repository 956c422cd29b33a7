package dev.sextant.release.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@value #HEADER}: {@code sha256=<hex HMAC-SHA256 of the body with the
 * webhook's secret>}. Receivers recompute it over the raw body and compare in constant time.
 */
public final class WebhookSigner {
    public static final String HEADER = "X-Sextant-Signature-256";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSigner() {
    }

    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body}, compared in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        return MessageDigest.isEqual(signature(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }
}

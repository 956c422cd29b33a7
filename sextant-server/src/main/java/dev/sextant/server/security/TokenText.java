package dev.sextant.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The text of an API token: {@code sxt_<16 hex id>_<43 base64url secret>}. The id finds the stored
 * token; 256 random bits make the secret, so a fast SHA-256 of the whole text is a safe thing to
 * store (slow password hashes are for secrets people choose).
 */
final class TokenText {
    static final String PREFIX = "sxt_";
    private static final int ID_LENGTH = 16;

    private TokenText() {
    }

    record Issued(String id, String text) {
    }

    static Issued issue(RandomGenerator random) {
        byte[] id = new byte[ID_LENGTH / 2];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        return new Issued(idHex, PREFIX + idHex + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The id embedded in a token text, if it has the shape of one. */
    static Optional<String> id(String text) {
        if (!text.startsWith(PREFIX) || text.length() < PREFIX.length() + ID_LENGTH + 2
                || text.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        for (int i = 0; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }

    static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

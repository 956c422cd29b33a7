package dev.sextant.server.ui;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One file of the UI, held in memory (they are small), with the validator browsers revalidate by. */
record Asset(byte[] bytes, String contentType, String etag) {

    static Asset of(byte[] bytes, String contentType) {
        return new Asset(bytes, contentType, "\"" + digest(bytes) + "\"");
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

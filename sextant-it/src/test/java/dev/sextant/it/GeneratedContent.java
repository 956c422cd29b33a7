package dev.sextant.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Pseudo-random bytes of a given length, produced on the fly (never held in memory), with the
 * SHA-256 of everything read so far.
 */
final class GeneratedContent extends InputStream {
    private final SplittableRandom random;
    private final MessageDigest digest = sha256();
    private final byte[] block = new byte[64 * 1024];
    private long remaining;
    private int blockPosition = block.length;

    GeneratedContent(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (remaining == 0) {
            return -1;
        }
        if (blockPosition == block.length) {
            random.nextBytes(block);
            blockPosition = 0;
        }
        int n = (int) Math.min(Math.min(length, block.length - blockPosition), remaining);
        System.arraycopy(block, blockPosition, target, offset, n);
        digest.update(block, blockPosition, n);
        blockPosition += n;
        remaining -= n;
        return n;
    }

    /** The hex SHA-256 of the bytes read; call after the stream is exhausted. */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads a stream to its end, returning its length and hex SHA-256. */
    static Digest digestOf(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
            total += n;
        }
        return new Digest(total, HexFormat.of().formatHex(digest.digest()));
    }

    record Digest(long length, String sha256) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

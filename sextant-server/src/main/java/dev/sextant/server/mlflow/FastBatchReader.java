package dev.sextant.server.mlflow;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.sextant.tracking.MetricBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads the usual shape of a log-batch body straight from its bytes: a run id and plain metric
 * objects ({@code {"key":"loss","value":0.25,"timestamp":1700000000000,"step":3}}), with params
 * and tags absent or empty. Anything else (escapes or non-ASCII in strings, NaN tokens, numbers
 * sent as strings, nulls, other fields, a field twice, malformed JSON) makes it give up, and
 * {@link BatchParser} reads the body the general way, so results and error messages never differ.
 * Doubles go through Jackson's own parser, so they are the same bits.
 */
final class FastBatchReader {
    /** Longer numbers are left to the general reader (and its limits). */
    private static final int MAX_NUMBER = 64;
    /** Integers with this many digits or fewer cannot overflow a long. */
    private static final int SAFE_DIGITS = 18;

    private final byte[] in;
    private final char[] scratch = new char[MAX_NUMBER];
    private int at;
    private long integer;

    private FastBatchReader(byte[] in) {
        this.in = in;
    }

    /** The batch, or empty when the body is not of the usual shape (then nothing is known about it). */
    static Optional<BatchParser.Batch> read(byte[] body) {
        try {
            return Optional.ofNullable(new FastBatchReader(body).batch());
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty(); // truncated or odd: the general reader says what is wrong
        }
    }

    private BatchParser.Batch batch() {
        if (!expect('{')) {
            return null;
        }
        String runId = null;
        String runUuid = null;
        MetricBatch metrics = null;
        boolean params = false;
        boolean tags = false;
        if (peek() != '}') {
            do {
                int name = fieldName();
                switch (name) {
                    case RUN_ID -> {
                        if (runId != null || (runId = string()) == null) {
                            return null;
                        }
                    }
                    case RUN_UUID -> {
                        if (runUuid != null || (runUuid = string()) == null) {
                            return null;
                        }
                    }
                    case METRICS -> {
                        if (metrics != null || (metrics = metrics()) == null) {
                            return null;
                        }
                    }
                    case PARAMS, TAGS -> {
                        boolean seen = name == PARAMS ? params : tags;
                        if (seen || !emptyArray()) {
                            return null;
                        }
                        params |= name == PARAMS;
                        tags |= name == TAGS;
                    }
                    default -> {
                        return null;
                    }
                }
            } while (expect(','));
        }
        if (!expect('}') || !atEnd()) {
            return null;
        }
        String id = runId == null || runId.isEmpty() ? (runUuid == null ? "" : runUuid) : runId;
        return new BatchParser.Batch(id, metrics == null ? MetricBatch.empty() : metrics, List.of(), List.of());
    }

    private MetricBatch metrics() {
        if (!expect('[')) {
            return null;
        }
        MetricBatch.Builder batch = MetricBatch.builder(1024);
        if (peek() == ']') {
            at++;
            return batch.build();
        }
        do {
            if (!metric(batch)) {
                return null;
            }
        } while (expect(','));
        return expect(']') ? batch.build() : null;
    }

    private boolean metric(MetricBatch.Builder batch) {
        if (!expect('{') || peek() == '}') {
            return false;
        }
        int key = -1;
        double value = 0;
        long timestamp = 0;
        long step = 0;
        int seen = 0;
        do {
            int name = fieldName();
            if (name < KEY || (seen & (1 << name)) != 0) {
                return false;
            }
            seen |= 1 << name;
            switch (name) {
                case KEY -> {
                    if ((key = key(batch)) < 0) {
                        return false;
                    }
                }
                case VALUE -> {
                    if (!number()) {
                        return false;
                    }
                    value = parsedValue;
                }
                case TIMESTAMP, STEP -> {
                    if (!integer()) {
                        return false;
                    }
                    if (name == TIMESTAMP) {
                        timestamp = integer;
                    } else {
                        step = integer;
                    }
                }
                default -> {
                    return false;
                }
            }
        } while (expect(','));
        // key, value and timestamp are required; the general reader names what is missing
        if (!expect('}') || (seen & REQUIRED) != REQUIRED) {
            return false;
        }
        batch.add(key, value, timestamp, step);
        return true;
    }

    // ---- field names: compared byte by byte, no strings

    private static final int RUN_ID = 0;
    private static final int RUN_UUID = 1;
    private static final int METRICS = 2;
    private static final int PARAMS = 3;
    private static final int TAGS = 4;
    private static final int KEY = 5;
    private static final int VALUE = 6;
    private static final int TIMESTAMP = 7;
    private static final int STEP = 8;
    private static final int REQUIRED = (1 << KEY) | (1 << VALUE) | (1 << TIMESTAMP);
    private static final byte[][] NAMES = {bytes("run_id"), bytes("run_uuid"), bytes("metrics"), bytes("params"),
        bytes("tags"), bytes("key"), bytes("value"), bytes("timestamp"), bytes("step")};

    /** Reads {@code "name" :} and returns which known name it is, -1 for any other. */
    private int fieldName() {
        skipWhitespace();
        int start = stringBody();
        if (start < 0) {
            return -1;
        }
        int length = at - 1 - start;
        if (!expect(':')) {
            return -1;
        }
        int candidate = switch (length) {
            case 3 -> KEY;
            case 4 -> in[start] == 's' ? STEP : TAGS;
            case 5 -> VALUE;
            case 6 -> in[start] == 'r' ? RUN_ID : PARAMS;
            case 7 -> METRICS;
            case 8 -> RUN_UUID;
            case 9 -> TIMESTAMP;
            default -> -1;
        };
        return candidate >= 0 && same(in, start, NAMES[candidate], 0, length) ? candidate : -1;
    }

    // ---- values

    /** A string of printable ASCII without escapes; null otherwise. */
    private String string() {
        int start = stringBody();
        return start < 0 ? null : new String(in, start, at - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /** A metric key as an index into the batch's keys; -1 when not a plain ASCII string or empty. */
    private int key(MetricBatch.Builder batch) {
        int start = stringBody();
        int length = at - 1 - start;
        if (start < 0 || length == 0 || length > scratch.length) {
            return -1;
        }
        int hash = hash(start, length);
        int slot = hash & (seenStarts.length - 1);
        for (; seenIndexes[slot] != 0; slot = (slot + 1) & (seenStarts.length - 1)) {
            int seen = seenStarts[slot];
            if (seenHashes[slot] == hash && seenLengths[slot] == length && same(in, seen, in, start, length)) {
                return seenIndexes[slot] - 1;
            }
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = (char) in[start + i];
        }
        int index = batch.key(scratch, 0, length);
        if (seenCount < seenStarts.length / 2) {
            seenStarts[slot] = start;
            seenLengths[slot] = length;
            seenHashes[slot] = hash;
            seenIndexes[slot] = index + 1;
            seenCount++;
        }
        return index;
    }

    // Keys met so far, by where they are in the body: most batches repeat a few keys.
    private final int[] seenStarts = new int[64];
    private final int[] seenLengths = new int[64];
    private final int[] seenHashes = new int[64];
    private final int[] seenIndexes = new int[64];
    private int seenCount;

    private int hash(int start, int length) {
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + in[i];
        }
        return hash ^ (hash >>> 16);
    }

    // Short ranges: a plain loop beats the vectorised Arrays.equals set-up.
    private static boolean same(byte[] a, int from, byte[] b, int bFrom, int length) {
        for (int i = 0; i < length; i++) {
            if (a[from + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    // Reads a string; returns the offset of its first character and leaves `at` after the closing
    // quote, or -1 for anything but printable ASCII without escapes.
    private int stringBody() {
        byte[] bytes = in;
        int p = at;
        if (bytes[p] != '"') {
            return -1;
        }
        int start = ++p;
        for (byte b = bytes[p]; b != '"'; b = bytes[++p]) {
            if (b == '\\' || b < 0x20) { // also every non-ASCII byte, which is negative
                return -1;
            }
        }
        at = p + 1;
        return start;
    }

    private double parsedValue;

    /** A JSON number for a metric value, parsed exactly as the general reader parses it. */
    private boolean number() {
        int start = at;
        boolean negative = in[at] == '-';
        if (negative) {
            at++;
        }
        int digits = digits();
        if (digits < 0) {
            return false;
        }
        boolean fraction = false;
        byte[] bytes = in;
        int p = at;
        if (bytes[p] == '.') {
            fraction = true;
            int first = ++p;
            while (isDigit(bytes[p])) {
                p++;
            }
            if (p == first) {
                return false;
            }
        }
        if (bytes[p] == 'e' || bytes[p] == 'E') {
            fraction = true;
            p++;
            if (bytes[p] == '+' || bytes[p] == '-') {
                p++;
            }
            int first = p;
            while (isDigit(bytes[p])) {
                p++;
            }
            if (p == first) {
                return false;
            }
        }
        at = p;
        int length = at - start;
        if (length > MAX_NUMBER || !endOfValue()) {
            return false;
        }
        if (!fraction) {
            // An integer token: the general reader converts its long value.
            if (digits > SAFE_DIGITS) {
                return false;
            }
            parsedValue = (double) (negative ? -integer : integer);
            return true;
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = (char) in[start + i];
        }
        parsedValue = NumberInput.parseDouble(scratch, 0, length, true);
        return true;
    }

    /** A JSON integer of at most {@value #SAFE_DIGITS} digits into {@link #integer}. */
    private boolean integer() {
        boolean negative = in[at] == '-';
        if (negative) {
            at++;
        }
        int digits = digits();
        if (digits < 0 || digits > SAFE_DIGITS || !endOfValue()) {
            return false;
        }
        if (negative) {
            integer = -integer;
        }
        return true;
    }

    // Digits of an integer part: "0" or a non-zero digit and more. Returns how many (value in
    // `integer`, exact up to SAFE_DIGITS), or -1 when there are none or a leading zero.
    private int digits() {
        byte[] bytes = in;
        int start = at;
        int p = start;
        long value = 0;
        for (byte b = bytes[p]; b >= '0' && b <= '9'; b = bytes[++p]) {
            value = value * 10 + (b - '0');
        }
        at = p;
        int count = p - start;
        if (count == 0 || (count > 1 && bytes[start] == '0')) {
            return -1;
        }
        integer = value;
        return count;
    }

    /** After a number: whitespace, then ',', '}' or ']'. */
    private boolean endOfValue() {
        skipWhitespace();
        byte b = in[at];
        return b == ',' || b == '}' || b == ']';
    }

    private boolean emptyArray() {
        if (!expect('[')) {
            return false;
        }
        return expect(']');
    }

    // ---- structure

    /** Skips whitespace; if the next byte is {@code c}, consumes it and the whitespace after it. */
    private boolean expect(char c) {
        skipWhitespace();
        if (in[at] != c) {
            return false;
        }
        at++;
        skipWhitespace();
        return true;
    }

    private byte peek() {
        skipWhitespace();
        return in[at];
    }

    private boolean atEnd() {
        while (at < in.length) {
            if (!isWhitespace(in[at++])) {
                return false;
            }
        }
        return true;
    }

    private void skipWhitespace() {
        byte[] bytes = in;
        int p = at;
        while (p < bytes.length && isWhitespace(bytes[p])) {
            p++;
        }
        at = p;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

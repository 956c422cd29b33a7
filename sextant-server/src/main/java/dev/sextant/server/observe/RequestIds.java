package dev.sextant.server.observe;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** Request ids: taken from the client when sane, generated otherwise; kept in the MDC under {@value #MDC_KEY}. */
public final class RequestIds {
    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    public static final String MDC_KEY = "request_id";
    private static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The id of the request being handled on this thread, "" outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }

    /** The client's id if it is short and made of safe characters (it ends up in logs and headers). */
    static String acceptOrGenerate(String candidate) {
        return isSane(candidate) ? candidate : generate();
    }

    static boolean isSane(String candidate) {
        if (candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits as 32 hex digits; not secret, so a fast generator will do. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}

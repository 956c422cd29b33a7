package dev.sextant.tracking.search;

import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opaque page tokens in MLflow's format: base64 of {@code {"offset": N}}. */
public final class PageToken {
    private static final Pattern OFFSET = Pattern.compile("\\{\\s*\"offset\"\\s*:\\s*(\\d{1,18})\\s*}");

    private PageToken() {
    }

    public static String encode(long offset) {
        String json = "{\"offset\": " + offset + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token points at; an empty token is the first page. */
    public static long decode(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        String json;
        try {
            json = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SextantException.invalid("Invalid page token, could not base64-decode. "
                    + "Pass the next_page_token of the previous response unchanged.");
        }
        Matcher matcher = OFFSET.matcher(json);
        if (!matcher.matches()) {
            throw SextantException.invalid("Invalid page token '" + token
                    + "': it does not hold an offset. Pass the next_page_token of the previous response unchanged.");
        }
        return Long.parseLong(matcher.group(1));
    }
}

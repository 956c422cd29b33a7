package dev.sextant.server.security;

import dev.sextant.api.SextantException;
import dev.sextant.api.audit.AuditQuery;
import dev.sextant.server.http.Fields;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The query string of {@code GET /api/v1/audit} as an {@link AuditQuery}: {@code entity} (type or
 * type:id), {@code actor}, {@code since}/{@code until} (an RFC 3339 time or epoch milliseconds),
 * {@code order} (asc or desc) with its cursor ({@code after} or {@code before}), {@code max_results}.
 */
final class AuditQueries {
    static final int DEFAULT_LIMIT = 100;

    private AuditQueries() {
    }

    static AuditQuery parse(Fields in) {
        String entity = in.string("entity");
        String type = entity;
        String id = "";
        int colon = entity.indexOf(':');
        if (colon >= 0) {
            type = entity.substring(0, colon);
            id = entity.substring(colon + 1);
        }
        int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                in.int64("max_results").orElse(DEFAULT_LIMIT)));
        AuditQuery query = new AuditQuery(type, id, in.string("actor"), in.int64("after").orElse(0), limit)
                .during(time(in, "since", Long.MIN_VALUE), time(in, "until", Long.MAX_VALUE));
        return newestFirst(in.string("order")) ? query.newestFirstBefore(in.int64("before").orElse(Long.MAX_VALUE))
                : query;
    }

    private static boolean newestFirst(String order) {
        return switch (order.toLowerCase(java.util.Locale.ROOT)) {
            case "", "asc" -> false;
            case "desc" -> true;
            default -> throw SextantException.invalid("Unknown order '" + order
                    + "': use 'asc' (oldest first, the default) or 'desc' (newest first).");
        };
    }

    /** An RFC 3339 date-time with an offset (2025-03-01T12:00:00Z) or epoch milliseconds. */
    private static long time(Fields in, String name, long absent) {
        String text = in.string(name).trim();
        if (text.isEmpty()) {
            return absent;
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 18) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw SextantException.invalid("'" + name + "' must be a time such as 2025-03-01T12:00:00Z (with its"
                    + " offset) or epoch milliseconds; got '" + text + "'.");
        }
    }
}

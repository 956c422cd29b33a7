package dev.sextant.server.security;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;

/**
 * The most rows (instances, records, batch entries) one prediction request may carry
 * ({@code limits.max-batch-rows}); the serving endpoints check it before decoding the rows.
 */
public record BatchLimit(int maxRows) {

    public BatchLimit {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, not " + maxRows);
        }
    }

    /** 413 when a request carries more rows than allowed. */
    public void check(long rows) {
        if (rows > maxRows) {
            throw new SextantException(ErrorCode.REQUEST_TOO_LARGE, "The request carries " + rows + " rows; this server "
                    + "accepts at most " + maxRows + " per request (limits.max-batch-rows). Split it into smaller batches.");
        }
    }
}

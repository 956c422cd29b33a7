package dev.sextant.server.security;

import dev.sextant.api.security.Principal;

/** What authentication made of a request's credentials. */
sealed interface Caller {

    /** No credentials were sent. */
    record Anonymous() implements Caller {
    }

    record Known(Principal principal) implements Caller {
    }

    /** Credentials were sent and are not good; the reason is safe to show (it never repeats them). */
    record Refused(String reason) implements Caller {
    }
}

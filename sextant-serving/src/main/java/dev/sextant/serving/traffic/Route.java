package dev.sextant.serving.traffic;

import java.util.Optional;

/** Where one request goes: the slot that answers, and the slot it is mirrored to, if any. */
public record Route(String slot, Optional<String> mirror) {

    static Route to(String slot) {
        return new Route(slot, Optional.empty());
    }
}

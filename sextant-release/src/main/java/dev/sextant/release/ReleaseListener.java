package dev.sextant.release;

/** Hears of release events after the change they report is committed. */
@FunctionalInterface
public interface ReleaseListener {
    ReleaseListener NONE = event -> {
    };

    void on(ReleaseEvent event);
}

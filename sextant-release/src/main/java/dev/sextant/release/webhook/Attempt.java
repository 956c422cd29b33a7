package dev.sextant.release.webhook;

import java.util.OptionalInt;

/** One try at a delivery: the receiver's status code, or the error that kept it from answering. */
public record Attempt(String deliveryId, int number, long at, OptionalInt statusCode, String error, long durationMillis) {

    public boolean succeeded() {
        return statusCode.isPresent() && statusCode.getAsInt() >= 200 && statusCode.getAsInt() < 300;
    }
}

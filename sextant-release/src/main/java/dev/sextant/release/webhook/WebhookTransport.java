package dev.sextant.release.webhook;

import java.io.IOException;
import java.util.Map;

/** Sends one signed POST to a webhook's URL and returns the status code. */
@FunctionalInterface
public interface WebhookTransport {

    int post(String url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException;
}

package dev.sextant.release.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsWithHmacSha256AsRfc4231Says() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSigner.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheExactBodyWithTheRightSecret() {
        byte[] body = "{\"type\":\"model.promoted\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigner.signature("whsec_secret_secret", body);
        assertThat(WebhookSigner.verify("whsec_secret_secret", body, header)).isTrue();
        assertThat(WebhookSigner.verify("whsec_other_secret!", body, header)).isFalse();
        assertThat(WebhookSigner.verify("whsec_secret_secret", "{\"type\":\"model.promoted\" }"
                .getBytes(StandardCharsets.UTF_8), header)).isFalse();
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30), 8);
        SplittableRandom random = new SplittableRandom(1);
        for (int attempt = 1; attempt <= 8; attempt++) {
            double base = Math.min(30_000, 1000 * Math.pow(2, attempt - 1));
            assertThat(backoff.delayMillis(attempt, random)).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
        }
    }
}

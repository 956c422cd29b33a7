package dev.sextant.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void roundTripsOffsetsInMlflowsFormat() {
        String token = PageToken.encode(1200);
        assertThat(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8))
                .isEqualTo("{\"offset\": 1200}");
        assertThat(PageToken.decode(token)).isEqualTo(1200);
        assertThat(PageToken.decode("")).isZero();
    }

    @Test
    void rejectsTokensItDidNotIssue() {
        assertThatThrownBy(() -> PageToken.decode("%%%")).isInstanceOf(SextantException.class)
                .hasMessageContaining("base64");
        String notAnOffset = Base64.getEncoder().encodeToString("{\"offset\": -3}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PageToken.decode(notAnOffset)).isInstanceOf(SextantException.class)
                .hasMessageContaining("next_page_token");
    }
}

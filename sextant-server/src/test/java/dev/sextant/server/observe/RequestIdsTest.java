package dev.sextant.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsSaneClientIds() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_X.y:z")).isEqualTo("abc-123_X.y:z");
    }

    @Test
    void replacesUnsafeOrOversizedIds() {
        assertThat(RequestIds.acceptOrGenerate("")).hasSize(32);
        assertThat(RequestIds.acceptOrGenerate("a b")).hasSize(32).doesNotContain(" ");
        assertThat(RequestIds.acceptOrGenerate("x\r\nInjected: 1")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(129))).hasSize(32);
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate()).matches("[0-9a-f]{32}");
    }
}

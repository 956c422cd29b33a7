package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import org.junit.jupiter.api.Test;

class BatchLimitTest {

    @Test
    void rowsBeyondTheLimitAreA413ThatSaysWhatToDo() {
        BatchLimit limit = new BatchLimit(100);
        assertThatCode(() -> limit.check(100)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limit.check(101))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE))
                .hasMessageContaining("101 rows").hasMessageContaining("at most 100")
                .hasMessageContaining("limits.max-batch-rows");
    }
}

package dev.sextant.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void titlesComeFromCodes() {
        assertThat(Problems.title(ErrorCode.RESOURCE_DOES_NOT_EXIST)).isEqualTo("Resource does not exist");
        assertThat(ApiStyle.of("/api/2.0/mlflow/runs/get")).isEqualTo(ApiStyle.MLFLOW);
        assertThat(ApiStyle.of("/ajax-api/2.0/mlflow-artifacts/artifacts")).isEqualTo(ApiStyle.MLFLOW);
        assertThat(ApiStyle.of("/api/v1/runs")).isEqualTo(ApiStyle.PROBLEM);
        assertThat(ApiStyle.of("/nowhere")).isEqualTo(ApiStyle.PROBLEM);
    }
}

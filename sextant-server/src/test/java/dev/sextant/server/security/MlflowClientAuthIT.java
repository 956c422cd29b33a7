package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** MLflow's own Java client against a protected server: token (Bearer) and user/password (Basic). */
class MlflowClientAuthIT {
    @TempDir
    Path dir;

    @Test
    void bearerAndBasicCredentialsWorkAndWrongOnesAreRefused() throws Exception {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String host = server.http().base();
            String token = server.token("trainer", "data-scientist", "");

            MlflowClient withToken = new MlflowClient(new BasicMlflowHostCreds(host, token));
            String experiment = withToken.createExperiment("protected");
            String runId = withToken.createRun(experiment).getRunId();
            withToken.logMetric(runId, "auc", 0.91);
            withToken.setTerminated(runId);

            MlflowClient withPassword = new MlflowClient(new BasicMlflowHostCreds(host, "trainer", token));
            List<Metric> history = withPassword.getMetricHistory(runId, "auc");
            assertThat(history).extracting(Metric::getValue).containsExactly(0.91);
            withPassword.close();
            withToken.close();

            MlflowClient anonymous = new MlflowClient(host);
            assertThatThrownBy(() -> anonymous.getExperiment(experiment))
                    .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(401);
                        assertThat(e.getBodyMessage()).contains("UNAUTHENTICATED");
                    });
            anonymous.close();

            MlflowClient viewer = new MlflowClient(new BasicMlflowHostCreds(host, server.token("reader", "viewer", "")));
            assertThat(viewer.getExperiment(experiment).getName()).isEqualTo("protected");
            assertThatThrownBy(() -> viewer.deleteRun(runId))
                    .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(403);
                        assertThat(e.getBodyMessage()).contains("PERMISSION_DENIED");
                    });
            viewer.close();
        }
    }
}

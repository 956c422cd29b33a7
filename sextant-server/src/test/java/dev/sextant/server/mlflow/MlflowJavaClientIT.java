package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;

/** MLflow's official Java client, unchanged, against this server. */
class MlflowJavaClientIT extends ServerTest {
    static MlflowClient client;

    @BeforeAll
    static void start() {
        client = new MlflowClient("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void experimentsRoundTrip() {
        String id = client.createExperiment("java-client");

        assertThat(client.getExperiment(id).getName()).isEqualTo("java-client");
        assertThat(client.getExperimentByName("java-client")).hasValueSatisfying(e ->
                assertThat(e.getExperimentId()).isEqualTo(id));
        client.setExperimentTag(id, "team", "ml");
        client.renameExperiment(id, "java-client-renamed");
        assertThat(client.getExperiment(id).getName()).isEqualTo("java-client-renamed");
        assertThat(client.searchExperiments("name = 'java-client-renamed'").getItems()).hasSize(1);
        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        client.restoreExperiment(id);
    }

    @Test
    void runsMetricsParamsTagsAndHistory() {
        String experimentId = client.createExperiment("java-client-runs");
        RunInfo info = client.createRun(experimentId);
        String runId = info.getRunId();

        client.logParam(runId, "alpha", "0.5");
        client.setTag(runId, "owner", "java");
        client.logMetric(runId, "rmse", 0.9, 1000, 0);
        client.logMetric(runId, "rmse", 0.7, 2000, 1);
        client.logBatch(runId,
                List.of(Metric.newBuilder().setKey("rmse").setValue(0.5).setTimestamp(3000).setStep(2).build(),
                        Metric.newBuilder().setKey("r2").setValue(0.8).setTimestamp(3000).setStep(2).build()),
                List.of(Param.newBuilder().setKey("l1").setValue("0.1").build()),
                List.of(RunTag.newBuilder().setKey("stage").setValue("dev").build()));

        Run run = client.getRun(runId);
        Map<String, Double> metrics = run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
        assertThat(metrics).containsEntry("rmse", 0.5).containsEntry("r2", 0.8);
        assertThat(run.getData().getParamsList()).extracting(Param::getKey).containsExactlyInAnyOrder("alpha", "l1");
        assertThat(run.getData().getTagsList()).extracting(RunTag::getKey).contains("owner", "stage");
        assertThat(client.getMetricHistory(runId, "rmse")).extracting(Metric::getValue).containsExactly(0.9, 0.7, 0.5);

        assertThat(client.searchRuns(List.of(experimentId), "metrics.rmse < 0.6")).extracting(RunInfo::getRunId)
                .containsExactly(runId);
        assertThat(client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 10).getItems()).hasSize(1);

        client.setTerminated(runId, RunStatus.FINISHED, 5000);
        RunInfo finished = client.getRun(runId).getInfo();
        assertThat(finished.getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.getEndTime()).isEqualTo(5000);
        client.deleteRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        client.restoreRun(runId);
    }

    @Test
    void nonFiniteMetricValuesReadBack() {
        String runId = client.createRun().getRunId();

        client.logMetric(runId, "nan", Double.NaN, 1, 0);
        client.logMetric(runId, "inf", Double.POSITIVE_INFINITY, 1, 0);

        Map<String, Double> metrics = client.getRun(runId).getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
        assertThat(metrics.get("nan")).isNaN();
        assertThat(metrics.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    }
}

package dev.sextant.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ExperimentTag;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunTag;

/** Builders and views of the MLflow client's protobuf messages, to keep the tests short. */
final class Protos {
    private Protos() {
    }

    static Metric metric(String key, double value, long timestamp, long step) {
        return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
    }

    /** A metric point as plain values, so comparisons do not depend on which proto fields were set. */
    record Point(String key, double value, long timestamp, long step) {
    }

    static Point point(Metric metric) {
        return new Point(metric.getKey(), metric.getValue(), metric.getTimestamp(), metric.getStep());
    }

    static List<Point> points(List<Metric> metrics) {
        return metrics.stream().map(Protos::point).toList();
    }

    static Param param(String key, String value) {
        return Param.newBuilder().setKey(key).setValue(value).build();
    }

    static RunTag tag(String key, String value) {
        return RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    static ExperimentTag experimentTag(String key, String value) {
        return ExperimentTag.newBuilder().setKey(key).setValue(value).build();
    }

    static Map<String, String> params(Run run) {
        return run.getData().getParamsList().stream()
                .collect(Collectors.toMap(Param::getKey, Param::getValue, (a, b) -> {
                    throw new AssertionError("param returned twice: " + a + ", " + b);
                }, LinkedHashMap::new));
    }

    static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream()
                .collect(Collectors.toMap(RunTag::getKey, RunTag::getValue, (a, b) -> {
                    throw new AssertionError("tag returned twice: " + a + ", " + b);
                }, LinkedHashMap::new));
    }

    static Map<String, String> tags(Experiment experiment) {
        return experiment.getTagsList().stream()
                .collect(Collectors.toMap(ExperimentTag::getKey, ExperimentTag::getValue, (a, b) -> {
                    throw new AssertionError("experiment tag returned twice: " + a + ", " + b);
                }, LinkedHashMap::new));
    }

    /** The latest value of each metric, as {@code runs/get} reports it. */
    static Map<String, Metric> latestMetrics(Run run) {
        return run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, m -> m, (a, b) -> {
                    throw new AssertionError("metric returned twice in run data: " + a + ", " + b);
                }, LinkedHashMap::new));
    }

    static List<String> runIds(List<Run> runs) {
        return runs.stream().map(run -> run.getInfo().getRunId()).toList();
    }
}

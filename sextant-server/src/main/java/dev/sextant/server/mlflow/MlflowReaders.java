package dev.sextant.server.mlflow;

import dev.sextant.server.http.Fields;
import dev.sextant.server.http.ParameterErrors;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.List;

/** Domain values from MLflow request messages; each missing field is named by its full path. */
final class MlflowReaders {

    private MlflowReaders() {
    }

    static List<Tag> tags(Fields in, String field) {
        List<Fields> items = in.objects(field);
        List<Tag> tags = new ArrayList<>(items.size());
        for (Fields item : items) {
            tags.add(new Tag(item.requiredString("key"), item.string("value")));
        }
        return tags;
    }

    static List<Param> params(Fields in) {
        List<Fields> items = in.objects("params");
        List<Param> params = new ArrayList<>(items.size());
        for (Fields item : items) {
            params.add(new Param(item.requiredString("key"), item.string("value")));
        }
        return params;
    }

    static List<Metric> metrics(Fields in) {
        List<Fields> items = in.objects("metrics");
        List<Metric> metrics = new ArrayList<>(items.size());
        for (Fields item : items) {
            metrics.add(metric(item));
        }
        return metrics;
    }

    /** A metric point; key, value and timestamp are required, step defaults to 0 (MLflow's schema). */
    static Metric metric(Fields in) {
        String key = in.requiredString("key");
        double value = in.float64("value").orElseThrow(() -> ParameterErrors.missing(in.path("value")));
        long timestamp = in.requiredInt64("timestamp");
        return new Metric(key, value, timestamp, in.int64("step").orElse(0));
    }

    static List<DatasetInput> datasetInputs(Fields in) {
        if (!in.has("datasets")) {
            throw ParameterErrors.missing("datasets");
        }
        List<DatasetInput> inputs = new ArrayList<>();
        for (Fields item : in.objects("datasets")) {
            Fields dataset = item.object("dataset").orElseThrow(() -> ParameterErrors.missing(item.path("dataset")));
            inputs.add(new DatasetInput(tags(item, "tags"), new Dataset(
                    dataset.requiredString("name"), dataset.requiredString("digest"),
                    dataset.string("source_type"), dataset.string("source"),
                    dataset.string("schema"), dataset.string("profile"))));
        }
        return inputs;
    }
}

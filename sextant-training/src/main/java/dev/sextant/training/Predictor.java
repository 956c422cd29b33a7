package dev.sextant.training;

import dev.sextant.data.table.DataTable;
import dev.sextant.training.features.FeaturePlan;
import dev.sextant.training.models.FittedModel;
import dev.sextant.training.models.Predictions;

/** The trained feature plan and model in Java: predictions for any table with the input columns. */
public final class Predictor {
    private final FeaturePlan plan;
    private final FittedModel model;

    Predictor(FeaturePlan plan, FittedModel model) {
        this.plan = plan;
        this.model = model;
    }

    public Predictions predict(DataTable table, int[] rows) {
        return model.predict(plan.encode(table, rows));
    }

    public Predictions predictAll(DataTable table) {
        return predict(table, java.util.stream.IntStream.range(0, table.rowCount()).toArray());
    }
}

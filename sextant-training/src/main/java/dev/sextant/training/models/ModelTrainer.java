package dev.sextant.training.models;

import dev.sextant.training.Algorithm;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/** Trains Tribuo models on feature vectors with a fixed seed: same inputs, same model. */
public final class ModelTrainer {
    private static final float MIN_CHILD_WEIGHT = 2f;
    private static final int NO_LOGGING = -1;

    private final Algorithm algorithm;
    private final Hyperparameters settings;
    private final long seed;

    public ModelTrainer(Algorithm algorithm, Hyperparameters settings, long seed) {
        this.algorithm = algorithm;
        this.settings = settings;
        this.seed = seed;
    }

    public TribuoClassifier classifier(float[][] features, List<String> labels, DoubleConsumer progress) {
        LabelFactory factory = new LabelFactory();
        String[] names = FeatureNames.first(features[0].length);
        MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(
                java.util.stream.IntStream.range(0, features.length)
                        .mapToObj(i -> Examples.of(factory.generateOutput(labels.get(i)), features[i], names)).toList(),
                factory, new SimpleDataSourceProvenance("training split", factory)));
        try (MemberProgress ignored = new MemberProgress(settings.trees(), progress)) {
            return new TribuoClassifier(classificationTrainer(features[0].length).train(data));
        }
    }

    public TribuoRegressor regressor(float[][] features, double[] targets, String targetName,
                                    DoubleConsumer progress) {
        RegressionFactory factory = new RegressionFactory();
        String[] names = FeatureNames.first(features[0].length);
        MutableDataset<Regressor> data = new MutableDataset<>(new ListDataSource<>(
                java.util.stream.IntStream.range(0, features.length)
                        .mapToObj(i -> Examples.of(new Regressor(targetName, targets[i]), features[i], names)).toList(),
                factory, new SimpleDataSourceProvenance("training split", factory)));
        try (MemberProgress ignored = new MemberProgress(settings.trees(), progress)) {
            return new TribuoRegressor(regressionTrainer(features[0].length).train(data));
        }
    }

    private Trainer<Label> classificationTrainer(int width) {
        return switch (algorithm) {
            case LOGISTIC_REGRESSION -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                    new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), NO_LOGGING, 1, seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTClassificationTrainer(settings.maxDepth(),
                    MIN_CHILD_WEIGHT, 0f, subsample(width, false), false, new GiniIndex(), seed),
                    new FullyWeightedVotingCombiner(), settings.trees(), seed);
            case EXTRA_TREES -> new ExtraTreesTrainer<>(new CARTClassificationTrainer(settings.maxDepth(),
                    MIN_CHILD_WEIGHT, 0f, subsample(width, false), true, new GiniIndex(), seed),
                    new FullyWeightedVotingCombiner(), settings.trees(), seed);
            case LINEAR_REGRESSION -> throw new IllegalArgumentException("linear regression does not classify");
        };
    }

    private Trainer<Regressor> regressionTrainer(int width) {
        return switch (algorithm) {
            case LINEAR_REGRESSION -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
                    new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), NO_LOGGING, 1, seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTRegressionTrainer(settings.maxDepth(),
                    MIN_CHILD_WEIGHT, 0f, subsample(width, true), false, new MeanSquaredError(), seed),
                    new AveragingCombiner(), settings.trees(), seed);
            case EXTRA_TREES -> new ExtraTreesTrainer<>(new CARTRegressionTrainer(settings.maxDepth(),
                    MIN_CHILD_WEIGHT, 0f, subsample(width, true), true, new MeanSquaredError(), seed),
                    new AveragingCombiner(), settings.trees(), seed);
            case LOGISTIC_REGRESSION -> throw new IllegalArgumentException("logistic regression does not regress");
        };
    }

    /**
     * Features tried at each split: the square root of their number for classification, a third
     * for regression (the usual forest defaults), and never all of them, which forests refuse.
     */
    static float subsample(int width, boolean regression) {
        double wanted = regression ? width / 3.0 : Math.sqrt(width);
        return (float) Math.min(0.9, Math.max(1.0, wanted) / width);
    }
}

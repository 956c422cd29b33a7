package dev.sextant.training.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sextant.training.models.FeatureNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;

/**
 * Writes Tribuo's CART trees and their weighted ensembles (random forests, extra trees) as
 * ONNX-ML {@code TreeEnsembleClassifier} / {@code TreeEnsembleRegressor}, which Tribuo cannot
 * export itself. Each leaf carries its tree's share of the ensemble ({@code weight / Σ weights})
 * times the leaf's class distribution or value, and the nodes sum them, which is how Tribuo's
 * fully weighted voting and averaging combiners combine members.
 * <p>
 * Tribuo goes right when {@code feature > split} in double; ONNX compares a float feature with a
 * float threshold. Rounding the split down to the largest float not above it keeps every float
 * feature on the same side.
 */
public final class TreeEnsembleExport {

    private TreeEnsembleExport() {
    }

    /** Whether the model is a tree or an ensemble of trees that this exporter writes. */
    public static boolean handles(Model<?> model) {
        if (model instanceof WeightedEnsembleModel<?> ensemble) {
            return ensemble.getModels().stream().allMatch(TreeModel.class::isInstance);
        }
        return model instanceof TreeModel<?>;
    }

    /** Returns the probability tensor [N, labels] in {@code labels} order. */
    public static String classifier(OnnxGraph graph, Model<Label> model, List<String> labels, String features) {
        TreeNodes nodes = new TreeNodes();
        List<Member<Label>> members = members(model);
        double total = members.stream().mapToDouble(Member::weight).sum();
        for (Member<Label> member : members) {
            nodes.addTree(member.root(), member.model(), (leaf, out) -> {
                for (Map.Entry<String, Label> score : leaf.getDistribution().entrySet()) {
                    out.add(labels.indexOf(score.getKey()), member.weight() / total * score.getValue().getScore());
                }
            });
        }
        String probabilities = graph.name("tree_probabilities");
        graph.node(OnnxGraph.ML_DOMAIN, "TreeEnsembleClassifier", List.of(features),
                List.of(graph.name("tree_label"), probabilities), nodes.attributes("class", List.of(
                        OnnxGraph.stringsAttr("classlabels_strings", labels),
                        OnnxGraph.attr("post_transform", "NONE"))));
        return probabilities;
    }

    /** Returns the value tensor [N, 1]. */
    public static String regressor(OnnxGraph graph, Model<Regressor> model, String features) {
        TreeNodes nodes = new TreeNodes();
        List<Member<Regressor>> members = members(model);
        double total = members.stream().mapToDouble(Member::weight).sum();
        for (Member<Regressor> member : members) {
            nodes.addTree(member.root(), member.model(),
                    (leaf, out) -> out.add(0, member.weight() / total * leaf.getOutput().getValues()[0]));
        }
        String values = graph.name("tree_values");
        graph.node(OnnxGraph.ML_DOMAIN, "TreeEnsembleRegressor", List.of(features), List.of(values),
                nodes.attributes("target", List.of(OnnxGraph.attr("n_targets", 1L),
                        OnnxGraph.attr("aggregate_function", "SUM"), OnnxGraph.attr("post_transform", "NONE"))));
        return values;
    }

    /** The largest float that is not above {@code split}: {@code x <= split} ⇔ {@code x <= result} for float x. */
    static float floorToFloat(double split) {
        float rounded = (float) split;
        return rounded > split ? Math.nextDown(rounded) : rounded;
    }

    /** The model's trees with their ensemble weights (1 for a lone tree). */
    private static <T extends Output<T>> List<Member<T>> members(Model<T> model) {
        List<Member<T>> members = new ArrayList<>();
        if (model instanceof WeightedEnsembleModel<T> ensemble) {
            List<Float> weights = ensembleWeights(ensemble);
            for (int i = 0; i < ensemble.getModels().size(); i++) {
                members.add(new Member<>(tree(ensemble.getModels().get(i)), weights.get(i)));
            }
        } else {
            members.add(new Member<>(tree(model), 1.0));
        }
        return members;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> TreeModel<T> tree(Model<T> model) {
        if (model instanceof IndependentRegressionTreeModel regression && regression.getRoots().size() != 1) {
            throw new IllegalArgumentException("only single-output regression trees are exported");
        }
        if (model instanceof TreeModel<?> tree) {
            return (TreeModel<T>) tree;
        }
        throw new IllegalArgumentException("not a tree model: " + model.getClass().getName());
    }

    /**
     * Tribuo keeps member weights in a protected field without an accessor. Reading it is cheap;
     * its own serialised form carries them too, but writing that takes seconds for a forest.
     */
    private static List<Float> ensembleWeights(WeightedEnsembleModel<?> ensemble) {
        try {
            java.lang.reflect.Field field = WeightedEnsembleModel.class.getDeclaredField("weights");
            field.setAccessible(true);
            float[] weights = (float[]) field.get(ensemble);
            List<Float> list = new ArrayList<>(weights.length);
            for (float weight : weights) {
                list.add(weight);
            }
            return list;
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                return ensemble.serialize().getSerializedData().unpack(WeightedEnsembleModelProto.class)
                        .getWeightsList();
            } catch (InvalidProtocolBufferException invalid) {
                throw new IllegalStateException("Tribuo could not serialise its own ensemble", invalid);
            }
        }
    }

    private record Member<T extends Output<T>>(TreeModel<T> model, double weight) {
        /** Regression trees keep one root per output dimension; we export single-output ones. */
        @SuppressWarnings("unchecked")
        Node<T> root() {
            if (model instanceof IndependentRegressionTreeModel regression) {
                return (Node<T>) regression.getRoots().values().iterator().next();
            }
            return model.getRoot();
        }
    }

    /** A leaf's contributions: (output index, weight) pairs. */
    interface LeafWriter<T extends Output<T>> {
        void write(LeafNode<T> leaf, Contributions out);
    }

    /** Collects the flat node and leaf attribute arrays of TreeEnsemble* nodes. */
    static final class TreeNodes {
        private final List<Long> treeIds = new ArrayList<>();
        private final List<Long> nodeIds = new ArrayList<>();
        private final List<Long> featureIds = new ArrayList<>();
        private final List<Float> values = new ArrayList<>();
        private final List<String> modes = new ArrayList<>();
        private final List<Long> trueIds = new ArrayList<>();
        private final List<Long> falseIds = new ArrayList<>();
        private final Contributions contributions = new Contributions();
        private long treeId = -1;

        <T extends Output<T>> void addTree(Node<T> root, TreeModel<T> model, LeafWriter<T> leaves) {
            treeId++;
            add(root, model, leaves, new long[] {0});
        }

        /** Pre-order numbering; returns the node's id. */
        private <T extends Output<T>> long add(Node<T> node, TreeModel<T> model, LeafWriter<T> leaves, long[] next) {
            long id = next[0]++;
            int slot = treeIds.size();
            treeIds.add(treeId);
            nodeIds.add(id);
            if (node instanceof SplitNode<T> split) {
                String name = model.getFeatureIDMap().get(split.getFeatureID()).getName();
                featureIds.add((long) FeatureNames.indexOf(name));
                values.add(floorToFloat(split.splitValue()));
                modes.add("BRANCH_LEQ");
                trueIds.add(0L);
                falseIds.add(0L);
                trueIds.set(slot, add(split.getLessThanOrEqual(), model, leaves, next));
                falseIds.set(slot, add(split.getGreaterThan(), model, leaves, next));
            } else {
                featureIds.add(0L);
                values.add(0f);
                modes.add("LEAF");
                trueIds.add(0L);
                falseIds.add(0L);
                contributions.at(treeId, id);
                leaves.write((LeafNode<T>) node, contributions);
            }
            return id;
        }

        ai.onnx.proto.OnnxMl.AttributeProto[] attributes(String prefix, List<ai.onnx.proto.OnnxMl.AttributeProto> extra) {
            List<ai.onnx.proto.OnnxMl.AttributeProto> all = new ArrayList<>(List.of(
                    OnnxGraph.longsAttr("nodes_treeids", longs(treeIds)),
                    OnnxGraph.longsAttr("nodes_nodeids", longs(nodeIds)),
                    OnnxGraph.longsAttr("nodes_featureids", longs(featureIds)),
                    OnnxGraph.floatsAttr("nodes_values", floats(values)),
                    OnnxGraph.stringsAttr("nodes_modes", modes),
                    OnnxGraph.longsAttr("nodes_truenodeids", longs(trueIds)),
                    OnnxGraph.longsAttr("nodes_falsenodeids", longs(falseIds)),
                    OnnxGraph.longsAttr(prefix + "_treeids", longs(contributions.treeIds)),
                    OnnxGraph.longsAttr(prefix + "_nodeids", longs(contributions.nodeIds)),
                    OnnxGraph.longsAttr(prefix + "_ids", longs(contributions.outputIds)),
                    OnnxGraph.floatsAttr(prefix + "_weights", floats(contributions.weights))));
            all.addAll(extra);
            return all.toArray(ai.onnx.proto.OnnxMl.AttributeProto[]::new);
        }

        private static long[] longs(List<Long> list) {
            return list.stream().mapToLong(Long::longValue).toArray();
        }

        private static float[] floats(List<Float> list) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }
    }

    /** Leaf weights by (tree, node, output). */
    static final class Contributions {
        private final List<Long> treeIds = new ArrayList<>();
        private final List<Long> nodeIds = new ArrayList<>();
        private final List<Long> outputIds = new ArrayList<>();
        private final List<Float> weights = new ArrayList<>();
        private long tree;
        private long node;

        void at(long treeId, long nodeId) {
            this.tree = treeId;
            this.node = nodeId;
        }

        void add(int outputId, double weight) {
            if (outputId < 0) {
                throw new IllegalArgumentException("a leaf names an output the ensemble does not know");
            }
            treeIds.add(tree);
            nodeIds.add(node);
            outputIds.add((long) outputId);
            weights.add((float) weight);
        }
    }
}

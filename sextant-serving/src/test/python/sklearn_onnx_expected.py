#!/usr/bin/python3
"""Expected outputs of the sklearn-converted ONNX models in ../shared/models/sklearn-onnx/.

The values come from an evaluator written here from the ONNX-ML operator specifications
(LinearClassifier, TreeEnsembleClassifier, Scaler, Imputer, OneHotEncoder, Normalizer, ZipMap,
Cast, Concat, Reshape), run with numpy over each model's own parameters as read from its graph.
It does not use ONNX Runtime, so the Java interoperability test compares two independent
implementations. Arithmetic is float32 where the operators are defined on float tensors, so that
tree comparisons take the same branches.

Regenerate (Debian bookworm: apt-get install python3-onnx python3-numpy):

    /usr/bin/python3 sextant-serving/src/test/python/sklearn_onnx_expected.py \
        ../shared/models/sklearn-onnx \
        > sextant-serving/src/test/resources/interop/sklearn-onnx-expected.json

A model file added to the shared directory needs cases here; the Java test fails until it has them.
"""
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

F32 = np.float32

IRIS_2 = [[5.1, 3.5], [4.9, 3.0], [7.0, 3.2], [6.4, 3.2], [6.3, 3.3], [5.8, 2.7], [7.7, 3.8], [5.6, 2.9]]
IRIS_4 = [[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.4, 3.2, 4.5, 1.5],
          [5.9, 3.0, 4.2, 1.5], [6.3, 3.3, 6.0, 2.5], [5.8, 2.7, 5.1, 1.9], [6.2, 2.8, 4.8, 1.8],
          [4.9, 2.5, 4.5, 1.7]]
# pclass, sex, age (NaN: missing), fare, embarked ("X": a category the encoder never saw)
PASSENGERS = [("1", "female", 29.0, 211.3375, "S"), ("3", "male", 22.0, 7.25, "S"),
              ("2", "female", math.nan, 13.0, "C"), ("3", "male", 40.0, 7.75, "Q"),
              ("1", "male", math.nan, 30.0, "missing"), ("2", "female", 4.0, 23.0, "X")]


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def post_transform(scores, kind):
    kind = text(kind)
    if kind == "NONE":
        return scores
    if kind == "LOGISTIC":
        return (1 / (1 + np.exp(-scores.astype(np.float64)))).astype(F32)
    if kind == "SOFTMAX":
        shifted = scores.astype(np.float64) - scores.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        return (e / e.sum(axis=1, keepdims=True)).astype(F32)
    raise ValueError("post_transform " + kind)


def linear_classifier(a, x):
    labels = list(a["classlabels_ints"])
    coefficients = np.array(a["coefficients"], dtype=F32).reshape(len(a["intercepts"]), -1)
    if coefficients.shape[0] != len(labels):
        raise ValueError("binary single-row LinearClassifier is not used by these models")
    scores = x.astype(F32) @ coefficients.T + np.array(a["intercepts"], dtype=F32)
    label = np.array([labels[i] for i in scores.argmax(axis=1)], dtype=np.int64)
    return label, post_transform(scores, a.get("post_transform", b"NONE"))


def tree_ensemble_classifier(a, x):
    labels = list(a["classlabels_int64s"])
    nodes = {}
    for i, (tree, node) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"])):
        nodes[(tree, node)] = i
    branches = [i for i, mode in enumerate(a["nodes_modes"]) if text(mode) != "LEAF"]
    children = {(a["nodes_treeids"][i], a["nodes_truenodeids"][i]) for i in branches} | \
               {(a["nodes_treeids"][i], a["nodes_falsenodeids"][i]) for i in branches}
    roots = sorted(key for key in nodes if key not in children)
    assert len(roots) == len(set(a["nodes_treeids"])), "one root per tree"
    leaf_weights = {}
    for tree, node, cls, weight in zip(a["class_treeids"], a["class_nodeids"], a["class_ids"], a["class_weights"]):
        leaf_weights.setdefault((tree, node), []).append((cls, F32(weight)))
    tracks = a.get("nodes_missing_value_tracks_true", [0] * len(a["nodes_modes"]))
    values = np.array(a["nodes_values"], dtype=F32)
    base = np.array(a.get("base_values", [0.0] * len(labels)), dtype=np.float64)
    scores = np.zeros((x.shape[0], len(labels)), dtype=np.float64)
    for row in range(x.shape[0]):
        total = base.copy()
        for root in roots:
            key = root
            while True:
                i = nodes[key]
                mode = text(a["nodes_modes"][i])
                if mode == "LEAF":
                    for cls, weight in leaf_weights.get(key, []):
                        total[cls] += weight
                    break
                feature = F32(x[row, a["nodes_featureids"][i]])
                threshold = values[i]
                if np.isnan(feature):
                    go_true = bool(tracks[i])
                else:
                    go_true = {"BRANCH_LEQ": feature <= threshold, "BRANCH_LT": feature < threshold,
                               "BRANCH_GTE": feature >= threshold, "BRANCH_GT": feature > threshold,
                               "BRANCH_EQ": feature == threshold, "BRANCH_NEQ": feature != threshold}[mode]
                child = a["nodes_truenodeids"][i] if go_true else a["nodes_falsenodeids"][i]
                key = (key[0], child)
        scores[row] = total
    scores = scores.astype(F32)
    label = np.array([labels[i] for i in scores.argmax(axis=1)], dtype=np.int64)
    return label, post_transform(scores, a.get("post_transform", b"NONE"))


def one_hot(a, x):
    if "cats_strings" in a:
        categories = [text(c) for c in a["cats_strings"]]
        keys = [str(v) for v in x.reshape(-1)]
    else:
        categories = list(a["cats_int64s"])
        keys = [int(v) for v in x.reshape(-1)]
    out = np.zeros(x.shape + (len(categories),), dtype=F32)
    flat = out.reshape(-1, len(categories))
    for i, key in enumerate(keys):
        if key in categories:
            flat[i, categories.index(key)] = 1
        elif not a.get("zeros", 1):
            raise ValueError("unknown category " + str(key))
    return out


def run(model, feeds):
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update(feeds)
    for node in model.graph.node:
        a = attrs(node)
        ins = [values[name] for name in node.input]
        op = node.op_type
        if op == "LinearClassifier":
            outs = linear_classifier(a, ins[0])
        elif op == "TreeEnsembleClassifier":
            outs = tree_ensemble_classifier(a, ins[0])
        elif op == "Normalizer":
            assert text(a["norm"]) == "L1"
            x = ins[0].astype(F32)
            outs = (x / np.abs(x).sum(axis=1, keepdims=True),)
        elif op == "ZipMap":
            keys = a.get("classlabels_int64s") or [text(s) for s in a["classlabels_strings"]]
            outs = ([{str(k): float(p) for k, p in zip(keys, row)} for row in ins[0]],)
        elif op == "Cast":
            to = {1: F32, 7: np.int64, 11: np.float64}[a["to"]]
            outs = (ins[0].astype(to),)
        elif op == "Scaler":
            x = ins[0].astype(F32)
            outs = ((x - np.array(a["offset"], dtype=F32)) * np.array(a["scale"], dtype=F32),)
        elif op == "Imputer":
            x = ins[0].astype(F32).copy()
            fill = np.array(a["imputed_value_floats"], dtype=F32)
            assert math.isnan(a["replaced_value_float"])
            mask = np.isnan(x)
            x[mask] = np.broadcast_to(fill, x.shape)[mask]
            outs = (x,)
        elif op == "OneHotEncoder":
            outs = (one_hot(a, ins[0]),)
        elif op == "Concat":
            outs = (np.concatenate(ins, axis=a["axis"]),)
        elif op == "Reshape":
            outs = (ins[0].reshape(ins[1]),)
        else:
            raise ValueError("operator " + op + " is not implemented here")
        for name, value in zip(node.output, outs):
            values[name] = value
    return {out.name: values[out.name] for out in model.graph.output}


def inputs_for(name, model):
    """OIP request inputs and the numpy feeds they stand for."""
    graph_inputs = {i.name: i.type.tensor_type.elem_type for i in model.graph.input}
    if name in ("logreg_iris.onnx", "pipeline_xgboost.onnx", "pipeline_lightgbm.onnx", "rf_iris.onnx"):
        rows = IRIS_4 if name == "rf_iris.onnx" else IRIS_2
        (input_name,) = graph_inputs
        x = np.array(rows, dtype=F32)
        return [oip(input_name, "FP32", x)], {input_name: x}
    if name.startswith("pipeline_titanic"):
        columns = list(zip(*PASSENGERS))
        request, feeds = [], {}
        for column, values in zip(["pclass", "sex", "age", "fare", "embarked"], columns):
            elem = graph_inputs[column]
            if elem == 8:  # string
                x = np.array(values, dtype=object).reshape(-1, 1)
                request.append(oip(column, "BYTES", x))
            elif elem == 7:  # int64
                x = np.array([int(v) for v in values], dtype=np.int64).reshape(-1, 1)
                request.append(oip(column, "INT64", x))
            else:
                x = np.array(values, dtype=F32).reshape(-1, 1)
                request.append(oip(column, "FP32", x))
            feeds[column] = x
        return request, feeds
    raise SystemExit("no cases for " + name + ": add them to " + os.path.basename(__file__))


def oip(name, datatype, x):
    data = [("NaN" if isinstance(v, float) and math.isnan(v) else v) for v in x.reshape(-1).tolist()]
    return {"name": name, "shape": list(x.shape), "datatype": datatype, "data": data}


def expected(outputs):
    result = {}
    for name, value in outputs.items():
        if isinstance(value, list):
            result[name] = {"maps": value}
        elif value.dtype == np.int64:
            result[name] = {"datatype": "INT64", "shape": list(value.shape), "data": value.reshape(-1).tolist()}
        else:
            result[name] = {"datatype": "FP32", "shape": list(value.shape),
                            "data": [float(v) for v in value.reshape(-1)]}
    return result


def main(directory):
    models = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".onnx"):
            continue
        model = onnx.load(os.path.join(directory, name))
        request, feeds = inputs_for(name, model)
        outputs = run(model, feeds)
        for value in outputs.values():
            if isinstance(value, list):
                for row in value:
                    assert abs(sum(row.values()) - 1) < 1e-5, (name, row)
        models[name] = {"inputs": request, "outputs": expected(outputs)}
    json.dump({"evaluator": "numpy over ONNX-ML operator specifications (onnx " + onnx.__version__ + ", numpy "
               + np.__version__ + ")", "models": models}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/models/sklearn-onnx")

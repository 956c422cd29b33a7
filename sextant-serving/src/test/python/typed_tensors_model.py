#!/usr/bin/python3
"""Writes typed_tensors.onnx: one input of each tensor type the runtime takes besides FP32/INT64
(which the shared sklearn models cover), each passed through a simple operator, so that tests can
check every type end to end.

    d  FP64  [-1, 2]  -> d_out  = d * 2
    i  INT32 [-1]     -> i_out  = i + 1
    b  BOOL  [-1]     -> b_out  = not b
    s  BYTES [-1]     -> s_out  = s (Identity)

Regenerate (Debian bookworm: apt-get install python3-onnx):

    /usr/bin/python3 sextant-serving/src/test/python/typed_tensors_model.py \
        sextant-serving/src/test/resources/models/typed_tensors.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

nodes = [
    helper.make_node("Mul", ["d", "two"], ["d_out"]),
    helper.make_node("Add", ["i", "one"], ["i_out"]),
    helper.make_node("Not", ["b"], ["b_out"]),
    helper.make_node("Identity", ["s"], ["s_out"]),
]
graph = helper.make_graph(
    nodes, "typed_tensors",
    [helper.make_tensor_value_info("d", TensorProto.DOUBLE, ["N", 2]),
     helper.make_tensor_value_info("i", TensorProto.INT32, ["M"]),
     helper.make_tensor_value_info("b", TensorProto.BOOL, ["K"]),
     helper.make_tensor_value_info("s", TensorProto.STRING, ["L"])],
    [helper.make_tensor_value_info("d_out", TensorProto.DOUBLE, ["N", 2]),
     helper.make_tensor_value_info("i_out", TensorProto.INT32, ["M"]),
     helper.make_tensor_value_info("b_out", TensorProto.BOOL, ["K"]),
     helper.make_tensor_value_info("s_out", TensorProto.STRING, ["L"])],
    [numpy_helper.from_array(np.array(2.0, dtype=np.float64), "two"),
     numpy_helper.from_array(np.array(1, dtype=np.int32), "one")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="sextant-tests")
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])

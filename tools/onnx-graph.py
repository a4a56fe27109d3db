#!/usr/bin/python3
"""ONNX helpers for tools/bench-model.ts (run with Debian's /usr/bin/python3 and python3-onnx).

  onnx-graph.py flops MODEL.onnx OUT.json    FLOPs of one window (batch 1), per op type
  onnx-graph.py matmul N OUT.onnx            a MatMul-only graph, [N,N] x [N,N] (the peak probe)

FLOPs convention: 1 multiply-accumulate (MAC) = 2 FLOPs. "mac" counts Conv, Gemm and MatMul;
"other" counts elementwise work (bias, BatchNormalization 2 per element, Clip/Add/Mul/Div 1 per
element, ReduceMean 1 per input element), which ORT mostly fuses away. Shapes are propagated
here (with the shape arithmetic folded), because onnx 1.12's shape inference loses the shapes
behind the model's Shape→Gather→Concat→Reshape chains.
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, mapping, numpy_helper

ELEMENTWISE = {"Add", "Sub", "Mul", "Div"}
SAME_SHAPE = {"BatchNormalization", "Clip", "Relu", "Sigmoid", "Abs", "HardSigmoid", "HardSwish", "Identity", "Softmax", "Cast"}


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def broadcast(*shapes):
    return list(np.broadcast_shapes(*[tuple(s) for s in shapes]))


def conv_shape(x, w, a):
    if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise ValueError("auto_pad is not supported")
    kernel = list(w[2:])
    spatial = len(kernel)
    strides = a.get("strides", [1] * spatial)
    dilations = a.get("dilations", [1] * spatial)
    pads = a.get("pads", [0] * (2 * spatial))
    out = [x[0], w[0]]
    for i in range(spatial):
        out.append((x[2 + i] + pads[i] + pads[i + spatial] - dilations[i] * (kernel[i] - 1) - 1) // strides[i] + 1)
    return out


def count_flops(model_path, batch=1):
    model = onnx.load(model_path)
    graph = model.graph
    shapes, values = {}, {}
    for init in graph.initializer:
        values[init.name] = numpy_helper.to_array(init)
        shapes[init.name] = list(values[init.name].shape)
    for inp in graph.input:
        if inp.name in shapes:
            continue
        dims = [d.dim_value if d.HasField("dim_value") else batch for d in inp.type.tensor_type.shape.dim]
        shapes[inp.name] = dims

    mac_by_op, other_by_op, nodes = {}, {}, []
    for node in graph.node:
        op, a = node.op_type, attrs(node)
        ins = [shapes.get(name) for name in node.input]
        vals = [values.get(name) for name in node.input]
        known = all(v is not None for v in vals)
        out_shape, out_value, macs, other = None, None, 0, 0
        if op == "Constant":
            out_value = numpy_helper.to_array(a["value"])
        elif op == "Shape":
            out_value = np.array(ins[0][a.get("start", 0):a.get("end", len(ins[0]))], dtype=np.int64)
        elif op == "Gather":
            axis = a.get("axis", 0)
            if known:
                out_value = np.take(vals[0], vals[1], axis=axis)
            else:
                out_shape = ins[0][:axis] + ins[1] + ins[0][axis + 1:]
        elif op in ("Unsqueeze", "Squeeze"):
            axes = [int(x) for x in (vals[1] if len(vals) > 1 and vals[1] is not None else a.get("axes", []))]
            if vals[0] is not None:
                out_value = np.expand_dims(vals[0], tuple(axes)) if op == "Unsqueeze" else np.squeeze(vals[0], tuple(axes) or None)
            elif op == "Unsqueeze":
                rank = len(ins[0]) + len(axes)
                axes = sorted(x % rank for x in axes)
                out_shape = list(ins[0])
                for x in axes:
                    out_shape.insert(x, 1)
            else:
                rank = len(ins[0])
                drop = {x % rank for x in axes} if axes else {i for i, d in enumerate(ins[0]) if d == 1}
                out_shape = [d for i, d in enumerate(ins[0]) if i not in drop]
        elif op == "Concat":
            axis = a["axis"]
            if known:
                out_value = np.concatenate(vals, axis=axis)
            else:
                out_shape = list(ins[0])
                out_shape[axis] = sum(s[axis] for s in ins)
        elif op == "Cast" and vals[0] is not None:
            out_value = vals[0].astype(mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
        elif op == "Slice":
            starts, ends = vals[1], vals[2]
            axes = vals[3] if len(vals) > 3 and vals[3] is not None else range(len(starts))
            steps = vals[4] if len(vals) > 4 and vals[4] is not None else [1] * len(starts)
            index = [slice(None)] * len(ins[0])
            for s, e, ax, st in zip(starts, ends, axes, steps):
                index[int(ax)] = slice(int(s), int(e), int(st))
            if vals[0] is not None:
                out_value = vals[0][tuple(index)]
            else:
                out_shape = [len(range(*sl.indices(d))) for sl, d in zip(index, ins[0])]
        elif op in ELEMENTWISE and known:
            if op == "Div" and np.issubdtype(vals[0].dtype, np.integer):
                out_value = np.trunc(vals[0] / vals[1]).astype(vals[0].dtype)
            else:
                out_value = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op](vals[0], vals[1])
        elif op == "ConstantOfShape":
            fill = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, dtype=np.float32)
            out_value = np.full([int(x) for x in vals[0]], fill.reshape(-1)[0], dtype=fill.dtype)
        elif op in ELEMENTWISE:
            out_shape = broadcast(*ins)
            other = int(np.prod(out_shape))
        elif op in SAME_SHAPE:
            out_shape = list(ins[0])
            other = int(np.prod(out_shape)) * (2 if op == "BatchNormalization" else 1) * (0 if op in ("Identity", "Cast") else 1)
        elif op == "Reshape":
            target = [int(x) for x in vals[1]]
            target = [ins[0][i] if t == 0 else t for i, t in enumerate(target)]
            if -1 in target:
                rest = int(np.prod([t for t in target if t != -1]))
                target[target.index(-1)] = int(np.prod(ins[0])) // rest
            out_shape = target
        elif op == "Transpose":
            perm = a.get("perm", list(reversed(range(len(ins[0])))))
            out_shape = [ins[0][p] for p in perm]
        elif op == "Conv":
            out_shape = conv_shape(ins[0], ins[1], a)
            group = a.get("group", 1)
            macs = int(np.prod(out_shape)) * (ins[0][1] // group) * int(np.prod(ins[1][2:]))
            other = int(np.prod(out_shape)) if len(node.input) > 2 and node.input[2] else 0
        elif op == "Gemm":
            m, k = (ins[0][1], ins[0][0]) if a.get("transA", 0) else (ins[0][0], ins[0][1])
            n = ins[1][0] if a.get("transB", 0) else ins[1][1]
            out_shape = [m, n]
            macs = m * n * k
            other = m * n if len(node.input) > 2 else 0
        elif op == "MatMul":
            out_shape = broadcast(ins[0][:-2], ins[1][:-2]) + [ins[0][-2], ins[1][-1]]
            macs = int(np.prod(out_shape)) * ins[0][-1]
        elif op == "ReduceMean":
            axes = a.get("axes", list(range(len(ins[0]))))
            axes = {x % len(ins[0]) for x in axes}
            keep = a.get("keepdims", 1)
            out_shape = [1 if i in axes else d for i, d in enumerate(ins[0]) if keep or i not in axes]
            other = int(np.prod(ins[0]))
        elif op == "GlobalAveragePool":
            out_shape = list(ins[0][:2]) + [1] * (len(ins[0]) - 2)
            other = int(np.prod(ins[0]))
        elif op == "Pad":
            pads = [int(x) for x in (vals[1] if len(vals) > 1 and vals[1] is not None else a["pads"])]
            rank = len(ins[0])
            axes = [int(x) % rank for x in vals[3]] if len(vals) > 3 and vals[3] is not None else list(range(rank))
            out_shape = list(ins[0])
            for position, axis in enumerate(axes):
                out_shape[axis] += pads[position] + pads[position + len(axes)]
        elif op == "Resize":
            # Nearest/linear resize by constant scales (the ball detector's 2x upsampling): a copy, counted as elementwise.
            scales = vals[2] if len(vals) > 2 and vals[2] is not None and len(vals[2]) else None
            sizes = vals[3] if len(vals) > 3 and vals[3] is not None else None
            out_shape = [int(x) for x in sizes] if sizes is not None else [int(round(d * float(f))) for d, f in zip(ins[0], scales)]
            other = int(np.prod(out_shape))
        elif op == "Flatten":
            axis = a.get("axis", 1) % len(ins[0])
            out_shape = [int(np.prod(ins[0][:axis])), int(np.prod(ins[0][axis:]))]
        else:
            raise ValueError(f"no FLOP/shape rule for {op} (node {node.name})")

        if out_value is not None:
            values[node.output[0]] = out_value
            out_shape = list(np.shape(out_value))
        shapes[node.output[0]] = out_shape
        if macs or other:
            mac_by_op[op] = mac_by_op.get(op, 0) + 2 * macs
            other_by_op[op] = other_by_op.get(op, 0) + other
            nodes.append({"name": node.name, "op": op, "output": out_shape, "macFlops": 2 * macs, "otherFlops": other})

    outputs = {out.name: shapes[out.name] for out in graph.output}
    for out in graph.output:
        declared = [d.dim_value for d in out.type.tensor_type.shape.dim if d.HasField("dim_value")]
        if declared and declared != shapes[out.name][-len(declared):]:
            raise ValueError(f"propagated shape {shapes[out.name]} of {out.name} disagrees with the graph's {declared}")
    params = int(sum(np.prod(init.dims) for init in graph.initializer))
    return {
        "model": model_path,
        "batch": batch,
        "convention": "1 MAC = 2 FLOPs; macFlops: Conv, Gemm, MatMul; otherFlops: bias, BatchNormalization (2/element), Clip/Add/Mul/Div (1/element), ReduceMean (1/input element)",
        "parameters": params,
        "macFlops": sum(mac_by_op.values()),
        "otherFlops": sum(other_by_op.values()),
        "macFlopsByOp": mac_by_op,
        "otherFlopsByOp": other_by_op,
        "outputs": outputs,
        "nodes": nodes,
    }


def matmul_model(size, out_path):
    rng = np.random.default_rng(1)
    weight = numpy_helper.from_array(rng.standard_normal((size, size)).astype(np.float32), "weight")
    node = helper.make_node("MatMul", ["a", "weight"], ["product"])
    graph = helper.make_graph(
        [node],
        f"matmul{size}",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [size, size])],
        [helper.make_tensor_value_info("product", TensorProto.FLOAT, [size, size])],
        [weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="tools/onnx-graph.py")
    onnx.checker.check_model(model)
    onnx.save(model, out_path)


def main(argv):
    if len(argv) == 4 and argv[1] == "flops":
        with open(argv[3], "w") as out:
            json.dump(count_flops(argv[2]), out, indent=2)
    elif len(argv) == 4 and argv[1] == "matmul":
        matmul_model(int(argv[2]), argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

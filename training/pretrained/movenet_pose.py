"""MoveNet SinglePose Lightning, whole: trunk, FPN and the four CenterNet heads, converted from the
tfjs graph model in the npm package ``@vladmandic/human@3.3.6`` (the same two files as
``movenet.py``) to PyTorch and exported to ONNX for the app (the juggler's wrists and head).

The graph's own decoding (ArgMax / GatherNd over the heads) is not converted: the app decodes the
heads in ``src/core/pose-decode.ts`` exactly as the graph does (centre weighted towards the middle of
the input, keypoints regressed from it, refined on their own heatmaps, plus offsets); this script's
``decode`` is the same rule in numpy, checked against the graph's final output.

How: every node from the normalised input (``StatefulPartitionedCall/sub_1``) to the heads is one
of _FusedConv2D (BiasAdd [+ Relu | Relu6]), FusedDepthwiseConv2dNative (BiasAdd + Relu6),
DepthwiseConv2dNative, AddV2, ResizeBilinear (half-pixel centres) and Sigmoid; ``GraphModule``
runs those nodes in graph order with the weights copied in (NHWC -> NCHW), TF 'SAME' padding
reproduced as ``movenet.ConvBN`` does.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/pretrained/movenet_pose.py --out models/pose.onnx [--size 192]
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/pretrained/movenet_pose.py --verify   # against tfjs (Node)

ONNX: input ``frames`` float [N,3,S,S] RGB in [0,1]; outputs (each [N,C,S/4,S/4]) ``heatmap``
(17 keypoint heatmaps, sigmoid), ``center`` (1, sigmoid), ``regress`` (34: per keypoint dy, dx in
grid cells from the centre), ``offset`` (34: per keypoint dy, dx within its cell). Keypoints in
COCO order (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles; left before right).
Licence: the package is MIT; MoveNet is Apache-2.0 upstream (TF Hub
``google/movenet/singlepose/lightning/4``).
"""
from __future__ import annotations

import argparse
import base64
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import movenet as mn  # noqa: E402

ROOT = 'StatefulPartitionedCall/'
INPUT_NODE = ROOT + 'sub_1'
HEADS = {  # ONNX output name -> graph node
    'heatmap': ROOT + 'Sigmoid',
    'center': ROOT + 'Sigmoid_1',
    'regress': ROOT + 'kpt_regress_0/conv2d_6/BiasAdd',
    'offset': ROOT + 'kpt_offset_0/conv2d_7/BiasAdd',
}
FINAL_NODE = 'Identity'
KEYPOINTS = 17
# The graph's decoding constants (read from the graph and checked in `check_decode_constants`).
CENTER_EPSILON = 1.8  # centre weight 1 / (distance to the grid middle + 1.8); keypoint weight alike
TOLERANCE = 1e-3  # relative, on the heads; absolute (0..1 of the input) on the decoded keypoints
SUPPORTED = {'_FusedConv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative', 'AddV2', 'ResizeBilinear', 'Sigmoid'}


def _fused(node) -> list[str]:
    return [base64.b64decode(s).decode() for s in node['attr'].get('fused_ops', {}).get('list', {}).get('s', [])]


def _strip(name: str) -> str:
    return name.split(':')[0].lstrip('^')


class SameConv(nn.Module):
    """A tfjs conv node: Conv2d with TF 'SAME' padding, bias and the fused activation."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray | None, stride: int, depthwise: bool, activation: str | None):
        super().__init__()
        w = torch.from_numpy(np.array(weight, dtype=np.float32))
        w = w.permute(2, 3, 0, 1) if depthwise else w.permute(3, 2, 0, 1)   # HWC1 -> C1HW / HWIO -> OIHW
        cout, cin_g, k, _ = w.shape
        groups = cout if depthwise else 1
        self.k, self.stride, self.activation = k, stride, activation
        pad = (k - 1) // 2 if stride == 1 else 0
        self.conv = nn.Conv2d(cin_g * groups, cout, k, stride, pad, groups=groups, bias=bias is not None)
        with torch.no_grad():
            self.conv.weight.copy_(w.contiguous())
            if bias is not None:
                self.conv.bias.copy_(torch.from_numpy(np.array(bias, dtype=np.float32)))

    def forward(self, x):
        if self.stride > 1 and self.k > 1:
            h, w = int(x.shape[-2]), int(x.shape[-1])
            t, b = mn.ConvBN._same(h, self.k, self.stride)
            l, r = mn.ConvBN._same(w, self.k, self.stride)
            if t or b or l or r:
                x = F.pad(x, (l, r, t, b))
        x = self.conv(x)
        if self.activation == 'Relu6':
            return x.clamp(0.0, 6.0)
        if self.activation == 'Relu':
            return x.clamp(min=0.0)
        return x


class GraphModule(nn.Module):
    """The tfjs graph from the normalised input to the four heads, node by node."""

    def __init__(self, nodes: dict, weights: dict):
        super().__init__()
        self.norm = mn.MoveNetTrunk('expanded_conv')   # only its normalisation buffers are used
        mn.load_weights_into(self.norm, *mn.fetch_movenet())
        order: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen or name == INPUT_NODE:
                return
            seen.add(name)
            node = nodes[name]
            if node['op'] == 'Const':
                return
            if node['op'] not in SUPPORTED:
                raise ValueError(f'unsupported op {node["op"]} at {name}')
            for parent in node['input']:
                visit(_strip(parent))
            order.append(name)

        for head in HEADS.values():
            visit(head)
        self.order = order
        self.inputs: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}
        self.sizes: dict[str, tuple[int, int]] = {}
        self.convs = nn.ModuleDict()
        self.keys: dict[str, str] = {}
        for index, name in enumerate(order):
            node = nodes[name]
            op = node['op']
            self.kinds[name] = op
            data_inputs = [_strip(i) for i in node['input'] if nodes[_strip(i)]['op'] != 'Const' or _strip(i) == INPUT_NODE]
            self.inputs[name] = data_inputs
            if op in ('_FusedConv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
                weight = weights[_strip(node['input'][1])]
                # 'SAME' everywhere, and 'VALID' on 1x1 convolutions (the same thing).
                assert mn._attr_str(node, 'padding') == 'SAME' or weight.shape[:2] == (1, 1), name
                assert mn._attr_list(node, 'dilations') in ([], [1, 1, 1, 1]), name
                strides = mn._attr_list(node, 'strides')
                assert strides[0] == 1 and strides[3] == 1 and strides[1] == strides[2], (name, strides)
                fused = _fused(node)
                activation = None
                if op != 'DepthwiseConv2dNative':
                    assert fused[0] == 'BiasAdd' and len(fused) <= 2, (name, fused)
                    activation = fused[1] if len(fused) == 2 else None
                    assert activation in (None, 'Relu', 'Relu6'), (name, fused)
                bias = weights[_strip(node['input'][2])] if op != 'DepthwiseConv2dNative' else None
                key = f'n{index}'
                self.keys[name] = key
                self.convs[key] = SameConv(weight, bias, strides[1], op != '_FusedConv2D', activation)
            elif op == 'ResizeBilinear':
                assert node['attr']['half_pixel_centers'].get('b') is True and not node['attr']['align_corners'].get('b'), name
                size = weights[_strip(node['input'][1])]
                self.sizes[name] = (int(size[0]), int(size[1]))
            elif op == 'AddV2':
                assert len(data_inputs) == 2, name

    def forward(self, rgb01):
        n = self.norm
        x = (rgb01 * 255.0 - n.norm_sub) * n.norm_mul - n.norm_sub2
        values = {INPUT_NODE: x}
        for name in self.order:
            op = self.kinds[name]
            args = [values[i] for i in self.inputs[name]]
            if name in self.keys:
                values[name] = self.convs[self.keys[name]](args[0])
            elif op == 'AddV2':
                values[name] = args[0] + args[1]
            elif op == 'Sigmoid':
                values[name] = torch.sigmoid(args[0])
            elif op == 'ResizeBilinear':
                # The graph's sizes are for a 192 input (12/24/48); scale them with the input.
                scale = int(rgb01.shape[-1]) / 192
                h, w = self.sizes[name]
                values[name] = F.interpolate(args[0], size=(round(h * scale), round(w * scale)), mode='bilinear', align_corners=False)
        return tuple(values[HEADS[key]] for key in HEADS)


def decode(heatmap: np.ndarray, center: np.ndarray, regress: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """The graph's decoding for one image (heads [C,G,G]) -> [17,3] (y, x in 0..1 of the input, score)."""
    grid = heatmap.shape[-1]
    ys, xs = np.meshgrid(np.arange(grid, dtype=np.float32), np.arange(grid, dtype=np.float32), indexing='ij')
    middle = grid / 2
    weight = 1 / (np.sqrt((ys - middle) ** 2 + (xs - middle) ** 2) + CENTER_EPSILON)
    cy, cx = divmod(int(np.argmax(center[0] * weight)), grid)
    out = np.zeros((KEYPOINTS, 3), dtype=np.float32)
    for k in range(KEYPOINTS):
        ry = cy + regress[2 * k, cy, cx]
        rx = cx + regress[2 * k + 1, cy, cx]
        score_map = heatmap[k] / (np.sqrt((ys - ry) ** 2 + (xs - rx) ** 2) + CENTER_EPSILON)
        ky, kx = divmod(int(np.argmax(score_map)), grid)
        out[k] = ((ky + offset[2 * k, ky, kx]) / grid, (kx + offset[2 * k + 1, ky, kx]) / grid, heatmap[k, ky, kx])
    return out


def check_decode_constants(weights: dict) -> None:
    """The decoding constants this module assumes are the graph's own."""
    recip = weights['ConstantFolding/StatefulPartitionedCall/truediv_2_recip'].reshape(48, 48)
    ys, xs = np.meshgrid(np.arange(48), np.arange(48), indexing='ij')
    mine = 1 / (np.sqrt((ys - 24.0) ** 2 + (xs - 24.0) ** 2) + CENTER_EPSILON)
    assert np.abs(recip - mine).max() < 2e-3, np.abs(recip - mine).max()
    assert abs(float(weights[ROOT + 'add_5/y']) - CENTER_EPSILON) < 1e-3
    assert np.allclose(weights[ROOT + 'Reshape_13'], 1 / 48, atol=1e-4)


def load_pose() -> GraphModule:
    nodes, weights = mn.read_graph(*mn.fetch_movenet())
    check_decode_constants(weights)
    return GraphModule(nodes, weights).eval()


def export_onnx(model: GraphModule, path, size: int, opset: int = 17):
    x = torch.rand(1, 3, size, size, generator=torch.Generator().manual_seed(0))
    with mn.onnx_static_pad(opset):
        torch.onnx.export(model, x, str(path), opset_version=opset, input_names=['frames'], output_names=list(HEADS),
                          dynamic_axes={'rgb': {0: 'batch'}, **{k: {0: 'batch'} for k in HEADS}})
    import onnx
    m = onnx.load(str(path))
    store_weights_as_float16(m)
    onnx.checker.check_model(m)
    onnx.save(m, str(path))
    write_reference(model, Path(path), size)
    return path


def store_weights_as_float16(m) -> None:
    """The package stores every weight as float16, so float16 in the file loses nothing: each large
    float32 initializer becomes a float16 one and a Cast back to float32 (half the download)."""
    from onnx import TensorProto, helper, numpy_helper
    casts = []
    for index, init in enumerate(m.graph.initializer):
        if init.data_type != TensorProto.FLOAT:
            continue
        value = numpy_helper.to_array(init)
        if value.size < 256 or not np.array_equal(value.astype(np.float16).astype(np.float32), value):
            continue
        name = init.name
        half = numpy_helper.from_array(value.astype(np.float16), name + '_f16')
        m.graph.initializer[index].CopyFrom(half)
        casts.append(helper.make_node('Cast', [half.name], [name], to=TensorProto.FLOAT, name=name + '_cast'))
    nodes = casts + list(m.graph.node)
    del m.graph.node[:]
    m.graph.node.extend(nodes)


def write_reference(model: GraphModule, path: Path, size: int, picks: int = 64) -> Path:
    """``<stem>-reference.json``: torch's heads at a few places and the decoded keypoints for the
    formula input (training/export.py reference_input), for the Node test of the exported file."""
    sys.path.insert(0, str(HERE.parent))
    from export import reference_input
    shape = (1, 3, size, size)
    with torch.no_grad():
        heads = [value[0].numpy() for value in model(reference_input(shape))]
    rng = np.random.default_rng(0)
    reference = {'shape': list(shape), 'grid': size // 4, 'heads': {}}
    for key, value in zip(HEADS, heads):
        flat = value.reshape(-1)
        at = sorted(int(i) for i in rng.choice(flat.size, picks, replace=False))
        reference['heads'][key] = {'picks': at, 'values': [float(flat[i]) for i in at]}
    keypoints = decode(*heads)
    reference['keypoints'] = [[float(y) * size, float(x) * size, float(score)] for y, x, score in keypoints]
    out = path.with_name(path.stem + '-reference.json')
    out.write_text(json.dumps(reference, indent=1) + '\n')
    return out


def verify(size: int) -> int:
    """PyTorch heads and decode against the tfjs graph (Node, pure-JS CPU) on deterministic images."""
    import verify_movenet as vm
    tfjs_dir = vm.ensure_tfjs(mn.REPO / '.cache' / 'tfjs-verify')
    json_path, bin_path = mn.fetch_movenet()
    model = load_pose()
    worst = 0.0
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        for seed in (1, 2):
            img = smooth_image(size, seed)
            (work / str(seed)).mkdir()
            outs, _ = vm.run_tfjs(tfjs_dir, json_path, bin_path, img, [*HEADS.values(), FINAL_NODE], work / str(seed))
            with torch.no_grad():
                mine = model(torch.from_numpy(img).permute(0, 3, 1, 2).float() / 255.0)
            for key, value in zip(HEADS, mine):
                ref = outs[HEADS[key]][0].transpose(2, 0, 1)
                rel = float(np.abs(value[0].numpy() - ref).max() / max(np.abs(ref).max(), 1e-6))
                worst = max(worst, rel)
                print(f'  seed {seed} {key:8s} {tuple(ref.shape)} rel diff {rel:.2e}')
            keypoints = decode(*(v[0].numpy() for v in mine))
            final = outs[FINAL_NODE].reshape(KEYPOINTS, 3)
            diff = float(np.abs(keypoints - final).max())
            worst = max(worst, diff)
            print(f'  seed {seed} decoded keypoints vs the graph\'s output: max diff {diff:.2e} (score max {final[:, 2].max():.3f})')
    ok = worst < TOLERANCE
    print('OK' if ok else 'FAIL', f'worst {worst:.2e}')
    return 0 if ok else 1


def smooth_image(size: int, seed: int) -> np.ndarray:
    """A deterministic image with some structure (random blobs on a gradient), uint8 1xSxSx3."""
    rng = np.random.default_rng(seed)
    ys, xs = np.meshgrid(np.linspace(0, 1, size), np.linspace(0, 1, size), indexing='ij')
    img = np.stack([ys * 200, xs * 180, (1 - ys) * 150], axis=-1)
    for _ in range(12):
        cy, cx, r = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.03, 0.15)
        img[((ys - cy) ** 2 + (xs - cx) ** 2) < r * r] = rng.integers(0, 256, 3)
    return img.clip(0, 255).astype(np.uint8)[None]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', help='write the ONNX here (e.g. models/pose.onnx)')
    ap.add_argument('--size', type=int, default=192, help='square input side, a multiple of 32 (the graph: 192)')
    ap.add_argument('--verify', action='store_true', help='compare with the tfjs graph run in Node')
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    if args.size % 32:
        raise SystemExit('--size must be a multiple of 32')
    if args.verify:
        return verify(192)
    if not args.out:
        raise SystemExit('give --out or --verify')
    model = load_pose()
    export_onnx(model, args.out, args.size)
    params = sum(p.numel() for p in model.parameters())
    print(f'wrote {args.out}: input {args.size}x{args.size}, {params} parameters, {len(model.order)} nodes, heads {list(HEADS)}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())

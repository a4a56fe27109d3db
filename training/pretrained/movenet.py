"""MoveNet Lightning MobileNetV2 trunk, converted from the tfjs graph model in the
npm package ``@vladmandic/human@3.3.6`` to a PyTorch module.

Source model: ``models/movenet-lightning.json`` + ``models/movenet-lightning.bin`` (a tfjs
graph model converted from https://tfhub.dev/google/movenet/singlepose/lightning/4; weights
stored as float16, BatchNorm folded into each conv's weights + bias).

Usage::

    from training.pretrained.movenet import load_movenet_trunk
    trunk = load_movenet_trunk('block_5')      # stride 8, 32 channels
    feats = trunk(rgb01)                       # rgb01: float [N,3,H,W] in [0,1]

Command line (converts and saves ``training/pretrained/movenet-trunk-<last_block>.pt``)::

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/pretrained/movenet.py [--last-block block_5]

What the tfjs graph does, and what this module reproduces exactly:

* input: int32 NHWC image 0..255; ``(x - 0) * 0.0078430176 - 1`` (Sub/Mul/Sub nodes; the
  constants are read from the graph, they are float16-rounded 1/127.5, so 255 maps to
  0.99997, not 1.0).  This module takes float RGB in [0,1] and multiplies by 255 first.
* every conv is ``padding='SAME'`` (no explicit Pad nodes in the graph).  TF "SAME" for a
  3x3 stride-2 conv pads (0 before, 1 after) when the input side is even and (1, 1) when it
  is odd; this module computes exactly that per forward call (F.pad), so odd sizes match too.
  Stride-1 3x3 convs use the symmetric padding=1 of Conv2d.
* Conv + folded BN bias (+ ReLU6 where the graph fuses Relu6; projections are linear),
  depthwise convs as grouped Conv2d, residual AddV2 where the graph has ``block_N_add``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PACKAGE = '@vladmandic/human'
VERSION = '3.3.6'
TARBALL = 'vladmandic-human-3.3.6.tgz'
MODEL_FILES = ('models/movenet-lightning.json', 'models/movenet-lightning.bin')
SHA256 = {  # of the extracted files (npm itself checks the tarball's integrity)
    'movenet-lightning.json': 'df8cbde44d00f533ccc4916a7c6ebc17316532fb3fadad114ec667fef22872e9',
    'movenet-lightning.bin': 'bf97bc10d9c8a11200b0190ed64ce039b6252f1aff7cb552aca99b3d191c2f34',
}
PREFIX = 'StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/model/'
# Normalisation constants live in the graph under these Const names.
NORM_SUB = 'StatefulPartitionedCall/Reshape'      # Sub  y: [1,1,1,3]
NORM_MUL = 'StatefulPartitionedCall/truediv'      # Mul  y: [1,1,1,3]
NORM_SUB2 = 'StatefulPartitionedCall/sub_1/y'     # Sub  y: scalar

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CACHE = REPO / '.cache' / 'movenet'

# Keras MobileNetV2 (alpha 1.0): (block name, in, expansion, out, stride).
_SPEC = [('expanded_conv', 32, 1, 16, 1)]
_cfg = [(6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
_cin, _i = 16, 1
for _t, _c, _n, _s in _cfg:
    for _k in range(_n):
        _SPEC.append((f'block_{_i}', _cin, _t, _c, _s if _k == 0 else 1))
        _cin, _i = _c, _i + 1
BLOCKS = [b[0] for b in _SPEC]          # expanded_conv, block_1 .. block_16
STRIDES = {}
_st = 2
for _name, _ci, _t, _co, _s in _SPEC:
    _st *= _s
    STRIDES[_name] = _st
CHANNELS = {b[0]: b[3] for b in _SPEC}


# --------------------------------------------------------------------------- fetching

def fetch_movenet(cache_dir: str | os.PathLike = DEFAULT_CACHE) -> tuple[Path, Path]:
    """``npm pack`` the package into ``cache_dir`` (once) and extract the two model files.

    Returns ``(json_path, bin_path)``.  Only the npm registry is contacted; the package is
    never added to the project's package.json.
    """
    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    out = [cache / Path(f).name for f in MODEL_FILES]
    if all(p.exists() and _sha256(p) == SHA256[p.name] for p in out):
        return out[0], out[1]
    tgz = cache / TARBALL
    if not tgz.exists():
        # cwd=cache so that the project's .npmrc / package.json play no part.
        subprocess.run(['npm', 'pack', f'{PACKAGE}@{VERSION}', '--pack-destination', str(cache),
                        '--loglevel=error'], cwd=cache, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(tgz, 'r:gz') as tf:
        for member, dest in zip(MODEL_FILES, out):
            src = tf.extractfile('package/' + member)
            assert src is not None, member
            tmp = dest.with_suffix(dest.suffix + '.tmp')
            tmp.write_bytes(src.read())
            tmp.replace(dest)
    for p in out:
        if _sha256(p) != SHA256[p.name]:
            raise RuntimeError(f'{p}: sha256 mismatch, not the file this converter was checked on')
    return out[0], out[1]


def _sha256(path: Path) -> str:
    import hashlib
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- graph reading

def read_graph(json_path, bin_path):
    """Return (nodes by name, weights by name as float32/int32 numpy arrays)."""
    model = json.loads(Path(json_path).read_text())
    nodes = {n['name']: n for n in model['modelTopology']['node']}
    buf = Path(bin_path).read_bytes()
    weights, off = {}, 0
    groups = model['weightsManifest']
    assert len(groups) == 1 and groups[0]['paths'] == [Path(bin_path).name], groups[0]['paths']
    for w in groups[0]['weights']:
        shape = w['shape']
        n = int(np.prod(shape)) if shape else 1
        q = w.get('quantization')
        if q is None:
            dt = {'float32': np.float32, 'int32': np.int32}[w['dtype']]
            a = np.frombuffer(buf, dtype=dt, count=n, offset=off)
            off += a.nbytes
        elif q['dtype'] == 'float16':
            a = np.frombuffer(buf, dtype=np.float16, count=n, offset=off)
            off += a.nbytes
            a = a.astype(np.float32)
        elif q['dtype'] in ('uint8', 'uint16'):            # affine quantisation q*scale+min
            dt = np.uint8 if q['dtype'] == 'uint8' else np.uint16
            a = np.frombuffer(buf, dtype=dt, count=n, offset=off)
            off += a.nbytes
            a = a.astype(np.float32) * np.float32(q['scale']) + np.float32(q['min'])
        else:
            raise ValueError(f'unsupported quantisation {q}')
        weights[w['name']] = a.reshape(shape)
    assert off == len(buf), (off, len(buf))
    return nodes, weights


def _attr_list(node, key):
    return [int(v) for v in node['attr'][key]['list'].get('i', [])]


def _attr_str(node, key):
    import base64
    return base64.b64decode(node['attr'][key]['s']).decode()


def _fused_ops(node):
    import base64
    return [base64.b64decode(s).decode() for s in node['attr'].get('fused_ops', {}).get('list', {}).get('s', [])]


def _conv_node(nodes, layer):
    """Find the graph node that consumes ``<layer>/Conv2D_weights`` or ``depthwise_weights``."""
    for suffix in ('/Conv2D_weights', '/depthwise_weights'):
        wname = PREFIX + layer + suffix
        for n in nodes.values():
            if n['op'] != 'Const' and len(n.get('input', [])) > 1 and n['input'][1] == wname:
                return n, wname, wname.replace('_weights', '_bn_offset')
    raise KeyError(f'no conv node for {layer}')


def block_output_node(nodes, block):
    """Name of the graph node holding the output of ``block`` (the add, else the projection)."""
    add = PREFIX + f'{block}_add/add'
    if add in nodes:
        return add
    return _conv_node(nodes, f'{block}_project')[0]['name']


# --------------------------------------------------------------------------- the module

class ConvBN(nn.Module):
    """Conv2d with folded-BN bias, TF 'SAME' padding, optional ReLU6 (as clamp -> ONNX Clip)."""

    def __init__(self, cin, cout, k, stride=1, groups=1, relu6=True):
        super().__init__()
        self.k, self.stride, self.relu6 = k, stride, relu6
        pad = (k - 1) // 2 if stride == 1 else 0           # stride 1: symmetric, inside Conv
        self.conv = nn.Conv2d(cin, cout, k, stride, pad, groups=groups, bias=True)

    @staticmethod
    def _same(size: int, k: int, s: int):
        out = -(-size // s)
        total = max((out - 1) * s + k - size, 0)
        return total // 2, total - total // 2

    def forward(self, x):
        if self.stride > 1 and self.k > 1:
            # TF/Keras 'SAME': the extra pixel goes after (right/bottom).  Sizes are plain ints
            # here; under ONNX tracing they become constants (only the batch is dynamic).
            h, w = int(x.shape[-2]), int(x.shape[-1])
            t, b = self._same(h, self.k, self.stride)
            l, r = self._same(w, self.k, self.stride)
            if t or b or l or r:
                x = F.pad(x, (l, r, t, b))
        x = self.conv(x)
        return x.clamp(0.0, 6.0) if self.relu6 else x


class InvertedResidual(nn.Module):
    def __init__(self, cin, t, cout, stride):
        super().__init__()
        hid = cin * t
        self.expand = ConvBN(cin, hid, 1) if t != 1 else None
        self.depthwise = ConvBN(hid, hid, 3, stride, groups=hid)
        self.project = ConvBN(hid, cout, 1, relu6=False)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.expand(x) if self.expand is not None else x
        y = self.project(self.depthwise(y))
        return x + y if self.residual else y


class MoveNetTrunk(nn.Module):
    """MoveNet Lightning's MobileNetV2 from the RGB input up to and including ``last_block``.

    Input: float [N,3,H,W], RGB in [0,1].  Output: [N,C,ceil(H/s),ceil(W/s)] with
    s = ``STRIDES[last_block]`` and C = ``CHANNELS[last_block]`` (block_5: s 8, C 32).
    """

    def __init__(self, last_block: str = 'block_5'):
        super().__init__()
        if last_block not in BLOCKS:
            raise ValueError(f'last_block must be one of {BLOCKS}')
        self.last_block = last_block
        self.out_channels = CHANNELS[last_block]
        self.stride = STRIDES[last_block]
        # graph normalisation: ((255*x) - sub) * mul - sub2; real values set by the loader
        self.register_buffer('norm_sub', torch.zeros(1, 3, 1, 1))
        self.register_buffer('norm_mul', torch.full((1, 3, 1, 1), 1 / 127.5))
        self.register_buffer('norm_sub2', torch.ones(()))
        self.conv1 = ConvBN(3, 32, 3, 2)
        blocks = {}
        for name, cin, t, cout, s in _SPEC:
            blocks[name] = InvertedResidual(cin, t, cout, s)
            if name == last_block:
                break
        self.blocks = nn.ModuleDict(blocks)

    def config(self):
        return {'last_block': self.last_block, 'out_channels': self.out_channels,
                'stride': self.stride, 'source': f'{PACKAGE}@{VERSION}:{MODEL_FILES[0]}',
                'input': 'float RGB [N,3,H,W] in [0,1]'}

    def forward(self, x):
        x = (x * 255.0 - self.norm_sub) * self.norm_mul - self.norm_sub2
        x = self.conv1(x)
        for blk in self.blocks.values():
            x = blk(x)
        return x


# --------------------------------------------------------------------------- loading

def _load_conv(m: ConvBN, nodes, weights, layer, depthwise):
    node, wname, bname = _conv_node(nodes, layer)
    assert node['input'][2] == bname, (node['input'], bname)
    assert _attr_str(node, 'padding') == 'SAME', (layer, _attr_str(node, 'padding'))
    assert _attr_str(node, 'data_format') == 'NHWC'
    strides = _attr_list(node, 'strides')
    assert strides == [1, m.stride, m.stride, 1], (layer, strides)
    assert _attr_list(node, 'dilations') in ([], [1, 1, 1, 1])
    fused = _fused_ops(node)
    assert fused == (['BiasAdd', 'Relu6'] if m.relu6 else ['BiasAdd']), (layer, fused)
    w = torch.from_numpy(np.array(weights[wname], dtype=np.float32))
    b = torch.from_numpy(np.array(weights[bname], dtype=np.float32))
    w = w.permute(2, 3, 0, 1) if depthwise else w.permute(3, 2, 0, 1)   # HWC1->C1HW / HWIO->OIHW
    assert tuple(w.shape) == tuple(m.conv.weight.shape), (layer, w.shape, m.conv.weight.shape)
    assert tuple(b.shape) == tuple(m.conv.bias.shape), (layer, b.shape)
    with torch.no_grad():
        m.conv.weight.copy_(w.contiguous())
        m.conv.bias.copy_(b)
    return node


def load_weights_into(trunk: MoveNetTrunk, json_path, bin_path) -> MoveNetTrunk:
    nodes, weights = read_graph(json_path, bin_path)
    # normalisation: check the op chain input -> ... -> Sub -> Mul -> Sub -> Conv1
    sub, mul, sub2 = (nodes['StatefulPartitionedCall/sub'], nodes['StatefulPartitionedCall/truediv_1'],
                      nodes['StatefulPartitionedCall/sub_1'])
    assert (sub['op'], mul['op'], sub2['op']) == ('Sub', 'Mul', 'Sub')
    assert sub['input'][1] == NORM_SUB and mul['input'] == [sub['name'], NORM_MUL]
    assert sub2['input'] == [mul['name'], NORM_SUB2]
    with torch.no_grad():
        trunk.norm_sub.copy_(torch.from_numpy(weights[NORM_SUB].astype(np.float32)).reshape(1, 3, 1, 1))
        trunk.norm_mul.copy_(torch.from_numpy(weights[NORM_MUL].astype(np.float32)).reshape(1, 3, 1, 1))
        trunk.norm_sub2.copy_(torch.tensor(float(weights[NORM_SUB2].reshape(()))))
    prev = _load_conv(trunk.conv1, nodes, weights, 'Conv1', False)
    assert prev['input'][0] == sub2['name']
    for name, blk in trunk.blocks.items():
        block_in = prev['name']
        if blk.expand is not None:
            n = _load_conv(blk.expand, nodes, weights, f'{name}_expand', False)
            assert n['input'][0] == block_in, (name, n['input'][0], block_in)
            block_in_dw = n['name']
        else:
            block_in_dw = block_in
        n = _load_conv(blk.depthwise, nodes, weights, f'{name}_depthwise', True)
        assert n['input'][0] == block_in_dw, (name, n['input'][0])
        p = _load_conv(blk.project, nodes, weights, f'{name}_project', False)
        assert p['input'][0] == n['name']
        add = nodes.get(PREFIX + f'{name}_add/add')
        assert blk.residual == (add is not None), (name, blk.residual)
        if add is not None:
            assert add['op'] == 'AddV2' and sorted(add['input']) == sorted([block_in, p['name']]), add['input']
            prev = add
        else:
            prev = p
    assert prev['name'] == block_output_node(nodes, trunk.last_block)
    return trunk


def load_movenet_trunk(last_block: str = 'block_5', cache_dir=DEFAULT_CACHE) -> MoveNetTrunk:
    json_path, bin_path = fetch_movenet(cache_dir)
    return load_weights_into(MoveNetTrunk(last_block), json_path, bin_path).eval()


def load_saved_trunk(path) -> MoveNetTrunk:
    """Rebuild a trunk from a ``movenet-trunk-<block>.pt`` written by ``__main__``."""
    ck = torch.load(path, map_location='cpu', weights_only=False)
    trunk = MoveNetTrunk(ck['config']['last_block'])
    trunk.load_state_dict(ck['state_dict'])
    return trunk.eval()


class onnx_static_pad:
    """Context manager for ``torch.onnx.export`` of a model containing a MoveNetTrunk.

    torch 1.13's opset>=11 symbolic for ``F.pad`` builds the pads input from a dynamic
    subgraph (ConstantOfShape/Concat/Slice/Transpose/...) that its constant folding cannot
    fold (Slice with step -1).  The trunk's pads are plain ints at trace time, so inside this
    context ``aten::pad`` / ``aten::constant_pad_nd`` with constant pads (value 0) export as a single
    ``Pad(x, pads=<initializer>)``; anything else falls back to the stock symbolic.
    """

    def __init__(self, opset: int = 17):
        self.opset = opset

    @staticmethod
    def _static_pad(g, input, pad, value):
        """ONNX Pad with an int64 constant pads input, or None if pads/value are not constants."""
        from torch.onnx import symbolic_helper as sh
        pads = sh._maybe_get_const(pad, 'is')
        rank = sh._get_tensor_rank(input)
        val = 0.0 if value is None or sh._is_none(value) else sh._maybe_get_const(value, 'f')
        if not isinstance(pads, (list, tuple)) or rank is None or not isinstance(val, (int, float)) or val != 0:
            return None
        begins, ends = [0] * rank, [0] * rank
        for i in range(len(pads) // 2):          # torch: (last_begin, last_end, prev_begin, ...)
            begins[rank - 1 - i], ends[rank - 1 - i] = int(pads[2 * i]), int(pads[2 * i + 1])
        return g.op('Pad', input, g.op('Constant', value_t=torch.tensor(begins + ends, dtype=torch.int64)),
                    mode_s='constant')

    @classmethod
    def _sym_constant_pad_nd(cls, g, input, pad, value=None):
        from torch.onnx import symbolic_opset11
        out = cls._static_pad(g, input, pad, value)
        return out if out is not None else symbolic_opset11.constant_pad_nd(g, input, pad, value)

    @classmethod
    def _sym_pad(cls, g, input, pad, mode, value):
        from torch.onnx import symbolic_helper as sh
        from torch.onnx import symbolic_opset11
        out = cls._static_pad(g, input, pad, value) if sh._parse_arg(mode, 's') == 'constant' else None
        return out if out is not None else symbolic_opset11.pad(g, input, pad, mode, value)

    def __enter__(self):
        import warnings
        self._warn = warnings.catch_warnings()
        self._warn.__enter__()
        warnings.filterwarnings('ignore', category=torch.jit.TracerWarning)   # int(x.shape): pads are per-size constants
        torch.onnx.register_custom_op_symbolic('aten::constant_pad_nd', self._sym_constant_pad_nd, self.opset)
        torch.onnx.register_custom_op_symbolic('aten::pad', self._sym_pad, self.opset)
        return self

    def __exit__(self, *exc):
        torch.onnx.unregister_custom_op_symbolic('aten::constant_pad_nd', self.opset)
        torch.onnx.unregister_custom_op_symbolic('aten::pad', self.opset)
        self._warn.__exit__(*exc)
        return False


def export_onnx(trunk: MoveNetTrunk, path, size: int = 96, opset: int = 17):
    """Export with dynamic batch and a fixed HxW (=size); returns the path."""
    x = torch.rand(1, 3, size, size, generator=torch.Generator().manual_seed(0))
    with onnx_static_pad(opset):
        torch.onnx.export(trunk.eval(), x, str(path), opset_version=opset, input_names=['rgb'],
                          output_names=['features'],
                          dynamic_axes={'rgb': {0: 'batch'}, 'features': {0: 'batch'}})
    # Move the Constant nodes (Clip bounds, pads) into initializers: the graph is then only
    # Mul/Sub (input normalisation), Pad, Conv, Clip and Add.
    import onnx
    from onnx import numpy_helper
    m = onnx.load(str(path))
    keep = []
    for n in m.graph.node:
        if n.op_type == 'Constant' and len(n.attribute) == 1 and n.attribute[0].name == 'value':
            t = numpy_helper.to_array(n.attribute[0].t)
            m.graph.initializer.append(numpy_helper.from_array(t, n.output[0]))
        else:
            keep.append(n)
    del m.graph.node[:]
    m.graph.node.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, str(path))
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--last-block', default='block_5', choices=BLOCKS)
    ap.add_argument('--cache-dir', default=str(DEFAULT_CACHE))
    ap.add_argument('--out', default=None, help='default training/pretrained/movenet-trunk-<block>.pt')
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    trunk = load_movenet_trunk(args.last_block, args.cache_dir)
    out = Path(args.out) if args.out else HERE / f'movenet-trunk-{args.last_block}.pt'
    torch.save({'state_dict': trunk.state_dict(), 'config': trunk.config()}, out)
    nparam = sum(p.numel() for p in trunk.parameters())
    print(f'last_block={args.last_block} stride={trunk.stride} channels={trunk.out_channels} '
          f'params={nparam} ({nparam / 1e6:.3f} M)')
    with torch.no_grad():
        for s in (64, 96):
            y = trunk(torch.rand(1, 3, s, s))
            print(f'input 1x3x{s}x{s} -> output {tuple(y.shape)}')
    print(f'saved {out} ({out.stat().st_size} bytes)')


if __name__ == '__main__':
    main()

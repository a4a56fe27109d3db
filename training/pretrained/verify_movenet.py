"""Check that the PyTorch MoveNetTrunk matches the original tfjs graph model.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/pretrained/verify_movenet.py

1. installs pure-JS tfjs (core + backend-cpu + converter, one version) into a scratch folder
   (.cache/tfjs-verify, never the project's package.json) if it is not there yet;
2. feeds the same deterministic random 0..255 image to the tfjs graph (run_tfjs.mjs, Node)
   and to the PyTorch trunk (as image/255), for 1x192x192x3 (the graph's declared size),
   1x96x96x3 and 1x97x97x3 (odd: exercises TF 'SAME' (1,1) padding at stride 2);
3. compares every block output expanded_conv .. block_16 (NHWC vs NCHW), and the
   ``MoveNetTrunk(last_block)`` forward itself for block_3 and block_5;
4. exports MoveNetTrunk(block_5) to ONNX (opset 17, dynamic batch), prints its op types, checks
   they are only Conv/Clip/Add/Pad/Mul/Sub/Div, and (if the project's onnxruntime-node is
   installed) runs it at batch 2 and compares with PyTorch;
5. times the PyTorch trunk per frame on 1 thread.

Exit status 1 if any relative difference (max|torch-tfjs| / max|tfjs|) exceeds 1e-3.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import movenet as mn  # noqa: E402

REPO = HERE.parent.parent
TFJS_VERSION = '4.22.0'      # what @vladmandic/human@3.3.6 declares (^4.22.0)
TFJS_PKGS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-converter']
TOL = 1e-3
ALLOWED_OPS = {'Conv', 'Clip', 'Add', 'Pad', 'Mul', 'Sub', 'Div'}


def ensure_tfjs(folder: Path) -> Path:
    ok = all((folder / 'node_modules' / p / 'package.json').exists() for p in TFJS_PKGS)
    if ok:
        vers = {json.loads((folder / 'node_modules' / p / 'package.json').read_text())['version'] for p in TFJS_PKGS}
        ok = vers == {TFJS_VERSION}
    if not ok:
        folder.mkdir(parents=True, exist_ok=True)
        pj = folder / 'package.json'
        if not pj.exists():
            pj.write_text('{"name": "tfjs-verify", "private": true}\n')
        subprocess.run(['npm', 'install', '--prefix', str(folder), '--no-audit', '--no-fund',
                        *[f'{p}@{TFJS_VERSION}' for p in TFJS_PKGS]], cwd=folder, check=True)
    return folder


def test_image(h: int, w: int, seed: int = 1234) -> np.ndarray:
    return np.random.default_rng(seed + 1000 * h + w).integers(0, 256, size=(1, h, w, 3), dtype=np.uint8)


def run_tfjs(tfjs_dir, json_path, bin_path, img: np.ndarray, nodes: list[str], work: Path):
    _, h, w, _ = img.shape
    ipath = work / f'img_{h}x{w}.u8'
    img.tofile(ipath)
    odir = work / f'out_{h}x{w}'
    cmd = ['node', str(HERE / 'run_tfjs.mjs'), str(tfjs_dir), str(json_path), str(bin_path),
           str(ipath), str(h), str(w), str(odir), *nodes]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f'node failed:\n{r.stdout}\n{r.stderr}')
    print('  ' + r.stdout.strip().splitlines()[-1])
    meta = json.loads((odir / 'tfjs.json').read_text())
    outs = {}
    for i, o in enumerate(meta['outputs']):
        outs[o['name']] = np.fromfile(odir / f'{i}.f32', dtype=np.float32).reshape(o['shape'])
    return outs, meta


def torch_block_outputs(trunk: mn.MoveNetTrunk, x: torch.Tensor) -> dict[str, np.ndarray]:
    res = {}
    with torch.no_grad():
        y = (x * 255.0 - trunk.norm_sub) * trunk.norm_mul - trunk.norm_sub2
        y = trunk.conv1(y)
        for name, blk in trunk.blocks.items():
            y = blk(y)
            res[name] = y.permute(0, 2, 3, 1).numpy()           # NCHW -> NHWC
    return res


def compare(a: np.ndarray, ref: np.ndarray):
    assert a.shape == ref.shape, (a.shape, ref.shape)
    d = np.abs(a.astype(np.float64) - ref.astype(np.float64))
    return float(d.max()), float(d.max() / max(np.abs(ref).max(), 1e-12)), float(np.abs(ref).max())


def check_onnx(trunk: mn.MoveNetTrunk, work: Path, size: int = 96) -> dict:
    import onnx
    path = work / f'movenet-trunk-{trunk.last_block}-{size}.onnx'
    mn.export_onnx(trunk, path, size, opset=17)
    m = onnx.load(str(path))
    onnx.checker.check_model(m)
    ops = sorted({n.op_type for n in m.graph.node})
    counts = {op: sum(n.op_type == op for n in m.graph.node) for op in ops}
    in_dims = [d.dim_param or d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    out_dims = [d.dim_param or d.dim_value for d in m.graph.output[0].type.tensor_type.shape.dim]
    print(f'  ONNX opset 17 {trunk.last_block} {size}x{size}: input {in_dims} -> output {out_dims}, '
          f'{path.stat().st_size} bytes; ops {counts}')
    bad = set(ops) - ALLOWED_OPS
    result = {'ops': counts, 'ok': not bad, 'input': in_dims, 'output': out_dims}
    if bad:
        print(f'  FAIL: unexpected ONNX ops {sorted(bad)}')
    # run with the project's onnxruntime-node at batch 2, if present (read-only use)
    ort_dir = REPO / 'node_modules' / 'onnxruntime-node'
    if ort_dir.exists():
        xb = torch.rand(2, 3, size, size, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            ref = trunk(xb).numpy()
        xb.numpy().tofile(work / 'ort_in.f32')
        js = f"""
const ort = require({json.dumps(str(ort_dir))});
const fs = require('fs');
(async () => {{
  const s = await ort.InferenceSession.create({json.dumps(str(path))});
  const b = fs.readFileSync({json.dumps(str(work / 'ort_in.f32'))});
  const x = new ort.Tensor('float32', new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4), [2, 3, {size}, {size}]);
  const r = await s.run({{ rgb: x }});
  const y = r.features;
  fs.writeFileSync({json.dumps(str(work / 'ort_out.f32'))}, Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength));
  console.log(JSON.stringify(y.dims));
}})().catch((e) => {{ console.error(e); process.exit(1); }});
"""
        r = subprocess.run(['node', '-e', js], capture_output=True, text=True)
        if r.returncode == 0:
            dims = json.loads(r.stdout.strip().splitlines()[-1])
            got = np.fromfile(work / 'ort_out.f32', dtype=np.float32).reshape(dims)
            mx, rel, _ = compare(got, ref)
            print(f'  onnxruntime-node, batch 2: output {dims}, max abs diff vs torch {mx:.2e} (rel {rel:.2e})')
            result['ort'] = {'dims': dims, 'max_abs': mx, 'rel': rel}
            result['ok'] = result['ok'] and rel <= TOL
        else:
            print(f'  onnxruntime-node run failed (not fatal): {r.stderr.strip()[:300]}')
    return result


def time_trunk(last_block: str, sizes=(64, 96), batch=16, reps=7) -> dict:
    trunk = mn.load_movenet_trunk(last_block)
    res = {}
    with torch.no_grad():
        for s in sizes:
            for bs in (1, batch):
                x = torch.rand(bs, 3, s, s)
                trunk(x)
                runs = []
                for _ in range(reps):            # min over runs: the machine is shared
                    t0 = time.perf_counter()
                    trunk(x)
                    runs.append(time.perf_counter() - t0)
                ms = min(runs) / bs * 1e3
                res[f'{s}x{s} batch {bs}'] = ms
                print(f'  torch {last_block} {s}x{s} batch {bs:2d}: {ms:.2f} ms/frame (1 thread, min of {reps})')
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--blocks', nargs='+', default=['block_3', 'block_5'],
                    help='trunks whose MoveNetTrunk(last_block).forward is checked directly')
    ap.add_argument('--sizes', nargs='+', type=int, default=[192, 96, 97])
    ap.add_argument('--cache-dir', default=str(mn.DEFAULT_CACHE))
    ap.add_argument('--tfjs-dir', default=str(REPO / '.cache' / 'tfjs-verify'))
    ap.add_argument('--no-timing', action='store_true')
    ap.add_argument('--json-out', default=None, help='write the numbers here as JSON')
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    json_path, bin_path = mn.fetch_movenet(args.cache_dir)
    tfjs_dir = ensure_tfjs(Path(args.tfjs_dir))
    nodes, _ = mn.read_graph(json_path, bin_path)
    all_blocks = mn.BLOCKS
    node_names = [mn.block_output_node(nodes, b) for b in all_blocks]
    full = mn.load_movenet_trunk(all_blocks[-1], args.cache_dir)
    trunks = {b: mn.load_movenet_trunk(b, args.cache_dir) for b in args.blocks}
    print(f'normalisation from graph: (255*x - {full.norm_sub.flatten().tolist()}) * '
          f'{full.norm_mul.flatten().tolist()} - {full.norm_sub2.item()}')

    report = {'tol': TOL, 'sizes': {}}
    worst = 0.0
    with tempfile.TemporaryDirectory(dir=REPO / '.cache', prefix='verify-movenet-') as tmp:
        work = Path(tmp)
        for s in args.sizes:
            print(f'\n== input 1x{s}x{s}x3 (random 0..255, deterministic seed) ==')
            img = test_image(s, s)
            ref, meta = run_tfjs(tfjs_dir, json_path, bin_path, img, node_names, work)
            x = torch.from_numpy(img).permute(0, 3, 1, 2).float() / 255.0
            t0 = time.perf_counter()
            ours = torch_block_outputs(full, x)
            tms = (time.perf_counter() - t0) * 1e3
            rows = {}
            for b, n in zip(all_blocks, node_names):
                mx, rel, mref = compare(ours[b], ref[n])
                rows[b] = {'shape_nhwc': list(ref[n].shape), 'max_abs': mx, 'max_ref': mref, 'rel': rel}
                worst = max(worst, rel)
                print(f'  {b:14s} {str(tuple(ref[n].shape)):18s} max|ref| {mref:8.3f}  '
                      f'max abs diff {mx:.2e}  rel {rel:.2e}')
            for b, trunk in trunks.items():
                with torch.no_grad():
                    y = trunk(x).permute(0, 2, 3, 1).numpy()
                mx, rel, _ = compare(y, ref[mn.block_output_node(nodes, b)])
                worst = max(worst, rel)
                rows[f'MoveNetTrunk({b})'] = {'max_abs': mx, 'rel': rel}
                print(f'  MoveNetTrunk({b}).forward vs tfjs: max abs diff {mx:.2e}, rel {rel:.2e}')
            report['sizes'][str(s)] = {'blocks': rows, 'tfjs_ms_all_blocks': meta['ms'],
                                       'torch_ms_all_blocks': tms, 'tfjs_version': meta['version']}

        print('\n== ONNX export ==')
        report['onnx'] = check_onnx(trunks.get('block_5', mn.load_movenet_trunk('block_5', args.cache_dir)), work)

    if not args.no_timing:
        print('\n== per-frame cost, PyTorch, 1 thread ==')
        report['timing_ms_per_frame'] = {b: time_trunk(b) for b in args.blocks}

    ok = worst <= TOL and report['onnx']['ok']
    report['worst_rel'] = worst
    report['ok'] = ok
    print(f'\nworst relative difference {worst:.2e} (tolerance {TOL:g}); ONNX ok: {report["onnx"]["ok"]}')
    print('PASS' if ok else 'FAIL')
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())

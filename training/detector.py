"""The ball detector: a small fully convolutional network that marks ball centres, once per frame.

Input: the square around the located juggling (src/core/ball-detector.ts, the one preprocessing
path), the current frame and the one before, S x S each; the graph adds their absolute difference
(a thrown ball is a small fast blob). Output at stride 4 (CenterNet-style): `heat` [N, 1, G, G]
(sigmoid: a ball's centre is here) and `offsets` [N, 2, G, G] (sigmoid: where in the cell).
Trained on renders of the synthetic juggler with every ball's centre and radius from the renderer:

  npm run render:detector -- --out data/D-train --scenes 7000 --seed 1
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/detector.py train --train data/D-train \
      --val data/D-val --val data/D-shifted --out training/runs/D1 --minutes 40
  (fine-tuning from a checkpoint: add --init training/runs/D1/best.pt)
  /usr/bin/python3 training/detector.py from-onnx --onnx training/candidates/D4/detector.onnx --width 2 --out training/runs/D4.pt
  (a checkpoint from a shipped ONNX, whose BatchNorm is folded into the convolutions: it fine-tunes
  with the norms frozen, so a detector can be trained on when its run folder is gone)
  /usr/bin/python3 training/detector.py export --checkpoint training/runs/D1/best.pt --out models/detector.onnx
  /usr/bin/python3 training/detector.py measure --checkpoint training/runs/D1/best.pt --set data/D-val --set data/D-shifted
"""
import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import reference_input  # noqa: E402
from runlog import open_run_log  # noqa: E402
from clock_training import train_by_clock  # noqa: E402

STRIDE = 4


def separable(in_channels: int, out_channels: int, stride: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False), nn.BatchNorm2d(in_channels), nn.ReLU6(inplace=True),
        nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU6(inplace=True))


def pointwise(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU6(inplace=True))


class BallDetector(nn.Module):
    """Frames + their difference → a depthwise-separable encoder to stride 16 → back up to stride 4
    with skips (a small U-Net) → heat and offsets per cell."""

    def __init__(self, frames: int = 2, width: int = 1):
        super().__init__()
        self.frames = frames
        w = width
        in_channels = 3 * frames + 3 * (frames - 1)
        self.stem = nn.Sequential(nn.Conv2d(in_channels, 16 * w, 3, 2, 1, bias=False), nn.BatchNorm2d(16 * w), nn.ReLU6(inplace=True))
        self.down4 = nn.Sequential(separable(16 * w, 24 * w, 2), separable(24 * w, 24 * w, 1))
        self.down8 = nn.Sequential(separable(24 * w, 40 * w, 2), separable(40 * w, 40 * w, 1))
        self.down16 = nn.Sequential(separable(40 * w, 64 * w, 2), separable(64 * w, 64 * w, 1))
        self.up8 = nn.Sequential(pointwise(64 * w + 40 * w, 40 * w), separable(40 * w, 40 * w, 1))
        self.up4 = nn.Sequential(pointwise(40 * w + 24 * w, 32 * w), separable(32 * w, 32 * w, 1))
        self.head = nn.Sequential(nn.Conv2d(32 * w, 32 * w, 3, 1, 1), nn.ReLU(inplace=True), nn.Conv2d(32 * w, 3, 1))
        self.head[-1].bias.data[0] = -2.19  # a low prior for "ball here" (CenterNet's initialisation)

    frozen_norm = False

    def train(self, mode: bool = True):
        """With `frozen_norm` (weights read back from a folded ONNX) the norms stay as they are."""
        super().train(mode)
        if self.frozen_norm:
            for module in self.modules():
                if isinstance(module, nn.BatchNorm2d):
                    module.eval()
        return self

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        x = (x - 0.45) / 0.25
        frames = [x[:, 3 * index:3 * index + 3] for index in range(self.frames)]
        differences = [(frames[index] - frames[index - 1]).abs() * 2.0 for index in range(1, self.frames)]
        y2 = self.stem(torch.cat(frames + differences, dim=1))
        y4 = self.down4(y2)
        y8 = self.down8(y4)
        y16 = self.down16(y8)
        u8 = self.up8(torch.cat([F.interpolate(y16, scale_factor=2.0, mode="nearest"), y8], dim=1))
        u4 = self.up4(torch.cat([F.interpolate(u8, scale_factor=2.0, mode="nearest"), y4], dim=1))
        return self.head(u4)

    def forward(self, x: torch.Tensor):
        out = self.logits(x)
        return torch.sigmoid(out[:, :1]), torch.sigmoid(out[:, 1:])


def load_detector_shards(folder: str):
    """uint8 inputs [N, frames*3, S, S] and each sample's balls [[x, y, r], ...] in input pixels."""
    metas = sorted(Path(folder).glob("shard-*.json"))
    if not metas:
        raise SystemExit(f"no shards in {folder}: render them with `npm run render:detector -- --out {folder}`")
    inputs, balls = [], []
    for meta_path in metas:
        meta = json.loads(meta_path.read_text())
        data = np.fromfile(meta_path.with_suffix(".bin"), dtype=np.uint8)
        inputs.append(torch.from_numpy(data.reshape(meta["count"], meta["frames"] * 3, meta["size"], meta["size"])))
        balls.extend(meta["balls"])
    return torch.cat(inputs), balls


def targets(balls, size: int, flip: torch.Tensor):
    """Gaussian heat (a peak of 1 at each ball's cell, spread by its radius), offsets and their mask."""
    grid = size // STRIDE
    n = len(balls)
    heat = torch.zeros(n, 1, grid, grid)
    offsets = torch.zeros(n, 2, grid, grid)
    mask = torch.zeros(n, 1, grid, grid)
    ys, xs = torch.meshgrid(torch.arange(grid, dtype=torch.float32), torch.arange(grid, dtype=torch.float32), indexing="ij")
    for index, sample in enumerate(balls):
        for x, y, radius in sample:
            if flip[index]:
                x = size - x
            cx, cy = x / STRIDE, y / STRIDE
            col, row = min(grid - 1, int(cx)), min(grid - 1, int(cy))
            sigma = max(0.5, radius / STRIDE / 2)
            gaussian = torch.exp(-((xs - col) ** 2 + (ys - row) ** 2) / (2 * sigma * sigma))
            heat[index, 0] = torch.maximum(heat[index, 0], gaussian)
            offsets[index, 0, row, col] = cx - col
            offsets[index, 1, row, col] = cy - row
            mask[index, 0, row, col] = 1
    return heat, offsets, mask


def augment(batch: torch.Tensor, generator: torch.Generator):
    """uint8 → float: horizontal flip (labels mirrored by `targets`), gain, contrast, channels swapped, greyed, noise; the same for both frames."""
    x = batch.float() / 255.0
    n, channels, size, _ = x.shape
    flip = torch.rand(n, generator=generator) < 0.5
    x[flip] = x[flip].flip(-1)
    frames = channels // 3
    x = x.reshape(n, frames, 3, size, size)
    swap = torch.rand(n, generator=generator) < 0.3
    x[swap] = x[swap][:, :, torch.randperm(3, generator=generator)]
    grey = torch.rand(n, generator=generator) < 0.1
    x[grey] = x[grey].mean(dim=2, keepdim=True).expand(-1, -1, 3, -1, -1)
    gain = 0.6 + 0.8 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    contrast = 0.5 + 0.8 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    mean = x.mean(dim=(1, 2, 3, 4), keepdim=True)
    x = (x - mean) * contrast + mean * gain
    noise = 0.05 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    x = x + noise * torch.randn(x.shape, generator=generator)
    return x.clamp(0, 1).reshape(n, channels, size, size), flip


def focal_loss(predicted: torch.Tensor, heat: torch.Tensor) -> torch.Tensor:
    """CenterNet's penalty-reduced focal loss over the heatmap."""
    predicted = predicted.clamp(1e-4, 1 - 1e-4)
    positive = heat.eq(1).float()
    negative = 1 - positive
    positive_loss = torch.log(predicted) * (1 - predicted) ** 2 * positive
    negative_loss = torch.log(1 - predicted) * predicted ** 2 * (1 - heat) ** 4 * negative
    count = positive.sum().clamp(min=1)
    return -(positive_loss.sum() + negative_loss.sum()) / count


def losses(model, inputs, heat, offsets, mask):
    predicted_heat, predicted_offsets = model(inputs)
    offset_loss = (F.l1_loss(predicted_offsets * mask, offsets * mask, reduction="sum") / mask.sum().clamp(min=1))
    return focal_loss(predicted_heat, heat) + offset_loss


def peaks(heat: torch.Tensor, offsets: torch.Tensor, threshold: float):
    """The same decoding as src/core/ball-detector.ts heatmapPeaks (3x3 local maxima), in input pixels."""
    pooled = F.max_pool2d(heat, 3, 1, 1)
    keep = (heat == pooled) & (heat >= threshold)
    found = []
    for index in range(heat.shape[0]):
        rows, cols = torch.nonzero(keep[index, 0], as_tuple=True)
        found.append([((c + offsets[index, 0, r, c]).item() * STRIDE, (r + offsets[index, 1, r, c]).item() * STRIDE, heat[index, 0, r, c].item())
                      for r, c in zip(rows.tolist(), cols.tolist())])
    return found


def match(found, truth, within_px: float):
    """Greedy matching, strongest detection first: (true positives, detections, balls)."""
    hits = 0
    used = set()
    for x, y, _ in sorted(found, key=lambda peak: -peak[2]):
        best, best_distance = None, within_px
        for index, (bx, by, _) in enumerate(truth):
            distance = math.hypot(x - bx, y - by)
            if index not in used and distance <= best_distance:
                best, best_distance = index, distance
        if best is not None:
            used.add(best)
            hits += 1
    return hits, len(found), len(truth)


@torch.no_grad()
def measure(model, inputs, balls, threshold: float = 0.3, within_px: float = 3.0, batch_size: int = 128) -> dict:
    model.eval()
    hits = detections = total = 0
    for start in range(0, len(inputs), batch_size):
        heat, offsets = model(inputs[start:start + batch_size].float() / 255.0)
        for found, truth in zip(peaks(heat, offsets, threshold), balls[start:start + batch_size]):
            h, d, t = match(found, truth, within_px)
            hits, detections, total = hits + h, detections + d, total + t
    precision = hits / detections if detections else float("nan")
    recall = hits / total if total else float("nan")
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall) if hits else 0.0,
            "balls": total, "detections": detections}


def train(args) -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    say = open_run_log(out)
    parts = [load_detector_shards(folder) for folder in args.train]
    inputs = torch.cat([part[0] for part in parts])
    balls = [sample for part in parts for sample in part[1]]
    del parts  # the shards' own copies: the concatenation holds them (halves the memory of a big run)
    vals = {folder: load_detector_shards(folder) for folder in args.val}
    frames, size = inputs.shape[1] // 3, inputs.shape[2]
    config = {"frames": frames, "size": size, "width": args.width}
    model = BallDetector(frames, args.width)
    if args.init:
        # Fine-tuning: start from a trained detector of the same shape (its config must match).
        saved = torch.load(args.init, map_location="cpu", weights_only=False)
        if saved["config"].get("frozenNorm"):
            config["frozenNorm"] = True
            model.frozen_norm = True
        if saved["config"] != config:
            raise SystemExit(f"--init {args.init} has config {saved['config']}, this run needs {config}")
        model.load_state_dict(saved["model"])
        say(f"starting from {args.init} (step {saved.get('state', {}).get('step', '?')})")
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    say(f"{len(inputs)} training samples, input {frames}x3x{size}x{size}, {sum(p.numel() for p in model.parameters())} parameters")

    def loss_for_step(generator: torch.Generator) -> torch.Tensor:
        batch_index = torch.randint(0, len(inputs), (args.batch,), generator=generator)
        batch, flip = augment(inputs[batch_index], generator)
        heat, offsets, mask = targets([balls[index] for index in batch_index.tolist()], size, flip)
        return losses(model, batch, heat, offsets, mask)

    def evaluate():
        results = {folder: measure(model, data[0][:args.val_samples], data[1][:args.val_samples]) for folder, data in vals.items()}
        return results, results[args.val[0]]["f1"]

    train_by_clock(model=model, optimiser=optimiser, out=out, say=say, config=config, minutes=args.minutes, lr=args.lr, warmup=0.03,
                   seed=args.seed, check_every=args.check_every, max_steps=args.max_steps, loss_for_step=loss_for_step, evaluate=evaluate)


def load_checkpoint(path: str) -> BallDetector:
    saved = torch.load(path, map_location="cpu", weights_only=False)
    config = saved["config"]
    model = BallDetector(config["frames"], config["width"])
    model.frozen_norm = bool(config.get("frozenNorm"))
    model.load_state_dict(saved["model"])
    model.eval()
    model.size = config["size"]
    return model


def from_onnx(args) -> None:
    """A checkpoint from a shipped detector ONNX. torch's export folds each BatchNorm into the
    convolution before it, so the ONNX holds (weight, bias) per convolution in the module order;
    each goes back into its convolution, and its norm becomes the identity plus that bias (frozen
    while fine-tuning). The rebuilt model must answer as the ONNX does: checked here on random input."""
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(args.onnx).graph
    weights = {initializer.name: torch.from_numpy(numpy_helper.to_array(initializer).copy()) for initializer in graph.initializer}
    onnx_convs = [(weights[node.input[1]], weights[node.input[2]]) for node in graph.node if node.op_type == "Conv"]
    model = BallDetector(args.frames, args.width)
    model.frozen_norm = True
    layers = list(model.modules())
    convs = [(index, layer) for index, layer in enumerate(layers) if isinstance(layer, nn.Conv2d)]
    if len(convs) != len(onnx_convs):
        raise SystemExit(f"{args.onnx} has {len(onnx_convs)} convolutions, a width-{args.width} BallDetector {len(convs)}")
    with torch.no_grad():
        for (index, conv), (weight, bias) in zip(convs, onnx_convs):
            if tuple(conv.weight.shape) != tuple(weight.shape):
                raise SystemExit(f"convolution {index}: ONNX {tuple(weight.shape)}, model {tuple(conv.weight.shape)}")
            conv.weight.copy_(weight)
            norm = layers[index + 1] if index + 1 < len(layers) and isinstance(layers[index + 1], nn.BatchNorm2d) else None
            if norm is None:
                conv.bias.copy_(bias)
                continue
            norm.weight.fill_(1.0)
            norm.bias.copy_(bias)
            norm.running_mean.zero_()
            norm.running_var.fill_(1.0 - norm.eps)
    model.eval()
    # The ONNX's own torch answer on the formula-defined input, written beside it at export.
    reference_path = Path(args.onnx).with_name(Path(args.onnx).stem + "-reference.json")
    reference = json.loads(reference_path.read_text())
    with torch.no_grad():
        heat, offsets = model(reference_input(tuple(reference["shape"])))
    error = max(max(abs(heat.flatten()[i].item() - value) for i, value in zip(reference["picks"], reference["heat"])),
                max(abs(offsets.flatten()[i].item() - value) for i, value in zip(reference["picks"], reference["offsets"])),
                abs(heat.sum().item() - reference["heatSum"]) / max(1.0, abs(reference["heatSum"])))
    if error > 1e-4:
        raise SystemExit(f"the rebuilt detector differs from {reference_path.name} by {error:.2e}")
    config = {"frames": args.frames, "size": args.size, "width": args.width, "frozenNorm": True}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "config": config, "state": {"step": f"from {args.onnx}"}}, args.out)
    print(f"wrote {args.out}: {args.onnx} rebuilt, within {error:.1e} of {reference_path.name}")


def export(args) -> None:
    model = load_checkpoint(args.checkpoint)
    size, frames = model.size, model.frames
    dummy = torch.rand(1, 3 * frames, size, size, generator=torch.Generator().manual_seed(1))
    torch.onnx.export(model, dummy, args.out, opset_version=17, input_names=["frames"], output_names=["heat", "offsets"],
                      dynamic_axes={"frames": {0: "batch"}, "heat": {0: "batch"}, "offsets": {0: "batch"}})
    model.eval()
    # The torch answer on the formula-defined input (src/core/reference-input.ts), for onnxruntime-node to match.
    shape = (1, 3 * frames, size, size)
    with torch.no_grad():
        heat, offsets = model(reference_input(shape))
    grid = size // STRIDE
    picks = [0, grid * grid // 3, grid * grid // 2, grid * grid - 1]
    reference = {"formula": "x[i] = (sin(0.37 * i) + 1) / 2 over the flattened input", "shape": list(shape), "picks": picks,
                 "heat": [round(heat.flatten()[i].item(), 7) for i in picks], "offsets": [round(offsets.flatten()[i].item(), 7) for i in picks],
                 "heatSum": round(heat.sum().item(), 5)}
    reference_path = Path(args.out).with_name(Path(args.out).stem + "-reference.json")
    reference_path.write_text(json.dumps(reference) + "\n")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1024:.0f} KiB; frames {frames}, size {size}) and {reference_path.name}")


def measure_command(args) -> None:
    torch.set_num_threads(args.threads)
    model = load_checkpoint(args.checkpoint)
    results = {}
    for folder in args.set:
        inputs, balls = load_detector_shards(folder)
        results[folder] = {str(threshold): measure(model, inputs, balls, threshold) for threshold in args.threshold}
    print(json.dumps(results, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train")
    train_parser.add_argument("--train", action="append", required=True)
    train_parser.add_argument("--val", action="append", required=True)
    train_parser.add_argument("--out", required=True)
    train_parser.add_argument("--minutes", type=float, default=40)
    train_parser.add_argument("--batch", type=int, default=32)
    train_parser.add_argument("--lr", type=float, default=3e-3)
    train_parser.add_argument("--width", type=int, default=1)
    train_parser.add_argument("--threads", type=int, default=2)
    train_parser.add_argument("--seed", type=int, default=1)
    train_parser.add_argument("--check-every", type=float, default=300)
    train_parser.add_argument("--val-samples", type=int, default=1000)
    train_parser.add_argument("--init", help="a checkpoint to start from (fine-tuning)")
    train_parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests); 0: the time budget alone")
    export_parser = commands.add_parser("export")
    export_parser.add_argument("--checkpoint", required=True)
    export_parser.add_argument("--out", required=True)
    measure_parser = commands.add_parser("measure")
    measure_parser.add_argument("--checkpoint", required=True)
    measure_parser.add_argument("--set", action="append", required=True)
    measure_parser.add_argument("--threshold", type=float, action="append", default=None)
    measure_parser.add_argument("--threads", type=int, default=2)
    onnx_parser = commands.add_parser("from-onnx")
    onnx_parser.add_argument("--onnx", required=True)
    onnx_parser.add_argument("--out", required=True)
    onnx_parser.add_argument("--width", type=int, default=2)
    onnx_parser.add_argument("--frames", type=int, default=2)
    onnx_parser.add_argument("--size", type=int, default=128)
    args = parser.parse_args()
    if args.command == "measure" and not args.threshold:
        args.threshold = [0.3]
    {"train": train, "export": export, "measure": measure_command, "from-onnx": from_onnx}[args.command](args)


if __name__ == "__main__":
    main()

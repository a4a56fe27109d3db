"""The juggling locator: a small 2D network that finds where the juggling happens in the whole frame.

The classifier reads a square crop of the frame. Placing it from motion alone fails on a far juggler
under a noisy sensor (too few pixels change: the crop falls back to the whole frame and a ball is a
pixel). The locator sees K frames of the window, each letterboxed whole into an S x S square
(src/core/locator.ts, the one preprocessing path), and answers the box around both hands and every
ball over the window (the renderer knows it: Scene.jugglingBox) and whether anybody is there.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/locator.py train --train data/L-train \
      --val data/L-val --val data/L-shifted --out training/runs/L1 --minutes 20
  /usr/bin/python3 training/locator.py export --checkpoint training/runs/L1/best.pt --out models/locator.onnx

Render its data with `npm run render -- dataset --locator-size 96 --locator-frames 4 ...`.
The graph's input is `frames` [N, K*3, S, S] in [0, 1]; outputs `box` [N, 4] (left, top, right,
bottom as fractions of the square, sigmoid applied) and `present` [N] (a logit).
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
from model import SplitInputConv  # noqa: E402
from export import reference_input  # noqa: E402
from runlog import open_run_log  # noqa: E402
from clock_training import train_by_clock  # noqa: E402
from train import model_spec  # noqa: E402


def separable(in_channels: int, out_channels: int, stride: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False), nn.BatchNorm2d(in_channels), nn.ReLU6(inplace=True),
        nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU6(inplace=True))


class JugglingLocator(nn.Module):
    """Frames plus their absolute differences → a depthwise-separable 2D trunk to stride 16 → the
    map flattened (so the answer keeps where things are) → box and presence."""

    def __init__(self, frames: int, size: int, width: int = 1):
        super().__init__()
        self.frames = frames
        self.size = size
        in_channels = 3 * frames + 3 * (frames - 1)
        self.stem = nn.Sequential(nn.Conv2d(in_channels, 24 * width, 3, 2, 1, bias=False), nn.BatchNorm2d(24 * width), nn.ReLU6(inplace=True))
        self.trunk = nn.Sequential(
            separable(24 * width, 32 * width, 2), separable(32 * width, 32 * width, 1),
            separable(32 * width, 64 * width, 2), separable(64 * width, 64 * width, 1),
            separable(64 * width, 96 * width, 2), separable(96 * width, 96 * width, 1))
        cells = math.ceil(size / 16)
        self.squeeze = nn.Sequential(nn.Conv2d(96 * width, 32, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU6(inplace=True))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * cells * cells, 128), nn.ReLU6(inplace=True), nn.Dropout(0.1), nn.Linear(128, 5))

    def make_webgpu_safe(self) -> "JugglingLocator":
        # The WebGPU EP computes dense 3x3 convs over some channel counts wrongly (see SplitInputConv).
        if isinstance(self.stem[0], nn.Conv2d):
            self.stem[0] = SplitInputConv(self.stem[0])
        return self

    def forward(self, x: torch.Tensor):
        x = (x - 0.45) / 0.25
        frames = [x[:, 3 * index:3 * index + 3] for index in range(self.frames)]
        differences = [(frames[index] - frames[index - 1]).abs() * 2.0 for index in range(1, self.frames)]
        y = self.stem(torch.cat(frames + differences, dim=1))
        y = self.head(self.squeeze(self.trunk(y)))
        return torch.sigmoid(y[:, :4]), y[:, 4]


def load_locator_shards(folder: str):
    """A locator set: uint8 inputs [N, K*3, S, S], boxes [N, 4] (zeros where nobody is there), present [N]."""
    metas = sorted(Path(folder).glob("shard-*.json"))
    if not metas:
        raise SystemExit(f"no shards in {folder}: render them with `npm run render -- dataset --locator-size 96 --out {folder}`")
    inputs, boxes, present = [], [], []
    for meta_path in metas:
        meta = json.loads(meta_path.read_text())
        if "boxes" not in meta:
            raise SystemExit(f"{meta_path} holds classifier clips, not locator samples (render with --locator-size)")
        data = np.fromfile(meta_path.with_suffix(".u8"), dtype=np.uint8)
        inputs.append(torch.from_numpy(data.reshape(len(meta["labels"]), *meta["clipShape"])))
        for box in meta["boxes"]:
            boxes.append(box if box is not None else [0.0, 0.0, 0.0, 0.0])
            present.append(1.0 if box is not None else 0.0)
    return torch.cat(inputs), torch.tensor(boxes, dtype=torch.float32), torch.tensor(present)


def zoom_out(x: torch.Tensor, boxes: torch.Tensor, generator: torch.Generator, share: float):
    """For `share` of the samples: the whole square shrunk (0.45-0.95) and put somewhere in a
    grey square, the box moved with it: a farther juggler, elsewhere in the frame."""
    n, channels, size, _ = x.shape
    for index in torch.nonzero(torch.rand(n, generator=generator) < share).flatten().tolist():
        scale = 0.45 + 0.5 * torch.rand(1, generator=generator).item()
        side = max(8, round(size * scale))
        left, top = (torch.randint(0, size - side + 1, (2,), generator=generator)).tolist()
        small = F.interpolate(x[index:index + 1], size=(side, side), mode="area")
        x[index] = 0.5
        x[index, :, top:top + side, left:left + side] = small[0]
        factor = side / size
        boxes[index] = boxes[index] * factor + torch.tensor([left, top, left, top]) / size
    return x, boxes


def augment(batch: torch.Tensor, boxes: torch.Tensor, generator: torch.Generator, zoom_share: float = 0.0):
    """uint8 → float with jitter that keeps the box true: horizontal flip (box mirrored), gain,
    contrast, colour channels swapped, noise; with zoom_share, zoomed out (zoom_out). Same for
    every frame of a sample."""
    x = batch.float() / 255.0
    n, channels, size, _ = x.shape
    boxes = boxes.clone()
    if zoom_share > 0:
        x, boxes = zoom_out(x, boxes, generator, zoom_share)
    frames = channels // 3
    flip = torch.rand(n, generator=generator) < 0.5
    x[flip] = x[flip].flip(-1)
    boxes[flip] = torch.stack([1 - boxes[flip][:, 2], boxes[flip][:, 1], 1 - boxes[flip][:, 0], boxes[flip][:, 3]], dim=1)
    x = x.reshape(n, frames, 3, size, size)
    permutation = torch.randperm(3, generator=generator)
    swap = torch.rand(n, generator=generator) < 0.3
    x[swap] = x[swap][:, :, permutation]
    gain = 0.7 + 0.6 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    contrast = 0.6 + 0.6 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    mean = x.mean(dim=(1, 2, 3, 4), keepdim=True)
    x = (x - mean) * contrast + mean * gain
    noise = 0.04 * torch.rand(n, 1, 1, 1, 1, generator=generator)
    x = x + noise * torch.randn(x.shape, generator=generator)
    return x.clamp(0, 1).reshape(n, channels, size, size), boxes


def box_iou(predicted: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    left = torch.maximum(predicted[:, 0], target[:, 0])
    top = torch.maximum(predicted[:, 1], target[:, 1])
    right = torch.minimum(predicted[:, 2], target[:, 2])
    bottom = torch.minimum(predicted[:, 3], target[:, 3])
    inter = (right - left).clamp(min=0) * (bottom - top).clamp(min=0)
    area = lambda box: (box[:, 2] - box[:, 0]).clamp(min=0) * (box[:, 3] - box[:, 1]).clamp(min=0)
    return inter / (area(predicted) + area(target) - inter + 1e-9)


def losses(model, inputs, boxes, present):
    predicted, logit = model(inputs)
    presence = F.binary_cross_entropy_with_logits(logit, present)
    mask = present > 0.5
    if mask.any():
        box = F.smooth_l1_loss(predicted[mask], boxes[mask], beta=0.02) * 10 + (1 - box_iou(predicted[mask], boxes[mask])).mean()
    else:
        box = predicted.sum() * 0
    return presence + box


@torch.no_grad()
def measure(model, inputs, boxes, present, margin: float, batch_size: int = 128) -> dict:
    model.eval()
    predicted, logits = [], []
    for start in range(0, len(inputs), batch_size):
        box, logit = model(inputs[start:start + batch_size].float() / 255.0)
        predicted.append(box)
        logits.append(logit)
    predicted, logits = torch.cat(predicted), torch.cat(logits)
    mask = present > 0.5
    iou = box_iou(predicted[mask], boxes[mask])
    # Does the classifier's crop (the box grown by model.json's crop.margin, squared) hold the whole true box?
    centre = (predicted[mask][:, :2] + predicted[mask][:, 2:]) / 2
    half = margin / 2 * (predicted[mask][:, 2:] - predicted[mask][:, :2]).max(dim=1).values
    holds = ((boxes[mask][:, 0] >= centre[:, 0] - half) & (boxes[mask][:, 2] <= centre[:, 0] + half)
             & (boxes[mask][:, 1] >= centre[:, 1] - half) & (boxes[mask][:, 3] <= centre[:, 1] + half)).float()
    return {"presence accuracy": ((logits > 0) == mask).float().mean().item(), "mean IoU": iou.mean().item(),
            "IoU >= 0.5": (iou >= 0.5).float().mean().item(), "crop holds the box": holds.mean().item()}


def train(args) -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    say = open_run_log(out)

    inputs, boxes, present = load_locator_sets(args.train)
    vals = {folder: load_locator_shards(folder) for folder in args.val}
    frames, size = inputs.shape[1] // 3, inputs.shape[2]
    config = {"frames": frames, "size": size, "width": args.width}
    model = JugglingLocator(frames, size, args.width)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    say(f"{len(inputs)} training samples, input {frames}x3x{size}x{size}, {sum(p.numel() for p in model.parameters())} parameters")

    def loss_for_step(generator: torch.Generator) -> torch.Tensor:
        batch_index = torch.randint(0, len(inputs), (args.batch,), generator=generator)
        batch, target = augment(inputs[batch_index], boxes[batch_index], generator, args.zoom_out)
        return losses(model, batch, target, present[batch_index])

    margin = model_spec()["input"]["crop"]["margin"]

    def evaluate():
        results = {folder: measure(model, *data, margin) for folder, data in vals.items()}
        return results, results[args.val[0]]["crop holds the box"]

    train_by_clock(model=model, optimiser=optimiser, out=out, say=say, config=config, minutes=args.minutes, lr=args.lr, warmup=0.05,
                   seed=args.seed, check_every=args.check_every, max_steps=args.max_steps, loss_for_step=loss_for_step, evaluate=evaluate)


def load_locator_sets(folders: list[str]):
    parts = [load_locator_shards(folder) for folder in folders]
    return tuple(torch.cat([part[index] for part in parts]) for index in range(3))


def export(args) -> None:
    saved = torch.load(args.checkpoint, map_location="cpu", weights_only=False)
    config = saved["config"]
    model = JugglingLocator(config["frames"], config["size"], config["width"])
    model.load_state_dict(saved["model"])
    model.make_webgpu_safe()
    model.eval()
    dummy = torch.rand(1, 3 * config["frames"], config["size"], config["size"], generator=torch.Generator().manual_seed(1))
    torch.onnx.export(model, dummy, args.out, opset_version=17, input_names=["frames"], output_names=["box", "present"],
                      dynamic_axes={"frames": {0: "batch"}, "box": {0: "batch"}, "present": {0: "batch"}})
    # The torch answer on the formula-defined input (src/core/reference-input.ts), for onnxruntime-node to match.
    shape = (1, 3 * config["frames"], config["size"], config["size"])
    with torch.no_grad():
        box, present = model(reference_input(shape))
    reference = {"formula": "x[i] = (sin(0.37 * i) + 1) / 2 over the flattened input", "shape": list(shape),
                 "box": [round(v, 7) for v in box[0].tolist()], "present": round(present[0].item(), 7)}
    reference_path = Path(args.out).with_name(Path(args.out).stem + "-reference.json")
    reference_path.write_text(json.dumps(reference) + "\n")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1024:.0f} KiB; frames {config['frames']}, size {config['size']}) and {reference_path.name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train")
    train_parser.add_argument("--train", action="append", required=True)
    train_parser.add_argument("--val", action="append", required=True)
    train_parser.add_argument("--out", required=True)
    train_parser.add_argument("--minutes", type=float, default=20)
    train_parser.add_argument("--batch", type=int, default=64)
    train_parser.add_argument("--lr", type=float, default=3e-3)
    train_parser.add_argument("--width", type=int, default=1)
    train_parser.add_argument("--threads", type=int, default=2)
    train_parser.add_argument("--seed", type=int, default=1)
    train_parser.add_argument("--check-every", type=float, default=180)
    train_parser.add_argument("--zoom-out", type=float, default=0.0, help="share of samples shrunk into a grey square (a farther juggler)")
    train_parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests); 0: the time budget alone")
    export_parser = commands.add_parser("export")
    export_parser.add_argument("--checkpoint", required=True)
    export_parser.add_argument("--out", required=True)
    args = parser.parse_args()
    train(args) if args.command == "train" else export(args)


if __name__ == "__main__":
    main()

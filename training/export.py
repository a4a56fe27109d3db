"""Export a checkpoint to ONNX (opset 17, dynamic batch) and update models/model.json.

  /usr/bin/python3 training/export.py --checkpoint training/runs/a64/best.pt --out models/model.onnx

Also writes models/reference.json: the torch outputs for a fixed, formula-defined input, which
`npm run verify-model` (onnxruntime-node) and the browser tests compare against.
"""
import argparse
import contextlib
import json
import math
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import build_model  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def reference_input(shape: tuple[int, ...]) -> torch.Tensor:
    """Same formula as src/core/reference-input.ts: x[i] = (sin(0.37 i) + 1) / 2."""
    count = math.prod(shape)
    index = torch.arange(count, dtype=torch.float64)
    return ((torch.sin(0.37 * index) + 1) / 2).float().reshape(shape)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--out", default=str(REPO / "models" / "model.onnx"))
    parser.add_argument("--spec", default=str(REPO / "models" / "model.json"))
    parser.add_argument("--version", default=None)
    parser.add_argument("--no-spec-update", action="store_true")
    args = parser.parse_args()

    state = torch.load(args.checkpoint, map_location="cpu", weights_only=False)  # our own checkpoint (it holds the schedule)
    config = state["config"]
    model = build_model(config)
    model.load_state_dict(state["model"])
    model.make_webgpu_safe()
    model.eval()
    spec = json.loads(Path(args.spec).read_text())
    if state["classes"] != spec["classes"]:
        raise SystemExit("the checkpoint's classes differ from models/model.json")
    input_spec = spec["input"]
    shape = (1, 3, input_spec["frames"], input_spec["height"], input_spec["width"])
    dummy = reference_input(shape)
    out = Path(args.out)
    padding = contextlib.nullcontext()
    if config.get("arch") == "B":
        from model import sys_path_pretrained
        sys_path_pretrained()
        from movenet import onnx_static_pad  # one Pad node per TF "SAME" pad (size-specific: exported at the contract's size)
        padding = onnx_static_pad(17)
    with padding:
        torch.onnx.export(model, dummy, str(out), opset_version=17, input_names=[input_spec["name"]],
                          output_names=[spec["outputs"]["logits"], spec["outputs"]["features"]],
                          dynamic_axes={input_spec["name"]: {0: "batch"}, spec["outputs"]["logits"]: {0: "batch"}, spec["outputs"]["features"]: {0: "batch"}})
    model.eval()  # export can leave modules in train mode
    with torch.no_grad():
        logits, features = model(dummy)
    reference = {"formula": "x[i] = (sin(0.37 * i) + 1) / 2 over the flattened NCTHW input", "shape": list(shape),
                 "logits": [round(v, 7) for v in logits[0].tolist()], "features": [round(v, 7) for v in features[0].tolist()]}
    (out.parent / "reference.json").write_text(json.dumps(reference) + "\n")
    if not args.no_spec_update:
        spec["file"] = out.name
        if args.version:
            spec["version"] = args.version
        spec["parameters"] = sum(p.numel() for p in model.parameters())
        Path(args.spec).write_text(json.dumps(spec, indent=2) + "\n")
    print(f"exported {out} ({out.stat().st_size / 1024:.0f} KiB), reference logits written")


if __name__ == "__main__":
    main()

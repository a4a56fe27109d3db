"""What the network sees, chosen by measurement: one small run per setting, side by side.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/ablate.py [--steps 150] [--threads 2] [--clips-per-class 100] \
      [--only base,rgb,...] [--out training/runs/ablate]

Every variant starts from the shipped contract (models/model.json) and changes one thing: the
input size, the crop (motion square vs a plain centre-square resize of the whole frame), the
motion channels (RGB + frame difference vs RGB alone), the frames and fps. For each it renders
train / held-out / shifted sets with that contract (`npm run render -- dataset --spec`, the app's
own preprocessing; the same scene seeds for every variant), trains candidate A's architecture from
scratch for the same number of steps, exports ONNX, evaluates with `npm run evaluate` (the
app's class parser). Reruns skip what is done (renders and training resume). Writes <out>/summary.json and prints a Markdown table.

The runs are small (minutes, not hours): they rank settings at an equal number of training steps
(the clips/s column says what a step costs); they are not the figures of a shipped model.
Inference cost is best compared with `npm run bench:model -- --model <out>/<variant>/model.json ...`.
"""
import argparse
import copy
import json
import os
import re
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"


def variant_specs(base: dict) -> dict[str, tuple[str, dict, list[str], str]]:
    """name -> (data key, spec, extra train flags, what changes)."""

    def changed(**input_changes) -> dict:
        spec = copy.deepcopy(base)
        for key, value in input_changes.items():
            if key == "crop_kind":
                spec["input"]["crop"]["kind"] = value
            else:
                spec["input"][key] = value
        return spec

    return {
        "base": ("crop64", changed(), [], "motion crop, 64², 16 frames @ 15 fps, RGB + difference"),
        "rgb": ("crop64", changed(), ["--no-motion"], "RGB only (no difference channels)"),
        "resize64": ("full64", changed(crop_kind="full"), [], "plain resize of the frame's centre square"),
        "crop96": ("crop96", changed(height=96, width=96), [], "input 96²"),
        "f16fps10": ("crop64f10", changed(fps=10), [], "16 frames @ 10 fps (1.6 s)"),
        "f8fps8": ("crop64f8", changed(frames=8, fps=8), [], "8 frames @ 8 fps (1.0 s)"),
    }


def run(command: list[str], log_path: Path) -> str:
    print("$", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "a") as log:
        log.write(f"$ {' '.join(command)}\n{result.stdout}\n{result.stderr}\n")
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr[-2000:]}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=150, help="training steps per variant (batch 24); a fixed count, so a busy machine changes the time, not the result")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--clips-per-class", type=int, default=100)
    parser.add_argument("--eval-clips-per-class", type=int, default=20)
    parser.add_argument("--only", default="")
    parser.add_argument("--render-only", action="store_true", help="render every variant's sets and stop (e.g. while another job trains)")
    parser.add_argument("--out", default=str(REPO / "training" / "runs" / "ablate"))
    parser.add_argument("--data", default=str(REPO / "data" / "ablate"))
    args = parser.parse_args()

    base = json.loads((REPO / "models" / "model.json").read_text())
    base.pop("metrics", None)
    variants = variant_specs(base)
    names = [name for name in (args.only.split(",") if args.only else variants) if name]
    for name in names:
        if name not in variants:
            raise SystemExit(f"unknown variant {name}: one of {', '.join(variants)}")
    out = Path(args.out)
    summary_path = out / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    for name in names:
        data_key, spec, flags, what = variants[name]
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        spec_path = folder / "model.json"
        spec_path.write_text(json.dumps(spec, indent=2) + "\n")
        log_path = folder / "ablate.log"
        sets = {}
        for set_name, seed, count, style in (("train", 21, args.clips_per_class, "train"),
                                            ("held-out", 22, args.eval_clips_per_class, "train"),
                                            ("shifted", 23, args.eval_clips_per_class, "shifted")):
            data_folder = Path(args.data) / f"{data_key}-{set_name}"
            sets[set_name] = data_folder
            started = time.time()
            run(["npx", "tsx", "tools/render.ts", "dataset", "--out", str(data_folder), "--clips-per-class", str(count),
                 "--seed", str(seed), "--style", style, "--spec", str(spec_path)], log_path)
            print(f"{name}: {set_name} set ready ({time.time() - started:.0f} s)", flush=True)
        if args.render_only:
            continue
        run([PYTHON, "training/train.py", "--train", str(sets["train"]), "--val", str(sets["held-out"]),
                         "--run", str(folder / "run"), "--max-steps", str(args.steps), "--threads", str(args.threads), "--spec", str(spec_path), *flags], log_path)
        speeds = [float(value) for value in re.findall(r"([\d.]+) clips/s", (folder / "run" / "train.log").read_text())]
        run([PYTHON, "training/export.py", "--checkpoint", str(folder / "run" / "best.pt"), "--out", str(folder / "model.onnx"),
             "--spec", str(spec_path)], log_path)
        run(["npx", "tsx", "tools/evaluate.ts", "--model", str(spec_path), "--set", f"held-out={sets['held-out']}",
             "--set", f"shifted={sets['shifted']}", "--name", name, "--out", str(folder)], log_path)
        metrics = json.loads((folder / f"metrics-{name}.json").read_text())["sets"]
        summary[name] = {
            "what": what, "steps": args.steps, "threads": args.threads, "trainClips": args.clips_per_class * len(spec["classes"]),
            "trainClipsPerSecond": speeds[-1] if speeds else None,
            **{set_name: {key: metrics[set_name][key] for key in ("top1", "ballCount", "pattern", "quality")} for set_name in ("held-out", "shifted")},
        }
        summary_path.write_text(json.dumps(summary, indent=2) + "\n")
        print(f"{name}: {json.dumps(summary[name])}", flush=True)

    print("\n| variant | what changes | train clips/s | held-out top-1 | held-out balls | held-out pattern | shifted top-1 | shifted balls |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pct = lambda value: f"{100 * value:.1f} %"
    for name, row in summary.items():
        print(f"| {name} | {row['what']} | {row['trainClipsPerSecond']} | {pct(row['held-out']['top1'])} | "
              f"{pct(row['held-out']['ballCount'])} | {pct(row['held-out']['pattern'])} | {pct(row['shifted']['top1'])} | {pct(row['shifted']['ballCount'])} |")


if __name__ == "__main__":
    main()

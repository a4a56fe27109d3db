"""Train the juggling network on rendered shards, with checkpoints, resume and a log.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train.py --train data/train --val data/val \
      --run training/runs/a64 --epochs 14

Reruns with the same --run resume from its last checkpoint. CPU by default; --device cuda if
one is at hand (never required).
"""
import argparse
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import AUGMENTATIONS, augment, load_shards  # noqa: E402
from model import build_model  # noqa: E402
from runlog import open_run_log  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def model_spec(path: str | None = None) -> dict:
    return json.loads(Path(path or REPO / "models" / "model.json").read_text())


def load_user_clips(folders: list[str], spec: dict, split: str) -> tuple[torch.Tensor | None, torch.Tensor | None]:
    """One split's windows from the folders `render from-zip` wrote, concatenated; (None, None) when none."""
    window = (3, spec["input"]["frames"], spec["input"]["height"], spec["input"]["width"])
    parts = []
    for folder in folders:
        if not (Path(folder) / split).is_dir():
            raise SystemExit(f"{folder} has no {split}/: write it with `npm run render -- from-zip --zip <clips.zip> --out {folder}`")
        clips, labels = load_shards(str(Path(folder) / split), spec["classes"], set())
        if clips is None:
            continue
        if tuple(clips.shape[1:]) != window:
            raise SystemExit(f"{folder}/{split}: windows of {tuple(clips.shape[1:])}, the model needs {window} (run from-zip with the same --spec)")
        parts.append((clips, labels))
    if not parts:
        return None, None
    return torch.cat([part[0] for part in parts]), torch.cat([part[1] for part in parts])


def evaluate(model: torch.nn.Module, clips: torch.Tensor, labels: torch.Tensor, batch_size: int = 64) -> tuple[float, torch.Tensor]:
    model.eval()
    predictions = []
    with torch.no_grad():
        for start in range(0, len(clips), batch_size):
            logits, _ = model(clips[start:start + batch_size].float() / 255.0)
            predictions.append(logits.argmax(dim=1))
    model.train()
    predicted = torch.cat(predictions)
    return (predicted == labels).float().mean().item(), predicted


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True, action="append", help="rendered shard folder (repeatable)")
    parser.add_argument("--val", required=True)
    parser.add_argument("--run", required=True, help="folder for checkpoints and the log")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests)")
    parser.add_argument("--minutes", type=float, default=0, help="size the schedule to this many minutes of training (measured speed)")
    parser.add_argument("--batch-size", type=int, default=24)
    parser.add_argument("--lr", type=float, default=4e-3)
    parser.add_argument("--weight-decay", type=float, default=0.02)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--width-scale", type=float, default=1.0, help="tiny models for smoke tests")
    parser.add_argument("--no-motion", action="store_true", help="RGB only, no frame-difference channels")
    parser.add_argument("--arch", choices=["A", "B"], default="A", help="A: (2+1)D MobileNet from scratch; B: frozen pretrained MoveNet trunk + (2+1)D head")
    parser.add_argument("--last-block", default="block_5", help="B: the trunk's last block (block_5 = stride 8)")
    parser.add_argument("--init", default=None, help="start from this checkpoint's weights (fine-tuning with a fresh schedule)")
    parser.add_argument("--clips", action="append", default=[],
                        help="your clips: a folder `npm run render -- from-zip` wrote from the app's Dataset export (its train/ and validation/ shards; repeatable)")
    parser.add_argument("--clips-repeat", type=int, default=3, help="how often each of your windows is repeated per epoch beside the synthetic set")
    parser.add_argument("--spec", default=None, help="the candidate's model.json (input size, frames, classes); default models/model.json")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--wall-minutes", type=float, default=0,
                        help="train for this long by the clock: warm-up then cosine decay over elapsed time, whatever the speed (for a shared or borrowed machine)")
    parser.add_argument("--eval-seconds", type=float, default=0, help="with --wall-minutes: evaluate (and keep best.pt) this often")
    parser.add_argument("--grow", action="store_true", help="pick up shards a renderer adds to the --train folders while training runs")
    parser.add_argument("--trunk-lr-scale", type=float, default=0, help="B: fine-tune the pretrained trunk at this fraction of the learning rate (0: frozen)")
    parser.add_argument("--augment", choices=AUGMENTATIONS, default="standard", help="wide: stronger, label-preserving jitter for unseen looks (training/data.py)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.grow and not (args.wall_minutes and args.eval_seconds):
        parser.error("--grow needs --wall-minutes and --eval-seconds: new shards join the set at each evaluation")
    return args


def configure_torch(args: argparse.Namespace) -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.device.startswith("cuda"):
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True


def new_shards(args: argparse.Namespace, classes: list[str], loaded_shards: set[str]) -> tuple[torch.Tensor | None, torch.Tensor | None]:
    """The --train folders' shards not in `loaded_shards` yet (which it extends), on the training device."""
    parts = [load_shards(folder, classes, loaded_shards) for folder in args.train]
    parts = [part for part in parts if part[0] is not None]
    if not parts:
        return None, None
    return torch.cat([part[0] for part in parts]).to(args.device), torch.cat([part[1] for part in parts]).to(args.device)


def load_training_sets(args: argparse.Namespace, spec: dict, loaded_shards: set[str], say: Callable[[str], None]):
    """The training windows (your clips repeated beside the synthetic ones), the validation set, and your validation windows ((None, None) without)."""
    classes = spec["classes"]
    # Clips live on the training device (uint8), so batches and augmentation never cross a bus.
    train_clips, train_labels = new_shards(args, classes, loaded_shards)
    if train_clips is None:
        raise SystemExit(f"no shards in {', '.join(args.train)}: render them with `npm run render -- dataset --out <folder>`")
    val_clips, val_labels = (part.to(args.device) for part in load_shards(args.val, classes))
    user_val = (None, None)
    if args.clips:
        user_train = load_user_clips(args.clips, spec, "train")
        user_val = load_user_clips(args.clips, spec, "validation")
        if user_train[0] is not None:
            train_clips = torch.cat([train_clips] + [user_train[0].to(args.device)] * args.clips_repeat)
            train_labels = torch.cat([train_labels] + [user_train[1].to(args.device)] * args.clips_repeat)
        say(f"your clips: {0 if user_train[0] is None else len(user_train[0])} train windows (×{args.clips_repeat}), "
            f"{0 if user_val[0] is None else len(user_val[0])} validation windows")
    say(f"train {tuple(train_clips.shape)}, val {tuple(val_clips.shape)}, classes {len(classes)}, augmentation {args.augment}")
    return train_clips, train_labels, val_clips, val_labels, user_val


def model_config(args: argparse.Namespace, spec: dict) -> dict:
    config = {"num_classes": len(spec["classes"]), "frames": spec["input"]["frames"], "feature_size": spec["featureSize"], "motion": not args.no_motion}
    if args.arch == "B":
        config.update(arch="B", last_block=args.last_block)
        if args.trunk_lr_scale > 0:
            config["frozen_trunk"] = False
    if args.width_scale != 1.0 and args.arch == "A":
        from model import DEFAULT_BLOCKS
        config["blocks"] = tuple((max(4, int(c * args.width_scale)), s, e) for c, s, e in DEFAULT_BLOCKS)
        config["stem_channels"] = max(4, int(16 * args.width_scale))
    return config


def build_starting_model(args: argparse.Namespace, config: dict, run: Path, say: Callable[[str], None]) -> torch.nn.Module:
    """The network, from --init's weights or (B) the pretrained trunk on a fresh run; a resumed run loads last.pt later."""
    model = build_model(config).to(args.device)
    if args.init and not (run / "last.pt").exists():
        model.load_state_dict(torch.load(args.init, map_location=args.device, weights_only=False)["model"])
    elif args.arch == "B" and not (run / "last.pt").exists():
        from model import sys_path_pretrained
        sys_path_pretrained()
        from movenet import load_movenet_trunk, load_saved_trunk
        saved = Path(__file__).resolve().parent / "pretrained" / f"movenet-trunk-{args.last_block}.pt"
        trunk = load_saved_trunk(saved) if saved.exists() else load_movenet_trunk(args.last_block)
        model.trunk.load_state_dict(trunk.state_dict())
        say(f"trunk: MoveNet Lightning backbone to {args.last_block} ({'from ' + saved.name if saved.exists() else 'converted from @vladmandic/human'}), "
            + (f"fine-tuned at {args.trunk_lr_scale} x the learning rate" if args.trunk_lr_scale > 0 else "frozen"))
    return model


def trained_parameter_groups(args: argparse.Namespace, model: torch.nn.Module, config: dict, say: Callable[[str], None]):
    """The parameters that train, and their groups: the head at the full rate, a fine-tuned trunk (B) at --trunk-lr-scale of it."""
    parameters = sum(p.numel() for p in model.parameters())
    trainable = [p for p in model.parameters() if p.requires_grad]
    trunk_parameters = {id(p) for p in model.trunk.parameters()} if args.arch == "B" else set()
    parameter_groups = [{"params": [p for p in trainable if id(p) not in trunk_parameters], "lr_scale": 1.0}]
    if any(id(p) in trunk_parameters for p in trainable):
        parameter_groups.append({"params": [p for p in trainable if id(p) in trunk_parameters], "lr_scale": args.trunk_lr_scale})
    say(f"model: {parameters} parameters ({sum(p.numel() for p in trainable)} trained), config {json.dumps({k: v for k, v in config.items() if k != 'blocks'})}")
    return trainable, parameter_groups


def steps_fitting_minutes(args: argparse.Namespace, model: torch.nn.Module, trainable: list, train_clips: torch.Tensor, train_labels: torch.Tensor,
                          steps_per_epoch: int, say: Callable[[str], None]) -> int:
    """Measure this machine's speed on a few steps, then fit the schedule into --minutes."""
    probe = torch.optim.AdamW(trainable, lr=args.lr / 20, weight_decay=args.weight_decay)
    probe_generator = torch.Generator().manual_seed(args.seed + 999)
    probe_started = time.time()
    for _ in range(8):
        index = torch.randint(len(train_clips), (args.batch_size,), generator=probe_generator)
        logits, _ = model(augment(train_clips[index], probe_generator, args.augment).to(args.device))
        probe.zero_grad()
        F.cross_entropy(logits, train_labels[index].to(args.device)).backward()
        probe.step()
    seconds_per_step = (time.time() - probe_started) / 8 * 1.08  # evaluation overhead
    total_steps = max(50, int(args.minutes * 60 / seconds_per_step))
    say(f"{seconds_per_step:.2f} s/step measured: {total_steps} steps ({total_steps / steps_per_epoch:.1f} epochs) fit {args.minutes} min")
    return total_steps


def wall_clock_lr(fraction: float) -> float:
    """Warm up over the first 5 % of the time, then cosine decay to zero at the deadline."""
    if fraction < 0.05:
        return fraction / 0.05
    return 0.5 * (1 + math.cos(math.pi * min(1.0, (fraction - 0.05) / 0.95)))


def main() -> None:
    args = parse_args()
    configure_torch(args)
    spec = model_spec(args.spec)
    classes = spec["classes"]
    run = Path(args.run)
    run.mkdir(parents=True, exist_ok=True)
    say = open_run_log(run)

    loaded_shards: set[str] = set()
    train_clips, train_labels, val_clips, val_labels, user_val = load_training_sets(args, spec, loaded_shards, say)
    config = model_config(args, spec)
    model = build_starting_model(args, config, run, say)
    trainable, parameter_groups = trained_parameter_groups(args, model, config, say)

    steps_per_epoch = math.ceil(len(train_clips) / args.batch_size)
    total_steps = args.max_steps or steps_per_epoch * args.epochs
    checkpoint_path = run / "last.pt"
    state = torch.load(checkpoint_path, map_location=args.device, weights_only=False) if checkpoint_path.exists() else None
    if state is not None:
        total_steps = state["total_steps"]
    elif args.minutes and not args.wall_minutes:
        total_steps = steps_fitting_minutes(args, model, trainable, train_clips, train_labels, steps_per_epoch, say)
    optimizer = torch.optim.AdamW(parameter_groups, lr=args.lr, weight_decay=args.weight_decay)
    max_lrs = [args.lr * group["lr_scale"] for group in parameter_groups]
    # By the clock, wall_clock_lr sets the rate at every step; otherwise a one-cycle schedule over the steps.
    schedule = None if args.wall_minutes else torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lrs, total_steps=total_steps, pct_start=0.15)
    step, best_accuracy, trained_seconds = 0, -1.0, 0.0
    if state is not None:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        if schedule is not None:
            schedule.load_state_dict(state["schedule"])
        step, best_accuracy = state["step"], state["best_accuracy"]
        trained_seconds = state.get("trained_seconds", 0.0)
        say(f"resumed at step {step}/{'clock' if args.wall_minutes else total_steps} (best val {best_accuracy:.3f})")

    def save(path: Path) -> None:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict() if schedule else None,
                    "step": step, "total_steps": total_steps, "best_accuracy": best_accuracy,
                    "trained_seconds": trained_seconds + (time.time() - started if args.wall_minutes else 0.0), "config": config, "classes": classes}, path.with_suffix(".tmp"))
        os.replace(path.with_suffix(".tmp"), path)

    generator = torch.Generator().manual_seed(args.seed + step)
    model.train()
    started, seen = time.time(), 0
    running_loss = torch.zeros((), device=args.device)
    budget_seconds = args.wall_minutes * 60

    def elapsed_fraction() -> float:
        return (trained_seconds + time.time() - started) / budget_seconds

    def evaluate_and_keep(where: str) -> None:
        nonlocal best_accuracy
        accuracy, _ = evaluate(model, val_clips, val_labels, batch_size=64 if args.device == "cpu" else 512)
        say(f"step {step} {where} val top-1 {accuracy:.3f}")
        if user_val[0] is not None:
            say(f"your validation windows top-1 {evaluate(model, user_val[0].to(args.device), user_val[1].to(args.device))[0]:.3f}")
        if accuracy > best_accuracy:
            best_accuracy = accuracy
            save(run / "best.pt")
        save(checkpoint_path)

    last_evaluation = time.time()
    finished = False
    while not finished:
        order = torch.randperm(len(train_clips), generator=generator).to(args.device)
        batch_size = min(args.batch_size, len(order))  # a set smaller than a batch still trains
        for start in range(0, len(order) - batch_size + 1, batch_size):
            if args.wall_minutes:
                fraction = elapsed_fraction()
                if fraction >= 1:
                    finished = True
                    break
                for group, max_lr in zip(optimizer.param_groups, max_lrs):
                    group["lr"] = max_lr * wall_clock_lr(fraction)
            elif step >= total_steps:
                finished = True
                break
            index = order[start:start + batch_size]
            batch = augment(train_clips[index], generator, args.augment)
            logits, _ = model(batch)
            loss = F.cross_entropy(logits, train_labels[index], label_smoothing=args.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if schedule is not None:
                schedule.step()
            step += 1
            seen += len(index)
            running_loss = 0.98 * running_loss + 0.02 * loss.detach() if step > 1 else loss.detach()
            if step % 50 == 0:
                say(f"step {step}/{'clock' if args.wall_minutes else total_steps} loss {running_loss.item():.3f} lr {optimizer.param_groups[0]['lr']:.2e} "
                    f"{seen / (time.time() - started):.1f} clips/s, {len(train_clips)} clips")
            if step % 200 == 0:
                save(checkpoint_path)
            if args.wall_minutes:
                if args.eval_seconds and time.time() - last_evaluation >= args.eval_seconds:
                    evaluate_and_keep(f"{elapsed_fraction() * 100:.0f} % of {args.wall_minutes} min")
                    last_evaluation = time.time()
                    if args.grow:
                        new_clips, new_labels = new_shards(args, classes, loaded_shards)
                        if new_clips is not None:
                            train_clips, train_labels = torch.cat([train_clips, new_clips]), torch.cat([train_labels, new_labels])
                            if args.device.startswith("cuda"):
                                torch.cuda.empty_cache()  # the old, smaller copy goes back, for jobs sharing the GPU
                            say(f"grew the training set by {len(new_clips)} clips to {len(train_clips)}")
                            break  # reshuffle over the larger set
            elif step % steps_per_epoch == 0 or step == total_steps:
                evaluate_and_keep(f"epoch {step / steps_per_epoch:.2f}")
    if args.wall_minutes:
        evaluate_and_keep(f"end of {args.wall_minutes} min")
        save(run / "final.pt")
    if not (run / "best.pt").exists():
        save(run / "best.pt")
    say(f"done: {step} steps, {seen} clips seen, best val top-1 {best_accuracy:.3f}, {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()

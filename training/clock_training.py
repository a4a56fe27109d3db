"""Training by the clock, shared by the juggling locator and the ball detector: resume from
last.pt, warm-up then cosine decay to zero at the time budget, a check every `check_every`
seconds that keeps best.pt (and metrics.json) by one score, and last.pt after each check."""
import json
import math
import time
from pathlib import Path
from typing import Callable

import torch


def train_by_clock(*, model: torch.nn.Module, optimiser: torch.optim.Optimizer, out: Path, say: Callable[[str], None], config: dict,
                   minutes: float, lr: float, warmup: float, seed: int, check_every: float, max_steps: int,
                   loss_for_step: Callable[[torch.Generator], torch.Tensor],
                   evaluate: Callable[[], tuple[dict, float]]) -> None:
    """`loss_for_step(generator)`: one batch's loss; `evaluate()`: (results by set, score; higher is better)."""
    state = {"step": 0, "seconds": 0.0, "best": -1.0}
    checkpoint = out / "last.pt"
    if checkpoint.exists():
        saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
        model.load_state_dict(saved["model"])
        optimiser.load_state_dict(saved["optimiser"])
        state = saved["state"]
        say(f"resumed at step {state['step']} ({state['seconds']:.0f} s trained)")
    generator = torch.Generator().manual_seed(seed + state["step"])
    budget = minutes * 60
    started = time.time() - state["seconds"]
    last_check = time.time()

    def save(path: Path) -> None:
        torch.save({"model": model.state_dict(), "optimiser": optimiser.state_dict(), "state": state, "config": config}, path)

    def check() -> None:
        model.eval()
        results, score = evaluate()
        model.train()
        score = 0.0 if math.isnan(score) else score
        say(f"step {state['step']}: " + "; ".join(f"{Path(folder).name} " + ", ".join(f"{key} {value:.3f}" for key, value in result.items()) for folder, result in results.items()))
        if score > state["best"]:
            state["best"] = score
            save(out / "best.pt")
            (out / "metrics.json").write_text(json.dumps({"step": state["step"], "seconds": state["seconds"], **results}, indent=2))

    model.train()
    while True:
        state["seconds"] = time.time() - started
        fraction = min(state["seconds"] / budget, 1.0)
        if fraction >= 1.0 or (max_steps and state["step"] >= max_steps):
            break
        learning_rate = lr * 0.5 * (1 + math.cos(math.pi * fraction)) if fraction > warmup else lr * fraction / warmup
        for group in optimiser.param_groups:
            group["lr"] = learning_rate
        loss = loss_for_step(generator)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        state["step"] += 1
        if state["step"] % 50 == 0:
            say(f"step {state['step']} loss {loss.item():.4f} lr {learning_rate:.5f} ({state['seconds']:.0f} s)")
        if time.time() - last_check > check_every:
            last_check = time.time()
            check()
            save(checkpoint)
    check()
    save(checkpoint)
    say("done")

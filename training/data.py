"""Dataset shards written by `tools/render.ts dataset` (the app's own preprocessing) and augmentation."""
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F


def load_shards(folder: str, classes: list[str], skip: set[str] | None = None):
    """All clips of a folder as one uint8 tensor [N, 3, T, H, W] and integer labels.

    `skip` holds shard paths already loaded (it is updated), so a caller can pick up the shards a
    renderer still running has finished since (a shard is complete once its .json exists)."""
    folder_path = Path(folder)
    metas = sorted(folder_path.glob("shard-*.json"))
    if not metas and skip is None:
        raise SystemExit(f"no shards in {folder}: render them with `npm run render -- dataset --out {folder}`")
    clips, labels = [], []
    index = {name: position for position, name in enumerate(classes)}
    for meta_path in metas:
        if skip is not None:
            if str(meta_path) in skip:
                continue
            skip.add(str(meta_path))
        meta = json.loads(meta_path.read_text())
        shape = meta["clipShape"]
        data = np.fromfile(meta_path.with_suffix(".u8"), dtype=np.uint8)
        clips.append(torch.from_numpy(data.reshape(len(meta["labels"]), *shape)))
        for name in meta["labels"]:
            if name not in index:
                raise SystemExit(f"{meta_path}: label {name} is not in the model's class list")
            labels.append(index[name])
    if not clips:
        return None, None
    return torch.cat(clips), torch.tensor(labels, dtype=torch.long)


AUGMENTATIONS = ("standard", "wide")


def augment(batch: torch.Tensor, generator: torch.Generator, kind: str = "standard") -> torch.Tensor:
    """uint8 [N,3,T,H,W] → float [0,1] with label-preserving jitter: scale/shift crop, flip,
    colour (gain, white balance, contrast, gamma), blur, noise. Every class is left/right symmetric,
    so horizontal flips are allowed for all.

    kind "wide" reaches further, for footage that looks like none of our renders, in ways that
    keep every label (none copies a look of the shifted set): fewer pixels on the balls (down- and
    up-sampling, as from a far or cheap camera), lower contrast, stronger noise, colours swapped
    between channels or dropped (a ball's count and path do not depend on its colour).

    The random draws come from `generator` (CPU); the pixel work runs where `batch` lies, so a
    batch on a GPU is augmented there (its noise then comes from that device's own generator)."""
    device = batch.device
    x = batch.float() / 255.0
    n, c, t, h, w = x.shape
    rand = lambda *shape: torch.rand(*shape, generator=generator).to(device)
    # Zoom in or out a little, with a shift (the motion crop is never exact).
    scale = 0.8 + 0.35 * rand(n)
    shift = (rand(n, 2) - 0.5) * 0.2
    theta = torch.zeros(n, 2, 3, device=device)
    theta[:, 0, 0] = scale
    theta[:, 1, 1] = scale
    theta[:, :, 2] = shift
    flip = rand(n) < 0.5
    theta[flip, 0, 0] *= -1
    frames = x.permute(0, 2, 1, 3, 4).reshape(n * t, c, h, w)
    grid = F.affine_grid(theta.repeat_interleave(t, dim=0), (n * t, c, h, w), align_corners=False)
    frames = F.grid_sample(frames, grid, mode="bilinear", padding_mode="border", align_corners=False)
    x = frames.reshape(n, t, c, h, w).permute(0, 2, 1, 3, 4)
    # Colour: gain, per-channel white balance, contrast around the mean, gamma.
    gain = (0.7 + 0.6 * rand(n, 1, 1, 1, 1))
    balance = 0.85 + 0.3 * rand(n, 3, 1, 1, 1)
    x = x * gain * balance
    mean = x.mean(dim=(1, 2, 3, 4), keepdim=True)
    wide = kind == "wide"
    if wide:
        # Channel order shuffled for half the clips, grey for a tenth.
        swapped = rand(n) < 0.5
        if swapped.any():
            order = torch.rand(int(swapped.sum()), 3, generator=generator).argsort(dim=1).to(device)  # a random permutation per clip
            x[swapped] = torch.gather(x[swapped], 1, order[:, :, None, None, None].expand(-1, -1, t, h, w))
        grey = rand(n) < 0.1
        if grey.any():
            x[grey] = x[grey].mean(dim=1, keepdim=True).expand(-1, c, -1, -1, -1)
    contrast = (0.4 + 0.9 * rand(n, 1, 1, 1, 1)) if wide else (0.7 + 0.6 * rand(n, 1, 1, 1, 1))
    x = (x - mean) * contrast + mean
    x = x.clamp(0, 1) ** (0.8 + 0.4 * rand(n, 1, 1, 1, 1))
    # Occasional blur, always a little noise.
    blurred = rand(n) < 0.25
    if blurred.any():
        sub = x[blurred]
        m = sub.shape[0]
        sub = F.avg_pool2d(sub.reshape(m, c * t, h, w), 3, stride=1, padding=1, count_include_pad=False).reshape(m, c, t, h, w)
        x[blurred] = sub
    if wide:
        # A third of the clips lose detail: area-downsampled by 1.5–3× and scaled back up.
        coarse = rand(n) < 0.33
        if coarse.any():
            sub = x[coarse]
            m = sub.shape[0]
            factor = 1.5 + 1.5 * torch.rand(1, generator=generator).item()
            small = (max(4, round(h / factor)), max(4, round(w / factor)))
            planes = sub.reshape(m, c * t, h, w)
            planes = F.interpolate(F.interpolate(planes, size=small, mode="area"), size=(h, w), mode="bilinear", align_corners=False)
            x[coarse] = planes.reshape(m, c, t, h, w)
    noise = torch.randn(x.shape, generator=generator) if device.type == "cpu" else torch.randn(x.shape, device=device)
    x = x + noise * ((0.06 if wide else 0.03) * rand(n, 1, 1, 1, 1))
    return x.clamp(0, 1)

"""Clips a user recorded in the app and exported from its Dataset view (docs/clip-zip.md), as
training windows for train.py: every `frames`-long window at the model's stride, uint8
[N, 3, T, H, W], with integer labels in the model's class order.

Only the manifest and the tensors are read (the videos are for people and other tools). The
checks mirror the app's importer: format, tensor layout against models/model.json, sizes, labels.
"""
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import torch

FORMAT = "juggling-trainer-clips"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class ClipZipError(SystemExit):
    pass


def read_clip_zip(path: str, spec: dict) -> list[dict]:
    """The archive's clips as dicts {id, label, split, recordingSessionId, tensor: uint8 [3, T, H, W]}.
    Raises ClipZipError listing every problem when the archive does not fit the model contract."""
    problems: list[str] = []
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ClipZipError(f"{path}: not a readable zip ({error})")
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise ClipZipError(f"{path}: no manifest.json (export clips from the app's Dataset view)")
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except ValueError as error:
            raise ClipZipError(f"{path}: manifest.json is not JSON ({error})")
        if manifest.get("format") != FORMAT or manifest.get("version") != 1:
            raise ClipZipError(f"{path}: manifest format must be {FORMAT} version 1")
        tensor = manifest.get("tensor", {})
        expected = spec["input"]
        for key in ("height", "width", "fps"):
            if tensor.get(key) != expected[key]:
                problems.append(f"tensor {key} is {tensor.get(key)}, the model needs {expected[key]}")
        if tensor.get("dtype") != "uint8" or tensor.get("layout") != "CTHW" or tensor.get("channels") != 3:
            problems.append("tensor must be uint8 CTHW with 3 channels")
        clips = []
        seen = set()
        for position, clip in enumerate(manifest.get("clips", [])):
            where = f"clip {position} ({clip.get('id')})"
            clip_id, frames = clip.get("id"), clip.get("frames")
            if not isinstance(clip_id, str) or not ID_PATTERN.match(clip_id) or clip_id in seen:
                problems.append(f"{where}: bad or repeated id")
                continue
            seen.add(clip_id)
            if clip.get("split") not in ("train", "validation"):
                problems.append(f"{where}: split must be train or validation")
            if not isinstance(frames, int) or frames < 2:
                problems.append(f"{where}: frames must be an integer ≥ 2")
                continue
            name = f"tensors/{clip_id}.bin"
            if clip.get("tensor") != name or name not in names:
                problems.append(f"{where}: tensor {name} missing")
                continue
            data = np.frombuffer(archive.read(name), dtype=np.uint8)
            size = 3 * frames * expected["height"] * expected["width"]
            if data.size != size:
                problems.append(f"{where}: tensor has {data.size} bytes, expected {size}")
                continue
            clips.append({"id": clip_id, "label": clip.get("label"), "split": clip.get("split"),
                          "recordingSessionId": clip.get("recordingSessionId"),
                          "tensor": data.reshape(3, frames, expected["height"], expected["width"])})
    if problems:
        raise ClipZipError(f"{path}:\n  " + "\n  ".join(problems))
    return clips


def clip_windows(clips: list[dict], classes: list[str], frames: int, stride: int, split: str):
    """Windows of the clips on one side of the split whose label the model knows. Returns
    (uint8 [N, 3, T, H, W], labels, skipped labels). A label outside the model's classes is
    skipped (teach it a personal head in the app instead)."""
    index = {name: position for position, name in enumerate(classes)}
    windows, labels, skipped = [], [], set()
    for clip in clips:
        if clip["split"] != split:
            continue
        if clip["label"] not in index:
            skipped.add(clip["label"])
            continue
        tensor = clip["tensor"]
        for start in range(0, tensor.shape[1] - frames + 1, stride):
            windows.append(torch.from_numpy(np.ascontiguousarray(tensor[:, start:start + frames])))
            labels.append(index[clip["label"]])
    if not windows:
        return None, None, skipped
    return torch.stack(windows), torch.tensor(labels, dtype=torch.long), skipped


def load_clip_zips(paths: list[str], spec: dict, split: str):
    """Windows from every archive (one side of the split), concatenated; (None, None) when none."""
    all_windows, all_labels = [], []
    for path in paths:
        clips = read_clip_zip(path, spec)
        windows, labels, skipped = clip_windows(clips, spec["classes"], spec["input"]["frames"], spec["stride"], split)
        if skipped:
            print(f"{Path(path).name}: skipped clips labelled {', '.join(sorted(skipped))} (not in the model's classes)")
        if windows is not None:
            all_windows.append(windows)
            all_labels.append(labels)
    if not all_windows:
        return None, None
    return torch.cat(all_windows), torch.cat(all_labels)

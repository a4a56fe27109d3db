"""Candidate A: a MobileNetV2-style video network with factorised (2+1)D depthwise blocks.

Causal in time, and built from Conv2d-only kernels so the onnxruntime-web WebGPU EP runs every
node (grouped Conv3D is rejected there; see ../shared/ENVIRONMENT.md):
  * spatial work runs on frames folded into the batch: [N*T, C, H, W];
  * temporal depthwise work runs as a grouped Conv2d with a (k, 1) kernel on [N, C, T, H*W],
    padded on the past side only and cropped, so frame t never sees frames after t.
The input is RGB in [0, 1], NCTHW. The graph adds frame-difference (motion) channels itself,
so the app feeds plain frames.
"""
import torch
from torch import nn
import torch.nn.functional as F


class TemporalDepthwise(nn.Module):
    """Causal depthwise convolution over time, as a (k, 1) grouped Conv2d."""

    def __init__(self, channels: int, kernel: int):
        super().__init__()
        self.kernel = kernel
        self.conv = nn.Conv2d(channels, channels, (kernel, 1), padding=(kernel - 1, 0), groups=channels, bias=False)

    def forward(self, x: torch.Tensor, frames: int) -> torch.Tensor:
        batch_frames, channels, height, width = x.shape
        batch = batch_frames // frames
        y = x.reshape(batch, frames, channels, height * width).transpose(1, 2)  # N, C, T, HW
        y = self.conv(y)[:, :, :frames]  # keep the causal part
        return y.transpose(1, 2).reshape(batch_frames, channels, height, width)


class SplitInputConv(nn.Module):
    """A dense Conv2d evaluated as a sum of convs over 3-channel input slices.

    onnxruntime-web 1.30's WebGPU EP computes a dense 3x3 Conv with 6 or 9 input channels
    silently wrong (measured: 3, 4, 5, 7, 8, 10, 12, 16 are exact). The stem sees 6 channels
    (RGB + motion), so the exported graph uses two 3-channel convs and adds them: the same
    function, exact on every EP."""

    def __init__(self, conv: nn.Conv2d, slice_channels: int = 3):
        super().__init__()
        self.slice_channels = slice_channels
        self.parts = nn.ModuleList()
        for start in range(0, conv.in_channels, slice_channels):
            part = nn.Conv2d(slice_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding, bias=False)
            part.weight.data.copy_(conv.weight.data[:, start:start + slice_channels])
            self.parts.append(part)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        total = None
        for index, part in enumerate(self.parts):
            y = part(x[:, index * self.slice_channels:(index + 1) * self.slice_channels])
            total = y if total is None else total + y
        return total


class InvertedResidual21D(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int, expand: int, temporal_kernel: int = 3):
        super().__init__()
        hidden = in_channels * expand
        self.use_residual = stride == 1 and in_channels == out_channels
        self.expand = nn.Sequential(nn.Conv2d(in_channels, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True))
        self.spatial = nn.Sequential(nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True))
        self.temporal = TemporalDepthwise(hidden, temporal_kernel)
        self.temporal_norm = nn.Sequential(nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True))
        self.project = nn.Sequential(nn.Conv2d(hidden, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))

    def forward(self, x: torch.Tensor, frames: int) -> torch.Tensor:
        y = self.spatial(self.expand(x))
        y = self.temporal_norm(self.temporal(y, frames))
        y = self.project(y)
        return x + y if self.use_residual else y


def add_temporal_layers(network: nn.Module, channels: int, blocks, feature_size: int, num_classes: int) -> None:
    """The (2+1)D inverted residual blocks, the 1x1 feature head and the classifier both candidates
    end with (attribute names are the checkpoints' state-dict keys)."""
    layers = []
    for out_channels, stride, expand in blocks:
        layers.append(InvertedResidual21D(channels, out_channels, stride, expand))
        channels = out_channels
    network.blocks = nn.ModuleList(layers)
    network.head = nn.Sequential(nn.Conv2d(channels, feature_size, 1, bias=False), nn.BatchNorm2d(feature_size), nn.ReLU6(inplace=True))
    network.dropout = nn.Dropout(0.2)
    network.classifier = nn.Linear(feature_size, num_classes)


def pooled_features(network: nn.Module, x: torch.Tensor, batch: int, frames: int) -> torch.Tensor:
    """[N*T, C, H, W] maps → the blocks and head → mean over space and time → [N, F]."""
    for block in network.blocks:
        x = block(x, frames)
    x = network.head(x)
    x = x.mean(dim=(2, 3))  # N*T, F
    return x.reshape(batch, frames, -1).mean(dim=1)


# (out_channels, stride, expand) per block; strides 2, 4, 8, 8, 16, 16 after the stem.
# Expansion 1 then 3 at the two finest stages keeps the 32x32 work small (measured 2x faster on 2 cores).
DEFAULT_BLOCKS = ((16, 1, 1), (24, 2, 3), (24, 1, 3), (40, 2, 4), (40, 1, 4), (64, 2, 4), (64, 1, 4))


class JugglingNet(nn.Module):
    def __init__(self, num_classes: int, frames: int, feature_size: int = 128, blocks=DEFAULT_BLOCKS, stem_channels: int = 16, motion: bool = True):
        super().__init__()
        self.frames = frames
        self.motion = motion
        in_channels = 6 if motion else 3
        self.stem = nn.Sequential(nn.Conv2d(in_channels, stem_channels, 3, 2, 1, bias=False), nn.BatchNorm2d(stem_channels), nn.ReLU6(inplace=True))
        add_temporal_layers(self, stem_channels, blocks, feature_size, num_classes)

    def make_webgpu_safe(self) -> "JugglingNet":
        """Swap the 6-input-channel stem conv for an equivalent split (see SplitInputConv)."""
        stem_conv = self.stem[0]
        if isinstance(stem_conv, nn.Conv2d) and stem_conv.in_channels % 3 == 0 and stem_conv.in_channels > 3:
            self.stem[0] = SplitInputConv(stem_conv)
        return self

    def features(self, clip: torch.Tensor) -> torch.Tensor:
        # clip: N, 3, T, H, W in [0, 1]
        x = (clip - 0.45) / 0.25
        if self.motion:
            # Causal frame differences: frame t minus frame t-1 (zero for the first frame).
            difference = x[:, :, 1:] - x[:, :, :-1]
            difference = torch.cat([torch.zeros_like(x[:, :, :1]), difference], dim=2)
            x = torch.cat([x, difference * 2.0], dim=1)
        batch, channels, frames, height, width = x.shape
        x = x.transpose(1, 2).reshape(batch * frames, channels, height, width)
        return pooled_features(self, self.stem(x), batch, frames)

    def forward(self, clip: torch.Tensor):
        features = self.features(clip)
        return self.classifier(self.dropout(features)), features


# Candidate B's temporal head over the pretrained trunk's stride-8 maps: (out, stride, expand).
HEAD_BLOCKS_B = ((48, 1, 3), (64, 2, 4), (64, 1, 4), (96, 2, 4))


class JugglingNetB(nn.Module):
    """Candidate B: a 2D MobileNetV2 trunk (frozen, or fine-tuned at a low rate) with real-image weights (MoveNet Lightning's
    backbone up to `last_block`, stride 8: training/pretrained/) run on every frame, then causal
    (2+1)D inverted residual blocks over its feature maps. Motion enters as the causal difference
    of consecutive frames' trunk features (RGB alone goes through the trunk, which was trained on
    photographs). Same input and outputs as JugglingNet."""

    def __init__(self, num_classes: int, frames: int, feature_size: int = 128, last_block: str = "block_5",
                 head_blocks=HEAD_BLOCKS_B, motion: bool = True, trunk_state: dict | None = None, frozen_trunk: bool = True):
        super().__init__()
        sys_path_pretrained()
        from movenet import MoveNetTrunk  # noqa: E402  (training/pretrained/movenet.py)
        self.frames = frames
        self.motion = motion
        self.last_block = last_block
        self.trunk = MoveNetTrunk(last_block=last_block)
        if trunk_state is not None:
            self.trunk.load_state_dict(trunk_state)
        for parameter in self.trunk.parameters():
            parameter.requires_grad_(not frozen_trunk)
        add_temporal_layers(self, self.trunk.out_channels * (2 if motion else 1), head_blocks, feature_size, num_classes)

    def train(self, mode: bool = True) -> "JugglingNetB":
        super().train(mode)
        self.trunk.eval()  # folded BatchNorm: no statistics to update, frozen or fine-tuned
        return self

    def make_webgpu_safe(self) -> "JugglingNetB":
        return self  # the trunk's stem sees 3 channels, which the WebGPU EP computes right

    def features(self, clip: torch.Tensor) -> torch.Tensor:
        batch, channels, frames, height, width = clip.shape
        x = clip.transpose(1, 2).reshape(batch * frames, channels, height, width)
        x = self.trunk(x)
        if self.motion:
            maps = x.reshape(batch, frames, *x.shape[1:])
            difference = torch.cat([torch.zeros_like(maps[:, :1]), maps[:, 1:] - maps[:, :-1]], dim=1)
            x = torch.cat([maps, difference], dim=2).reshape(batch * frames, -1, *x.shape[2:])
        return pooled_features(self, x, batch, frames)

    def forward(self, clip: torch.Tensor):
        features = self.features(clip)
        return self.classifier(self.dropout(features)), features


def sys_path_pretrained() -> None:
    import sys
    from pathlib import Path
    folder = str(Path(__file__).resolve().parent / "pretrained")
    if folder not in sys.path:
        sys.path.insert(0, folder)


def build_model(config: dict) -> nn.Module:
    """The network a checkpoint's config describes: candidate A (default) or B (`arch: "B"`)."""
    config = dict(config)
    arch = config.pop("arch", "A")
    if arch == "B":
        return JugglingNetB(**config)
    return JugglingNet(**config)

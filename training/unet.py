"""A small 2D U-Net for image-to-image regression on radiographs.

Translation-equivariant for shifts that are multiples of 2**depth (pooling
grid), which is what lets BoneXR run it tile by tile without seams: its
TorchScript input may have any height and width of the form
16 + n * 2**depth (see ``size_step``), and its receptive field radius
(``receptive_radius``) is the halo BoneXR crops from each tile.
"""
import torch
from torch import nn


def _block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.LeakyReLU(0.1),
        nn.Conv2d(cout, cout, 3, padding=1), nn.LeakyReLU(0.1))


class UNet(nn.Module):
    """U-Net with ``depth`` poolings and ``base`` channels at full resolution.

    The output is a linear map of the last features, one channel per target,
    plus (if ``residual``) the first input channel: networks then learn a
    correction, which suits layer decomposition and denoising alike.
    """

    def __init__(self, in_channels=1, out_channels=1, depth=2, base=8,
                 residual=False):
        super().__init__()
        self.depth = depth
        self.residual = residual
        chans = [base * 2 ** i for i in range(depth + 1)]
        self.down = nn.ModuleList()
        c = in_channels
        for i in range(depth):
            self.down.append(_block(c, chans[i]))
            c = chans[i]
        self.bottom = _block(c, chans[depth])
        self.up = nn.ModuleList()
        self.merge = nn.ModuleList()
        for i in reversed(range(depth)):
            self.up.append(nn.ConvTranspose2d(chans[i + 1], chans[i], 2, stride=2))
            self.merge.append(_block(2 * chans[i], chans[i]))
        self.head = nn.Conv2d(chans[0], out_channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        h = x
        for block in self.down:
            h = block(h)
            skips.append(h)
            h = nn.functional.max_pool2d(h, 2)
        h = self.bottom(h)
        for up, merge in zip(self.up, self.merge):
            h = up(h)
            h = merge(torch.cat([h, skips.pop()], dim=1))
        out = self.head(h)
        if self.residual:
            out = out + x[:, :1]
        return out


def size_step(depth):
    """Input height and width must be multiples of this."""
    return 2 ** depth


def receptive_radius(model, in_channels, size=160):
    """Largest distance (pixels) from an output pixel to an input pixel that
    changes it, measured by back-propagating from the centre pixel."""
    x = torch.zeros(1, in_channels, size, size, requires_grad=True)
    model.eval()
    y = model(x + 0.1)
    c = size // 2
    y[0, :, c, c].sum().backward()
    g = x.grad[0].abs().sum(0)
    ys, xs = torch.nonzero(g > 0, as_tuple=True)
    if len(ys) == 0:
        return 0
    return int(max((ys - c).abs().max(), (xs - c).abs().max()))


def widen(small_state, wide):
    """Loads a U-Net's weights (``small_state``, a state dict) into ``wide``, a
    U-Net of the same depth with at least as many base channels, so that it
    computes the same function: each old channel keeps its place (the first
    channels of each block; in a merge block's input the first channels of
    both the upsampled and the skip half), every weight that reads a new
    channel is zero, and the new channels' own input weights keep ``wide``'s
    random initialisation. Training then grows the new channels from there.
    """
    state = wide.state_dict()
    for name, w in small_state.items():
        big = state[name].clone()
        if w.dim() == 1:
            big[:w.shape[0]] = w
        else:
            in_dim = 0 if name.startswith("up.") else 1  # ConvTranspose2d: (in, out, ...)
            n, big_n = w.shape[in_dim], big.shape[in_dim]
            if name.startswith("merge.") and name.endswith(".0.weight"):
                old = torch.cat([torch.arange(n // 2), big_n // 2 + torch.arange(n // 2)])
            else:
                old = torch.arange(n)
            new = torch.ones(big_n, dtype=torch.bool)
            new[old] = False
            big.index_fill_(in_dim, torch.nonzero(new).flatten(), 0.0)
            if in_dim == 1:
                big[:w.shape[0], old] = w
            else:
                big[old, :w.shape[1]] = w
        state[name] = big
    wide.load_state_dict(state)
    return wide

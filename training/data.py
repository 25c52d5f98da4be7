"""Datasets for BoneXR training: image pairs written by the Java phantom
generator (or anything else laid out the same way), plus a tiny synthetic
set for smoke tests.

Layouts understood (images are 2D float32 TIFF or .npy; names without
extension):

  A) one folder per sample          B) one folder per kind
     DATA/<sample>/<name>.tif          DATA/<name>/<sample>.tif

``inputs`` and ``targets`` are lists of names (e.g. inputs=["attenuation"],
targets=["bone_distal", "bone_proximal", "soft_tissue"]); several names are
stacked as channels. Other files (masks not asked for, ground-truth JSON) are
ignored. Samples are sorted by name, so a seed fully determines the split.
"""
import os

import numpy as np

EXTENSIONS = (".tif", ".tiff", ".npy")


def read_image(path):
    """A 2D float32 array from a .npy or TIFF file."""
    if path.endswith(".npy"):
        a = np.load(path)
    else:
        try:
            import tifffile
        except ImportError as e:
            raise SystemExit("Reading TIFF needs tifffile: apt-get install "
                             "python3-tifffile (or convert the data to .npy)") from e
        a = tifffile.imread(path)
    a = np.asarray(a, dtype=np.float32)
    a = np.squeeze(a)
    if a.ndim != 2:
        raise SystemExit("%s: expected a 2D image, got shape %s" % (path, a.shape))
    return a


def _find(folder, name):
    for ext in EXTENSIONS:
        p = os.path.join(folder, name + ext)
        if os.path.isfile(p):
            return p
    return None


def find_samples(data_dir, inputs, targets):
    """[(sample name, [input paths], [target paths])], sorted by sample."""
    names = list(inputs) + list(targets)
    samples = []
    if os.path.isdir(os.path.join(data_dir, names[0])):      # layout B
        first = os.path.join(data_dir, names[0])
        stems = sorted(os.path.splitext(f)[0] for f in os.listdir(first)
                       if f.endswith(EXTENSIONS))
        for s in stems:
            paths = [_find(os.path.join(data_dir, n), s) for n in names]
            if all(paths):
                samples.append((s, paths[:len(inputs)], paths[len(inputs):]))
    else:                                                   # layout A
        for s in sorted(os.listdir(data_dir)):
            d = os.path.join(data_dir, s)
            if not os.path.isdir(d):
                continue
            paths = [_find(d, n) for n in names]
            if all(paths):
                samples.append((s, paths[:len(inputs)], paths[len(inputs):]))
    if not samples:
        raise SystemExit("No samples with %s in %s (see training/README.md for "
                         "the layouts)" % (names, data_dir))
    return samples


def load_pairs(samples):
    """Lists of (C,H,W) float32 arrays: inputs and targets."""
    xs, ys = [], []
    for _, ins, outs in samples:
        x = np.stack([read_image(p) for p in ins])
        y = np.stack([read_image(p) for p in outs])
        if x.shape[1:] != y.shape[1:]:
            raise SystemExit("Sample %s: input %s and target %s differ in size"
                             % (_, x.shape, y.shape))
        xs.append(x)
        ys.append(y)
    return xs, ys


def split(n, val_fraction, seed):
    """Deterministic train/validation indices."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    n_val = max(1, int(round(n * val_fraction))) if n > 1 else 0
    return sorted(order[n_val:].tolist()), sorted(order[:n_val].tolist())


def synthetic_pairs(count, size, seed):
    """Smooth random blobs (target, attenuation-like) and the same with
    Gaussian noise (input): a denoising task learnt in seconds."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    xs, ys = [], []
    for _ in range(count):
        clean = np.zeros((size, size), np.float32)
        for _ in range(rng.integers(2, 6)):
            cy, cx = rng.uniform(0, size, 2)
            ry, rx = rng.uniform(size / 12, size / 4, 2)
            clean += rng.uniform(0.3, 1.0) * np.exp(
                -(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2))
        noisy = clean + rng.normal(0, 0.1, clean.shape).astype(np.float32)
        xs.append(noisy[None].astype(np.float32))
        ys.append(clean[None].astype(np.float32))
    return xs, ys


def random_patches(xs, ys, count, patch, rng):
    """``count`` random aligned patches (N,C,patch,patch) from the pairs."""
    bx, by = [], []
    for _ in range(count):
        i = rng.integers(len(xs))
        x, y = xs[i], ys[i]
        h, w = x.shape[1:]
        if h < patch or w < patch:
            raise SystemExit("Images of %dx%d are smaller than the %d-pixel "
                             "patch; use --patch %d or less" % (h, w, patch, min(h, w)))
        r = rng.integers(0, h - patch + 1)
        c = rng.integers(0, w - patch + 1)
        bx.append(x[:, r:r + patch, c:c + patch])
        by.append(y[:, r:r + patch, c:c + patch])
    return np.stack(bx), np.stack(by)

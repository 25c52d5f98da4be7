#!/usr/bin/python3
"""Train BoneXR's bone layer separation network on a joint dataset written by
`bin/bonexr run "Write Joint Phantom Dataset"` (JointDataset: phantoms and
shift-protocol samples) and export it as a bioimage.io model.

DEMO MODEL: trained on synthetic phantoms only; not validated on patient data.

One small U-Net maps the radiograph (attenuation domain, 1 channel) to five
channels: the upper (distal) bone layer, the lower (proximal) bone layer and
the soft-tissue layer (attenuation, same units as the input), and one logit
per bone mask (upper, lower; > 0 means inside the bone). BoneXR's Java side
segments the bones from the logits and applies its physics reconstructor
(layers + soft tissue = input) to the layers.

Loss: MSE of the normalised layers, plus the MSE of their sum against the
sum of the true layers (consistency, in input-normalised units), plus
binary cross-entropy of the mask logits, plus (--ssim-weight) 1 - SSIM of
each layer in physical units, plus (--edge-weight) the MSE of the bone layers'
finite differences (the margins joint space width reads), normalised like
the layers, plus (--band-weight) the MSE of all three layers over the band
of a flexed phantom's tilted distal base (within --band-mm of the true
margin points), every layer in the distal layer's units, so that attenuation
moved between a bone layer and the soft-tissue layer costs the same on both
sides. Patches: a fraction
(--overlap-fraction) centred in a bone overlap, half of the rest on a
random bone pixel, the others anywhere; random
left-right flips (never up-down: that would swap upper and lower).

Example (the shipped model; see docs/separation.md):
  bin/bonexr run "Write Joint Phantom Dataset" folder=/tmp/sep/train samples=400 seed=1 sizePx=256
  /usr/bin/python3 training/train_separation.py --data /tmp/sep/train --out /tmp/sep/model
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
import export  # noqa: E402
from unet import UNet, receptive_radius, size_step, widen  # noqa: E402

MIN_SIZE = 16
LAYERS = ["upper", "lower", "soft_tissue"]
OUTPUTS = LAYERS + ["upper_mask_logit", "lower_mask_logit"]
DEMO = ("DEMO MODEL trained on synthetic joint phantoms (BoneXR JointDataset: "
        "phantoms and shift-protocol overlaps); not validated on patient radiographs.")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, nargs="+",
                   help="JointDataset folder(s) (sample-*/); several are pooled")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--zip", help="also write the model as this .zip")
    p.add_argument("--minutes", type=float, default=25,
                   help="stop training after this wall time (the cosine schedule "
                        "is planned for --steps; both are recorded)")
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--patch", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--base", type=int, default=8)
    p.add_argument("--mask-weight", type=float, default=0.3)
    p.add_argument("--mask-pos-weight", type=float, default=1.0,
                   help="BCE weight of bone pixels (they are the minority)")
    p.add_argument("--init", help="start from this exported model folder (its "
                   "weights.pt; its training record is kept in the new one); a "
                   "model with fewer base channels than --base is widened "
                   "(unet.widen: same function, new channels to train)")
    p.add_argument("--sum-weight", type=float, default=1.0)
    p.add_argument("--ssim-weight", type=float, default=0.0,
                   help="weight of (1 - SSIM) per layer, the benchmark's SSIM "
                        "(Gaussian window 1.5 px, K1 0.01, K2 0.03, L = the median "
                        "over training images of the layer's range)")
    p.add_argument("--edge-weight", type=float, default=0.0,
                   help="weight of the MSE of the horizontal and vertical finite "
                        "differences of the two bone layers (normalised units)")
    p.add_argument("--overlap-fraction", type=float, default=0.0,
                   help="fraction of patches centred on a pixel inside both bone "
                        "masks (samples with an overlap only)")
    p.add_argument("--margin-fraction", type=float, default=0.0,
                   help="fraction of patches centred on a true margin point of a "
                   "flexed phantom's tilted distal base (the margin JSW reads)")
    p.add_argument("--band-weight", type=float, default=0.0,
                   help="weight of the MSE of the three layers (in the distal "
                        "layer's normalisation) within --band-mm of a flexed "
                        "phantom's true distal margin points (the tilted base)")
    p.add_argument("--band-mm", type=float, default=2.5,
                   help="half-width of that band, mm")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--test-size", type=int, default=128)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--device", default="auto")
    return p.parse_args(argv)


def read_stack(path):
    import tifffile
    return np.asarray(tifffile.imread(path), np.float32)


def load(folder):
    """Lists of (1,H,W) input, (3,H,W) layers, (2,H,W) 0/1 masks; kinds;
    per sample the true distal-base margin points (N,2) as (row, column)
    pixels when the sample is a flexed phantom (its base tilted), else None;
    and per sample its pixel size in mm (None when truth.json has none)."""
    xs, ys, ms, kinds, margins, spacings = [], [], [], [], [], []
    for s in sorted(os.listdir(folder)):
        d = os.path.join(folder, s)
        if not os.path.isfile(os.path.join(d, "layers.tif")):
            continue
        xs.append(read_stack(os.path.join(d, "radiograph.tif"))[None])
        ys.append(read_stack(os.path.join(d, "layers.tif")))
        ms.append((read_stack(os.path.join(d, "masks.tif")) > 0).astype(np.float32))
        with open(os.path.join(d, "truth.json")) as f:
            truth = json.load(f)
        kinds.append(truth["kind"])
        margins.append(tilted_base_margin(truth))
        spacings.append(truth.get("parameters", {}).get("spacingMm"))
    if not xs:
        raise SystemExit("No sample-*/layers.tif in %s" % folder)
    return xs, ys, ms, kinds, margins, spacings


def tilted_base_margin(truth):
    """The true distal margin points (N,2) (row, column) of a flexed phantom
    sample from its truth.json, or None (no flexion, or no JSW truth)."""
    jsw = truth.get("jsw")
    if not jsw or not truth["parameters"].get("flexionDeg"):
        return None
    return np.stack([np.asarray(jsw["distalYPx"]), np.asarray(jsw["distalXPx"])], 1)


def band_map(points, shape, radius_px):
    """(H,W) uint8: 1 within radius_px of any of the (N,2) (row, column)
    points, else 0."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    near = np.zeros(shape, bool)
    for r, c in points:
        near |= (rows - r) ** 2 + (cols - c) ** 2 <= radius_px ** 2
    return near.astype(np.uint8)


def band_loss(pred, truth, band, scale):
    """Mean over the band's pixels and the three layers of
    ((pred - truth) / scale)^2; pred, truth (B,3,H,W) physical, band (B,1,H,W)
    0/1; 0 when no pixel of the batch is in a band."""
    n = band.sum() * pred.shape[1]
    if float(n) == 0:
        return pred.sum() * 0
    return (((pred - truth) / scale) ** 2 * band).sum() / n


def patches(xs, ys, ms, idx, batch, patch, rng, overlap_fraction=0.0,
            overlaps=None, margin_fraction=0.0, margins=None, bands=None):
    """Random patches: a fraction (``margin_fraction``) centred on a true
    distal-base margin point of a flexed phantom (``margins``: sample index ->
    (N,2) points), a fraction of the rest centred in a bone overlap (of the
    samples that have one, listed in ``overlaps``), half of the rest on a bone
    pixel, the others anywhere; random left-right flips. With ``bands``
    (sample index -> (H,W) band map; a sample not in it has no band) a fourth
    array holds each patch's band, (B,1,P,P) float32."""
    bx, by, bm, bb = [], [], [], []
    tilted = list(margins) if margins else []
    for _ in range(batch):
        centre = None
        if margin_fraction > 0 and tilted and rng.random() < margin_fraction:
            i = tilted[rng.integers(len(tilted))]
            w = xs[i].shape[2]
            pts = np.rint(margins[i]).astype(int)
            centre = pts[:, 0] * w + pts[:, 1]
        elif overlap_fraction > 0 and overlaps and rng.random() < overlap_fraction:
            i = overlaps[rng.integers(len(overlaps))]
            centre = np.flatnonzero(ms[i].min(0))
        else:
            i = idx[rng.integers(len(idx))]
            if rng.random() < 0.5:
                centre = np.flatnonzero(ms[i].max(0))
        x, y, m = xs[i], ys[i], ms[i]
        h, w = x.shape[1:]
        if centre is not None and centre.size:
            cy, cx = divmod(int(centre[rng.integers(centre.size)]), w)
            r = int(np.clip(cy - patch // 2, 0, h - patch))
            c = int(np.clip(cx - patch // 2, 0, w - patch))
        else:
            r, c = rng.integers(0, h - patch + 1), rng.integers(0, w - patch + 1)
        sl = (slice(None), slice(r, r + patch), slice(c, c + patch))
        px, py, pm = x[sl], y[sl], m[sl]
        pb = None if bands is None else (
            bands[i][None][sl] if i in bands else np.zeros((1, patch, patch), np.uint8))
        if rng.random() < 0.5:
            px, py, pm = px[..., ::-1], py[..., ::-1], pm[..., ::-1]
            pb = None if pb is None else pb[..., ::-1]
        bx.append(px)
        by.append(py)
        bm.append(pm)
        bb.append(pb)
    out = (np.ascontiguousarray(np.stack(bx)), np.ascontiguousarray(np.stack(by)),
           np.ascontiguousarray(np.stack(bm)))
    if bands is None:
        return out
    return out + (np.stack(bb).astype(np.float32),)


def gaussian_window(sigma=1.5):
    r = int(math.ceil(3.5 * sigma))
    k = torch.exp(-torch.arange(-r, r + 1, dtype=torch.float32) ** 2 / (2 * sigma ** 2))
    return k / k.sum()


def ssim_loss(pred, truth, ranges, window):
    """Mean over layers of 1 - SSIM (valid-window SSIM per patch, constants
    from the fixed dynamic range of each layer), both (B,C,H,W) physical."""
    c = pred.shape[1]
    kx = window.view(1, 1, 1, -1).repeat(c, 1, 1, 1)
    ky = window.view(1, 1, -1, 1).repeat(c, 1, 1, 1)

    def blur(a):
        return torch.nn.functional.conv2d(
            torch.nn.functional.conv2d(a, kx, groups=c), ky, groups=c)
    rng = ranges.view(1, c, 1, 1)
    c1, c2 = (0.01 * rng) ** 2, (0.03 * rng) ** 2
    mx, my = blur(pred), blur(truth)
    vx = blur(pred * pred) - mx * mx
    vy = blur(truth * truth) - my * my
    cxy = blur(pred * truth) - mx * my
    s = (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return 1 - s.mean()


def edge_loss(pred, truth):
    """MSE of the horizontal and vertical finite differences of the two bone
    layers (channels 0-1 of (B,C,H,W), normalised units)."""
    p, t = pred[:, :2], truth[:, :2]
    dx = torch.nn.functional.mse_loss(p[..., :, 1:] - p[..., :, :-1],
                                      t[..., :, 1:] - t[..., :, :-1])
    dy = torch.nn.functional.mse_loss(p[..., 1:, :] - p[..., :-1, :],
                                      t[..., 1:, :] - t[..., :-1, :])
    return dx + dy


def norm(arrays):
    c = arrays[0].shape[0]
    mean = [float(np.mean([a[k].mean() for a in arrays])) for k in range(c)]
    std = [float(np.sqrt(np.mean([((a[k] - mean[k]) ** 2).mean() for a in arrays])))
           for k in range(c)]
    return mean, [s if s > 1e-8 else 1.0 for s in std]


def predict(model, x, in_norm, out_norm):
    """Whole-image prediction (C,H,W) in physical units, as the Java pipeline."""
    step = size_step(model.depth)
    h, w = x.shape[1:]
    ph = MIN_SIZE + math.ceil(max(h - MIN_SIZE, 0) / step) * step - h
    pw = MIN_SIZE + math.ceil(max(w - MIN_SIZE, 0) / step) * step - w
    xp = np.pad(x, ((0, 0), (0, ph), (0, pw)), mode="reflect")
    with torch.no_grad():
        t = torch.from_numpy(export.apply_linear(xp[None], *in_norm))
        y = export.apply_linear(model(t).numpy(), *out_norm)
    return y[0, :, :h, :w]


def evaluate(model, xs, ys, ms, idx, in_norm, out_norm):
    """Per-layer RMSE/PSNR on whole held-out images, with the baseline
    'bone layer = input x mask, soft tissue = input outside the masks', and
    the Dice of the predicted masks."""
    model.eval()
    se = np.zeros(3)
    base_se = np.zeros(3)
    n = 0
    dice = np.zeros(2)
    resid = []
    rng_max = max(float(ys[i].max() - ys[i].min()) for i in idx)
    for i in idx:
        p = predict(model, xs[i], in_norm, out_norm)
        y, m, x = ys[i], ms[i], xs[i][0]
        se += ((p[:3] - y) ** 2).reshape(3, -1).sum(1)
        base = np.stack([x * m[0], x * m[1], x * (1 - np.maximum(m[0], m[1]))])
        base_se += ((base - y) ** 2).reshape(3, -1).sum(1)
        n += x.size
        for k in range(2):
            pm = p[3 + k] > 0
            dice[k] += 2 * (pm & (m[k] > 0)).sum() / max(pm.sum() + (m[k] > 0).sum(), 1)
        resid.append(float(np.sqrt(((p[:3].sum(0) - x) ** 2).mean()) / (x.max() - x.min())))
    rmse, base_rmse = np.sqrt(se / n), np.sqrt(base_se / n)
    return {
        "layers": LAYERS,
        "rmse": rmse.tolist(),
        "psnr_db": [20 * math.log10(rng_max / r) for r in rmse],
        "baseline_input_times_mask_rmse": base_rmse.tolist(),
        "mask_dice": (dice / len(idx)).tolist(),
        "residual_rms_percent_of_range": 100 * float(np.mean(resid)),
        "images": len(idx),
    }


def one_or_list(values):
    """A record's value: the one folder's, or the list of all folders'."""
    return values[0] if len(values) == 1 else values


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    t0 = time.time()
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available()
                          else ("cpu" if args.device == "auto" else args.device))
    rng = np.random.default_rng(args.seed)
    xs, ys, ms, kinds, base_margins, spacings = [], [], [], [], [], []
    data_infos = []
    for folder in args.data:
        for pooled, part in zip((xs, ys, ms, kinds, base_margins, spacings),
                                load(folder)):
            pooled.extend(part)
        with open(os.path.join(folder, "dataset.json")) as f:
            data_infos.append(json.load(f))
    train_idx, val_idx = data.split(len(xs), args.val_fraction, args.seed)

    mi, si = norm([xs[i] for i in train_idx])
    ml, sl = norm([ys[i] for i in train_idx])
    in_norm = ([1 / s for s in si], [-m / s for m, s in zip(mi, si)])
    out_norm = (sl + [1.0, 1.0], ml + [0.0, 0.0])
    tg = torch.tensor([1 / s for s in sl]).view(1, 3, 1, 1).to(device)
    to = torch.tensor([-m / s for m, s in zip(ml, sl)]).view(1, 3, 1, 1).to(device)
    ls = torch.tensor(sl).view(1, 3, 1, 1).to(device)
    lm = torch.tensor(ml).view(1, 3, 1, 1).to(device)

    model = UNet(1, len(OUTPUTS), args.depth, args.base, False)
    init_record, widened_from = None, None
    if args.init:
        init_state = torch.jit.load(os.path.join(args.init, "weights.pt")).state_dict()
        init_base = init_state["down.0.0.weight"].shape[0]
        if init_base < args.base:
            widen(init_state, model)
            widened_from = init_base
        else:
            model.load_state_dict(init_state)
        import yaml
        with open(os.path.join(args.init, "rdf.yaml")) as f:
            init_record = yaml.safe_load(f)["config"]["bonexr"]["training"]
    model = model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.steps,
                                                pct_start=max(0.05, 3 / args.steps))
    overlaps = [i for i in train_idx if ms[i].min(0).any()]
    margins = {i: base_margins[i] for i in train_idx if base_margins[i] is not None}
    bands = None
    if args.band_weight:
        bands = {i: band_map(margins[i], xs[i].shape[1:], args.band_mm / spacings[i])
                 for i in margins if spacings[i]}
    ranges = torch.tensor([float(np.percentile([ys[i][k].max() - ys[i][k].min()
                                                for i in train_idx], 50))
                           for k in range(3)], device=device)
    ssim_window = gaussian_window().to(device)
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(args.mask_pos_weight))
    step = 0
    window = []
    while step < args.steps and time.time() - t0 < args.minutes * 60:
        model.train()
        batch = patches(xs, ys, ms, train_idx, args.batch, args.patch, rng,
                        args.overlap_fraction, overlaps, args.margin_fraction, margins,
                        bands)
        bx, by, bm = batch[:3]
        x = torch.from_numpy(export.apply_linear(bx, *in_norm)).to(device)
        y = torch.from_numpy(by).to(device)
        m = torch.from_numpy(bm).to(device)
        out = model(x)
        layers = out[:, :3]
        y_norm = y * tg + to
        l_layers = torch.nn.functional.mse_loss(layers, y_norm)
        phys = layers * ls + lm                 # the layers in attenuation
        phys_sum = phys.sum(1)
        l_sum = torch.nn.functional.mse_loss(phys_sum / si[0], y.sum(1) / si[0])
        l_mask = bce(out[:, 3:], m)
        loss = l_layers + args.sum_weight * l_sum + args.mask_weight * l_mask
        if args.ssim_weight:
            loss = loss + args.ssim_weight * ssim_loss(phys, y, ranges, ssim_window)
        if args.edge_weight:
            loss = loss + args.edge_weight * edge_loss(layers, y_norm)
        if bands is not None:
            loss = loss + args.band_weight * band_loss(
                phys, y, torch.from_numpy(batch[3]).to(device), sl[0])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        step += 1
        window.append(loss.item())
        if step % 100 == 0:
            print("step %d  loss %.5f  (%.0f s)" % (step, np.mean(window), time.time() - t0),
                  flush=True)
            window = []

    model = model.cpu().eval()
    metrics = evaluate(model, xs, ys, ms, val_idx, in_norm, out_norm)
    print("validation: " + json.dumps(metrics), flush=True)
    stepsz = size_step(args.depth)
    radius = receptive_radius(model, 1, size=512)  # larger than the field
    halo = int(math.ceil(radius / stepsz) * stepsz)
    x0 = xs[val_idx[0]]
    s = min(args.test_size, x0.shape[1], x0.shape[2])
    s = MIN_SIZE + (s - MIN_SIZE) // stepsz * stepsz
    r, c = (x0.shape[1] - s) // 2, (x0.shape[2] - s) // 2
    training = {
        "command": " ".join(["/usr/bin/python3", "training/train_separation.py"] +
                            (sys.argv[1:] if argv is None else list(argv))),
        "data": one_or_list([os.path.abspath(d) for d in args.data]),
        "data_command": one_or_list([i.get("command") for i in data_infos]),
        "data_seed": one_or_list([i.get("seed") for i in data_infos]),
        "data_samples": len(xs),
        "data_kinds": {k: kinds.count(k) for k in sorted(set(kinds))},
        "seed": args.seed,
        "train_images": len(train_idx), "validation_images": len(val_idx),
        "steps_done": step, "steps_planned": args.steps, "batch": args.batch,
        "patch": args.patch, "lr": args.lr, "minutes_limit": args.minutes,
        "loss": {"mask_weight": args.mask_weight, "sum_weight": args.sum_weight,
                 "mask_pos_weight": args.mask_pos_weight,
                 "ssim_weight": args.ssim_weight, "edge_weight": args.edge_weight,
                 "ssim_ranges": ranges.tolist()},
        "overlap_fraction": args.overlap_fraction,
        "overlap_samples": len(overlaps),
        "margin_fraction": args.margin_fraction,
        "band_weight": args.band_weight, "band_mm": args.band_mm,
        "tilted_base_samples": len(margins),
        "init": init_record,
        "architecture": {"type": "unet", "depth": args.depth, "base": args.base,
                         "receptive_radius_px": radius, "widened_from_base": widened_from},
        "validation": metrics,
        "torch": str(torch.__version__), "device": str(device),
        "threads": torch.get_num_threads(), "seconds": round(time.time() - t0, 1),
        "note": DEMO,
    }
    export.export(model, args.out, name="BoneXR bone layer separation (demo, phantoms)",
                  description=DEMO + " Input: joint radiograph, attenuation domain "
                  "(-ln I/I0), pixel spacing about 0.07-0.15 mm. Output channels: upper "
                  "(distal) bone layer, lower (proximal) bone layer, soft-tissue layer "
                  "(attenuation), upper and lower bone mask logits (> 0 inside).",
                  input_names=["attenuation"], target_names=OUTPUTS,
                  test_input=x0[None, :, r:r + s, c:c + s], in_norm=in_norm,
                  out_norm=out_norm, min_size=MIN_SIZE, step=stepsz, halo=halo,
                  training=training, zip_path=args.zip)
    print("wrote %s (halo %d px, %d steps, %.1f s)" % (args.out, halo, step,
                                                        time.time() - t0))
    return training


if __name__ == "__main__":
    main()

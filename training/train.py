#!/usr/bin/python3
"""Train a small U-Net on BoneXR image pairs and export it as a bioimage.io
model folder that BoneXR runs (see training/README.md).

Examples:
  /usr/bin/python3 training/train.py --data phantoms/ --input attenuation \\
      --target bone_distal --target bone_proximal --target soft_tissue \\
      --out models/separation --epochs 40
  /usr/bin/python3 training/train.py --synthetic 48 --out /tmp/tiny --epochs 3
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
from unet import UNet, receptive_radius, size_step  # noqa: E402

MIN_SIZE = 16


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", help="dataset folder (layouts in README.md)")
    src.add_argument("--synthetic", type=int, metavar="N",
                     help="train on N synthetic noisy/clean blob images instead")
    p.add_argument("--synthetic-size", type=int, default=96)
    p.add_argument("--input", action="append", help="input image name(s)")
    p.add_argument("--target", action="append", help="target image name(s)")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--zip", help="also write the model as this .zip")
    p.add_argument("--name", default="BoneXR U-Net")
    p.add_argument("--description", default="Small U-Net trained by BoneXR.")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--steps-per-epoch", type=int, default=50)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--patch", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--base", type=int, default=8, help="channels at full resolution")
    p.add_argument("--residual", action="store_true",
                   help="add input channel 0 to the output (learn a correction)")
    p.add_argument("--grad-weight", type=float, default=0.0,
                   help="weight of a gradient-correlation loss term, "
                        "w * (1 - GC(prediction, target)), added to the MSE")
    p.add_argument("--region-weight", type=float, default=0.0,
                   help="weight of the MSE of --region-px mean-pooled errors (regional "
                        "means: what areal BMD reads off the output)")
    p.add_argument("--region-px", type=int, default=8)
    p.add_argument("--init", help="start from this exported model folder (same "
                   "--depth/--base): its weights and its normalisation; its "
                   "training record is kept in the new one")
    p.add_argument("--jpeg-prob", type=float, default=0.0,
                   help="probability that a training patch goes through an 8-bit JPEG "
                        "round trip (single attenuation input; see jpeg_round_trip)")
    p.add_argument("--jpeg-quality", type=int, nargs=2, default=[5, 95],
                   metavar=("LO", "HI"), help="JPEG quality drawn uniformly in LO..HI")
    p.add_argument("--pixel-mm", type=float,
                   help="pixel size (mm) the model was trained at; recorded as "
                        "config.bonexr.pixel_size_mm so callers resample to it")
    p.add_argument("--max-minutes", type=float,
                   help="stop training after this wall time (the epochs done "
                        "are recorded; the learning-rate schedule stays that of "
                        "--epochs)")
    p.add_argument("--seed", type=int, default=1, help="weights, patches, split")
    p.add_argument("--data-seed", type=int,
                   help="seed the dataset was generated with (default: "
                        "DATA/dataset.json 'seed', or the synthetic seed)")
    p.add_argument("--val-fraction", type=float, default=0.2)
    p.add_argument("--test-size", type=int, default=64,
                   help="side of the test_input crop (min 16 + n*2^depth)")
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0: torch default)")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    return p.parse_args(argv)


def channel_norm(arrays):
    """Per-channel (gain, offset) mapping the data to zero mean, unit SD."""
    c = arrays[0].shape[0]
    mean = [float(np.mean([a[k].mean() for a in arrays])) for k in range(c)]
    std = [float(np.sqrt(np.mean([((a[k] - mean[k]) ** 2).mean() for a in arrays])))
           for k in range(c)]
    std = [s if s > 1e-8 else 1.0 for s in std]
    return [1 / s for s in std], [-m / s for m, s in zip(mean, std)], mean, std


def pad_to_valid(x, step):
    """Reflect-pad (C,H,W) on the bottom/right to 16 + n*step; returns (padded, h, w)."""
    h, w = x.shape[1:]
    ph = max(MIN_SIZE, MIN_SIZE + math.ceil((h - MIN_SIZE) / step) * step) - h
    pw = max(MIN_SIZE, MIN_SIZE + math.ceil((w - MIN_SIZE) / step) * step) - w
    return np.pad(x, ((0, 0), (0, ph), (0, pw)), mode="reflect"), h, w


def gradient_correlation(pred, target, eps=1e-6):
    """Mean normalised cross-correlation of the x and y finite differences
    of prediction and target over each patch and channel (1 = same edges)."""
    gcs = []
    for dim in (2, 3):
        gp = torch.diff(pred, dim=dim)
        gt = torch.diff(target, dim=dim)
        gp = gp - gp.mean(dim=(2, 3), keepdim=True)
        gt = gt - gt.mean(dim=(2, 3), keepdim=True)
        num = (gp * gt).sum(dim=(2, 3))
        den = torch.sqrt((gp * gp).sum(dim=(2, 3)) * (gt * gt).sum(dim=(2, 3)) + eps)
        gcs.append(num / den)
    return 0.5 * (gcs[0] + gcs[1]).mean()


def jpeg_round_trip(attenuation, quality, max_attenuation=6.0):
    """BoneXR's XrayDegradation JPEG with log encoding: grey g = round(255 (1 -
    A/A_max)) clipped to 0..255, JPEG at ``quality`` (IJG tables, as Java's
    ImageIO), decoded back to A = A_max (1 - g/255)."""
    import io
    from PIL import Image
    g = np.clip(np.rint(255 * (1 - attenuation / max_attenuation)), 0, 255)
    buf = io.BytesIO()
    Image.fromarray(g.astype(np.uint8)).save(buf, "JPEG", quality=int(quality))
    back = np.asarray(Image.open(io.BytesIO(buf.getvalue())), np.float32)
    return (max_attenuation * (1 - back / 255)).astype(np.float32)


def augment_jpeg(bx, prob, quality, rng):
    """JPEG round trip of each (C=1) patch with probability ``prob``."""
    for i in range(bx.shape[0]):
        if rng.random() < prob:
            bx[i, 0] = jpeg_round_trip(bx[i, 0], rng.integers(quality[0], quality[1] + 1))
    return bx


def evaluate(model, xs, ys, in_norm, out_norm, step, device):
    """Validation MSE/PSNR/MAE in target units on whole images, and the
    trivial baseline (each target = input channel 0) for comparison."""
    se = ae = n = base_se = 0.0
    lo = min(float(y.min()) for y in ys)
    hi = max(float(y.max()) for y in ys)
    model.eval()
    with torch.no_grad():
        for x, y in zip(xs, ys):
            xp, h, w = pad_to_valid(x, step)
            t = torch.from_numpy(export.apply_linear(xp[None], *in_norm)).to(device)
            pred = export.apply_linear(model(t).cpu().numpy(), *out_norm)[0, :, :h, :w]
            se += float(((pred - y) ** 2).sum())
            ae += float(np.abs(pred - y).sum())
            base_se += float(((x[:1] - y) ** 2).sum())
            n += y.size
    mse = se / n
    rng = hi - lo if hi > lo else 1.0
    psnr = 10 * math.log10(rng ** 2 / mse) if mse > 0 else float("inf")
    base = base_se / n
    return {"mse": mse, "mae": ae / n, "psnr_db": psnr, "data_range": rng,
            "baseline_input_mse": base,
            "baseline_input_psnr_db": 10 * math.log10(rng ** 2 / base) if base > 0
            else float("inf"),
            "images": len(xs)}


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

    if args.synthetic:
        data_seed = args.data_seed if args.data_seed is not None else args.seed
        xs, ys = data.synthetic_pairs(args.synthetic, args.synthetic_size, data_seed)
        input_names, target_names = ["noisy"], ["clean"]
        source = "synthetic blobs (training/data.py synthetic_pairs), %d images of %d px" % (
            args.synthetic, args.synthetic_size)
    else:
        input_names = args.input or ["input"]
        target_names = args.target or ["target"]
        samples = data.find_samples(args.data, input_names, target_names)
        xs, ys = data.load_pairs(samples)
        data_seed = args.data_seed
        meta = os.path.join(args.data, "dataset.json")
        if data_seed is None and os.path.isfile(meta):
            with open(meta) as f:
                data_seed = json.load(f).get("seed")
        source = os.path.abspath(args.data)
    train_idx, val_idx = data.split(len(xs), args.val_fraction, args.seed)
    tx, ty = [xs[i] for i in train_idx], [ys[i] for i in train_idx]
    vx, vy = [xs[i] for i in val_idx], [ys[i] for i in val_idx]

    gi, oi, _, _ = channel_norm(tx)
    go, oo, mean_t, std_t = channel_norm(ty)
    init_record = None
    if args.init:                           # keep the units the weights were trained in
        import yaml
        with open(os.path.join(args.init, "rdf.yaml")) as f:
            init_rdf = yaml.safe_load(f)
        init_record = init_rdf["config"]["bonexr"]["training"]
        gi, oi = export.read_scale_linear(init_rdf["inputs"][0]["preprocessing"][0])
        std_t, mean_t = export.read_scale_linear(init_rdf["outputs"][0]["postprocessing"][0])
        go, oo = [1 / s for s in std_t], [-m / s for m, s in zip(mean_t, std_t)]
    in_norm = (gi, oi)
    out_norm = (std_t, mean_t)              # network predicts normalised targets
    tgt_norm = (go, oo)

    step = size_step(args.depth)
    if args.patch % step or args.patch < MIN_SIZE:
        raise SystemExit("--patch must be a multiple of %d and >= %d" % (step, MIN_SIZE))
    model = UNet(len(input_names), len(target_names), args.depth, args.base,
                 args.residual)
    if args.init:
        model.load_state_dict(torch.jit.load(os.path.join(args.init, "weights.pt"))
                              .state_dict())
    model = model.to(device)
    if args.jpeg_prob and len(input_names) != 1:
        raise SystemExit("--jpeg-prob needs a single input channel (attenuation)")
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.epochs * args.steps_per_epoch)
    loss = float("nan")
    epochs_done = 0
    for epoch in range(args.epochs):
        if args.max_minutes and time.time() - t0 > 60 * args.max_minutes:
            print("stopping: --max-minutes %g reached" % args.max_minutes, flush=True)
            break
        model.train()
        total = 0.0
        for _ in range(args.steps_per_epoch):
            bx, by = data.random_patches(tx, ty, args.batch, args.patch, rng)
            if args.jpeg_prob:
                bx = augment_jpeg(bx, args.jpeg_prob, args.jpeg_quality, rng)
            bx = torch.from_numpy(export.apply_linear(bx, *in_norm)).to(device)
            by = torch.from_numpy(export.apply_linear(by, *tgt_norm)).to(device)
            opt.zero_grad()
            pred = model(bx)
            l = torch.nn.functional.mse_loss(pred, by)
            if args.grad_weight:
                l = l + args.grad_weight * (1 - gradient_correlation(pred, by))
            if args.region_weight:
                l = l + args.region_weight * torch.nn.functional.mse_loss(
                    torch.nn.functional.avg_pool2d(pred, args.region_px),
                    torch.nn.functional.avg_pool2d(by, args.region_px))
            l.backward()
            opt.step()
            sched.step()
            total += l.item()
        loss = total / args.steps_per_epoch
        epochs_done = epoch + 1
        print("epoch %d/%d  train loss %.5f  (%.1f s)" % (epoch + 1, args.epochs, loss,
                                                         time.time() - t0), flush=True)

    model = model.cpu()
    metrics = evaluate(model, vx, vy, in_norm, out_norm, step, torch.device("cpu"))
    print("validation: " + json.dumps(metrics), flush=True)
    halo = receptive_radius(model, len(input_names))
    halo = int(math.ceil(halo / step) * step)

    x0 = vx[0] if vx else tx[0]
    s = min(args.test_size, x0.shape[1], x0.shape[2])
    s = MIN_SIZE + (s - MIN_SIZE) // step * step
    r, c = (x0.shape[1] - s) // 2, (x0.shape[2] - s) // 2
    test_input = x0[None, :, r:r + s, c:c + s]

    training = {
        "command": " ".join([sys.executable, os.path.relpath(__file__)] + sys.argv[1:]
                            if argv is None else ["train.py"] + list(argv)),
        "data": source,
        "data_seed": data_seed,
        "seed": args.seed,
        "train_images": len(tx),
        "validation_images": len(vx),
        "epochs": args.epochs, "epochs_done": epochs_done,
        "max_minutes": args.max_minutes, "steps_per_epoch": args.steps_per_epoch,
        "batch": args.batch, "patch": args.patch, "lr": args.lr,
        "grad_weight": args.grad_weight, "pixel_size_mm": args.pixel_mm,
        "region_weight": args.region_weight, "region_px": args.region_px,
        "jpeg_prob": args.jpeg_prob, "jpeg_quality": args.jpeg_quality,
        "init": init_record,
        "architecture": {"type": "unet", "depth": args.depth, "base": args.base,
                         "residual": args.residual,
                         "receptive_radius_px": receptive_radius(model, len(input_names))},
        "final_train_loss": loss,
        "validation": metrics,
        "torch": str(torch.__version__),
        "device": str(device),
        "threads": torch.get_num_threads(),
        "seconds": round(time.time() - t0, 1),
    }
    export.export(model, args.out, name=args.name, description=args.description,
                  input_names=input_names, target_names=target_names,
                  test_input=test_input, in_norm=in_norm, out_norm=out_norm,
                  min_size=MIN_SIZE, step=step, halo=halo, training=training,
                  zip_path=args.zip,
                  config={"pixel_size_mm": args.pixel_mm} if args.pixel_mm else None)
    print("wrote %s (halo %d px, %.1f s)" % (args.out, halo, time.time() - t0))
    return training


if __name__ == "__main__":
    main()

"""Where does a separation model put the attenuation of a flexed joint's tilted
distal base? (The margin joint space width reads there: docs/jsn.md.)

Reads a joint dataset written by BoneXR (``Write Joint Phantom Dataset``:
sample-*/radiograph.tif, layers.tif, truth.json) and a separation model folder
(rdf.yaml + weights.pt), runs the model on each flexed phantom's whole image at
its own pixel size, and samples the layers along the joint axis (distal bone
positive) through the central half of the true distal margin points (the
projection of the base's mid-line). Prints, per offset from that margin in
pixels, the mean over all profiles of the true distal and proximal layers and
of the model's errors (model - truth; layers in attenuation, -ln I/I0), and of
the error of the three layers' sum.

    /usr/bin/python3 training/diagnose_tilted_base.py --data DATA --model MODEL_DIR \\
        [--flexion 24 32] [--spacing 0.07 0.11] [--samples 25]
"""
import argparse
import glob
import json
import os
import sys

import numpy as np
import torch
import yaml
from scipy.ndimage import map_coordinates

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
from train_separation import read_stack  # noqa: E402

COLUMNS = ("distal", "distal_error", "proximal", "proximal_error", "sum_error")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--model", required=True, help="model folder (rdf.yaml, weights.pt)")
    p.add_argument("--flexion", type=float, nargs=2, default=[24, 32], help="degrees")
    p.add_argument("--spacing", type=float, nargs=2, default=[0.07, 0.11], help="mm/px")
    p.add_argument("--samples", type=int, default=25)
    p.add_argument("--reach", type=int, default=40, help="px either side of the margin")
    args = p.parse_args(argv)

    with open(os.path.join(args.model, "rdf.yaml")) as f:
        rdf = yaml.safe_load(f)
    in_norm = export.read_scale_linear(rdf["inputs"][0]["preprocessing"][0])
    out_norm = export.read_scale_linear(rdf["outputs"][0]["postprocessing"][0])
    net = torch.jit.load(os.path.join(args.model, "weights.pt"))
    offsets = np.arange(-args.reach, args.reach + 1, 2)
    profiles = {c: [] for c in COLUMNS}
    used = 0
    for path in sorted(glob.glob(os.path.join(args.data, "sample-*", "truth.json"))):
        with open(path) as f:
            truth = json.load(f)
        par = truth["parameters"]
        if (truth["kind"] != "phantom" or "jsw" not in truth
                or not args.flexion[0] <= (par.get("flexionDeg") or 0) <= args.flexion[1]
                or not args.spacing[0] <= par["spacingMm"] <= args.spacing[1]):
            continue
        folder = os.path.dirname(path)
        x = read_stack(os.path.join(folder, "radiograph.tif"))[None, None]
        true = read_stack(os.path.join(folder, "layers.tif"))
        with torch.no_grad():
            model = export.predict(net, x, in_norm, out_norm)[0]
        model_sum, true_sum = model[:3].sum(0), true.sum(0)
        jsw = truth["jsw"]
        distal = np.stack([jsw["distalYPx"], jsw["distalXPx"]], 1)
        proximal = np.stack([jsw["proximalYPx"], jsw["proximalXPx"]], 1)
        axis = (distal - proximal).mean(0)
        axis /= np.linalg.norm(axis)
        n = len(distal)
        for point in distal[n // 4:3 * n // 4]:
            at = point[:, None] + axis[:, None] * offsets[None, :]
            def along(image):
                return map_coordinates(image, at, order=1)
            profiles["distal"].append(along(true[0]))
            profiles["distal_error"].append(along(model[0]) - along(true[0]))
            profiles["proximal"].append(along(true[1]))
            profiles["proximal_error"].append(along(model[1]) - along(true[1]))
            profiles["sum_error"].append(along(model_sum) - along(true_sum))
        used += 1
        if used >= args.samples:
            break
    if not used:
        raise SystemExit("No flexed phantom in %s within the given flexion and spacing" % args.data)
    print("%d samples, %d profiles; offset px (distal +), mean attenuation:" % (
        used, len(profiles["distal"])))
    print("offset " + " ".join("%14s" % c for c in COLUMNS))
    means = {c: np.mean(profiles[c], 0) for c in COLUMNS}
    for i, o in enumerate(offsets):
        print("%+6d " % o + " ".join("%+14.5f" % means[c][i] for c in COLUMNS))


if __name__ == "__main__":
    main()

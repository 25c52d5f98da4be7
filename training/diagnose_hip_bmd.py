"""Where does the error of radiograph -> areal BMD come from?

Reads a hip phantom dataset written by BoneXR (``Write Hip Phantom Dataset``:
sample-*/radiograph.tif, bone_mineral.tif, roi_masks.tif, truth.json) and a
bone-DRR model folder (rdf.yaml + weights.pt) and prints, per ROI (femoral
neck, total hip), Pearson r / mean error against the phantom's true aBMD of

  exact DRR    : BoneXR's aBMD rule (RegionBmd: pixels > 0.05 g/cm2) applied
                 to the exact bone-only DRR in the truth ROI -> error of the
                 aBMD-from-DRR formula alone;
  model        : the same rule on the model's predicted DRR (whole image,
                 no tiling), samples without JPEG and with JPEG apart;
  model/scatter: r after regressing the relative error on the sample's
                 scatter fraction (how much of the error scatter explains).

Also the truth's spread (SD, CV) and the correlation of the relative error
with each degradation parameter. Usage:

    /usr/bin/python3 training/diagnose_hip_bmd.py --data DATA --model MODEL_DIR
"""
import argparse
import glob
import json
import os

import numpy as np
import torch
import yaml

import data as dataset_io

BONE_THRESHOLD = 0.05  # g/cm2, RegionBmd.BONE_THRESHOLD_G_PER_CM2


def region_bmd(drr, mask):
    """RegionBmd.measure: mean over the region's pixels above the threshold."""
    v = drr[mask]
    bone = v[v > BONE_THRESHOLD]
    return float(bone.mean()) if bone.size else 0.0


def load_model(folder):
    with open(os.path.join(folder, "rdf.yaml")) as f:
        rdf = yaml.safe_load(f)
    pre = rdf["inputs"][0]["preprocessing"][0]["kwargs"]
    post = rdf["outputs"][0]["postprocessing"][0]["kwargs"]
    net = torch.jit.load(os.path.join(folder, "weights.pt"))
    step = rdf["inputs"][0]["axes"][2]["size"]["step"]
    minimum = rdf["inputs"][0]["axes"][2]["size"]["min"]

    def predict(x):
        h, w = x.shape

        def valid(n):
            return max(minimum, minimum + -(-(n - minimum) // step) * step)
        xp = np.pad(x, ((0, valid(h) - h), (0, valid(w) - w)), mode="reflect")
        t = torch.from_numpy((xp * pre["gain"] + pre["offset"]).astype(np.float32))
        with torch.no_grad():
            y = net(t[None, None])[0, 0].numpy()
        return (y * post["gain"] + post["offset"])[:h, :w]
    return predict


def pearson(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    predict = load_model(args.model)
    rows = []
    for d in sorted(glob.glob(os.path.join(args.data, "sample-*"))):
        with open(os.path.join(d, "truth.json")) as f:
            t = json.load(f)
        x = dataset_io.read_image(os.path.join(d, "radiograph.tif"))
        y = dataset_io.read_image(os.path.join(d, "bone_mineral.tif"))
        import tifffile
        masks = tifffile.imread(os.path.join(d, "roi_masks.tif")) > 0
        pred = predict(x)
        deg = t["degradation"]
        row = {"scatter": deg["scatterFraction"], "sigma": deg["scatterSigmaMm"],
               "i0": deg["i0Photons"], "jpeg": deg["jpegQuality"],
               "mu": t["muWaterPerMm"], "rot": t["parameters"]["rotationDeg"],
               "scale": t["parameters"]["scale"],
               "cortical": t["parameters"]["corticalDensityMgCm3"],
               "trabecular": t["parameters"]["trabecularDensityMgCm3"],
               "thickness": t["parameters"]["corticalThicknessMm"],
               "softHu": t["parameters"]["softTissueHu"],
               "margin": t["parameters"]["softTissueMarginMm"]}
        for k, roi in enumerate(t["rois"]):
            row["truth%d" % k] = roi["arealBmdGcm2"]
            row["exact%d" % k] = region_bmd(y, masks[k])
            row["model%d" % k] = region_bmd(pred, masks[k])
            # the phantom's own definition on the exact DRR: all mineral in the
            # ROI over the bone area that RegionBmd's threshold sees
            row["exactSum%d" % k] = float(y[masks[k]].sum()) / max(
                1, int((y[masks[k]] > BONE_THRESHOLD).sum()))
        rows.append(row)
    jp = np.array([r["jpeg"] for r in rows])
    print("samples %d (%d without JPEG)" % (len(rows), int((jp == 0).sum())))
    for k, name in enumerate(["femoral neck", "total hip"]):
        truth = np.array([r["truth%d" % k] for r in rows])
        print("\n== %s: truth mean %.3f SD %.3f (CV %.1f%%) range %.3f-%.3f g/cm2" % (
            name, truth.mean(), truth.std(), 100 * truth.std() / truth.mean(),
            truth.min(), truth.max()))
        for key, label in (("exact", "exact DRR, RegionBmd rule"),
                           ("exactSum", "exact DRR, all ROI mineral / bone area")):
            e = np.array([r["%s%d" % (key, k)] for r in rows])
            print("%-40s r %.4f  mean err %+.4f  MAE %.4f" % (
                label, pearson(e, truth), (e - truth).mean(), np.abs(e - truth).mean()))
        m = np.array([r["model%d" % k] for r in rows])
        for sel, label in ((jp == 0, "model, no JPEG"), (jp > 0, "model, JPEG 5-95"),
                           (jp >= 0, "model, all")):
            print("%-40s r %.4f  mean err %+.4f  MAE %.4f" % (
                label, pearson(m[sel], truth[sel]), (m[sel] - truth[sel]).mean(),
                np.abs(m[sel] - truth[sel]).mean()))
        sel = jp == 0
        rel = m[sel] / truth[sel] - 1
        for key in ("scatter", "sigma", "i0", "mu", "rot", "scale", "cortical",
                    "trabecular", "thickness", "softHu", "margin"):
            v = np.array([r[key] for r in rows])[sel]
            print("  corr(rel. error, %-10s) %+.3f" % (key, pearson(rel, v)))
        s = np.array([r["scatter"] for r in rows])[sel]
        coef = np.polyfit(s, rel, 1)
        corrected = m[sel] / (1 + np.polyval(coef, s))
        print("  rel. error = %.3f %+.3f * scatter; model r with that removed %.4f"
              % (coef[1], coef[0], pearson(corrected, truth[sel])))
        print("  rel. error SD %.2f%%" % (100 * rel.std()))


if __name__ == "__main__":
    main()

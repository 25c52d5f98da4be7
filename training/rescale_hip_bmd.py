#!/usr/bin/python3
"""Removes a hip bone-DRR model's overall mineral bias, measured on its own
training phantoms, by one output gain.

A network trained with MSE on noisy/JPEG inputs regresses towards lower
mineral in dense bone; areal BMD inherits that as a scale error. This fits
g = sum(est * truth) / sum(est^2) over the femoral-neck and total-hip areal
BMD of the first --samples phantoms of DATA (a *training* set, never the
held-out one), est from BoneXR's aBMD rule on the model's DRR in the truth
ROIs, and writes the model again with its postprocessing scale_linear
multiplied by g (weights unchanged; g and its fit recorded in the rdf under
config.bonexr.training.output_gain). Usage:

    /usr/bin/python3 training/rescale_hip_bmd.py --data DATA --model IN_FOLDER \\
        --out OUT_FOLDER [--zip OUT.zip] [--samples 400]
"""
import argparse
import glob
import json
import os

import numpy as np
import tifffile
import torch
import yaml

import data as dataset_io
import diagnose_hip_bmd as diag
import export


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="training phantoms (HipDataset)")
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--zip")
    p.add_argument("--samples", type=int, default=400)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    predict = diag.load_model(args.model)
    est, truth = [], []
    for d in sorted(glob.glob(os.path.join(args.data, "sample-*")))[:args.samples]:
        with open(os.path.join(d, "truth.json")) as f:
            t = json.load(f)
        pred = predict(dataset_io.read_image(os.path.join(d, "radiograph.tif")))
        masks = tifffile.imread(os.path.join(d, "roi_masks.tif")) > 0
        for k, roi in enumerate(t["rois"]):
            est.append(diag.region_bmd(pred, masks[k]))
            truth.append(roi["arealBmdGcm2"])
    est, truth = np.array(est), np.array(truth)
    gain = float((est * truth).sum() / (est * est).sum())
    print("fitted on %d ROIs: mean error %+.4f g/cm2 before, %+.4f after; gain %.4f"
          % (len(est), (est - truth).mean(), (gain * est - truth).mean(), gain))

    with open(os.path.join(args.model, "rdf.yaml")) as f:
        rdf = yaml.safe_load(f)
    in_norm = export.read_scale_linear(rdf["inputs"][0]["preprocessing"][0])
    out_gain, out_offset = export.read_scale_linear(rdf["outputs"][0]["postprocessing"][0])
    out_norm = ([gain * g for g in out_gain], [gain * o for o in out_offset])
    training = rdf["config"]["bonexr"]["training"]
    training["output_gain"] = {
        "gain": gain, "rois": int(len(est)), "samples": args.samples,
        "data": os.path.abspath(args.data),
        "mean_error_before_gcm2": float((est - truth).mean()),
        "mean_error_after_gcm2": float((gain * est - truth).mean()),
        "command": "training/rescale_hip_bmd.py --data %s --model %s --samples %d"
                   % (args.data, args.model, args.samples)}
    config = {k: v for k, v in rdf["config"]["bonexr"].items() if k != "training"}
    halo = rdf["outputs"][0]["axes"][2]["halo"]
    size = rdf["inputs"][0]["axes"][2]["size"]
    model = torch.jit.load(os.path.join(args.model, "weights.pt"))
    export.export(model, args.out, name=rdf["name"], description=rdf["description"],
                  input_names=rdf["inputs"][0]["axes"][1]["channel_names"],
                  target_names=rdf["outputs"][0]["axes"][1]["channel_names"],
                  test_input=np.load(os.path.join(args.model, "test_input.npy")),
                  in_norm=in_norm, out_norm=out_norm, min_size=size["min"],
                  step=size["step"], halo=halo, training=training,
                  zip_path=args.zip, config=config)
    print("wrote " + args.out)


if __name__ == "__main__":
    main()

"""Export a trained network as a bioimage.io model (spec 0.5) that BoneXR,
deepImageJ and JDLL can run: TorchScript weights, rdf.yaml with the
contract and sha256 of every file, test input/output arrays (.npy) and a
README. Pre-/post-processing are fixed ``scale_linear`` steps, so the
network's numbers mean the same in Python and Java.
"""
import datetime
import hashlib
import os
import zipfile

import numpy as np
import torch
import yaml

FORMAT_VERSION = "0.5.3"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def scale_linear(gain, offset):
    """A scale_linear step; per channel when given several values."""
    gain = [float(g) for g in gain]
    offset = [float(o) for o in offset]
    if len(gain) == 1:
        return {"id": "scale_linear", "kwargs": {"gain": gain[0], "offset": offset[0]}}
    return {"id": "scale_linear",
            "kwargs": {"axis": "channel", "gain": gain, "offset": offset}}


def read_scale_linear(step):
    """(gains, offsets) as lists of floats from a scale_linear step of an rdf
    (one value or one per channel): the inverse of :func:`scale_linear`."""
    def as_list(v):
        return [float(x) for x in v] if isinstance(v, list) else [float(v)]
    return as_list(step["kwargs"]["gain"]), as_list(step["kwargs"]["offset"])


def apply_linear(x, gain, offset):
    """x (N,C,H,W) * gain[c] + offset[c], in float32 as BoneXR does."""
    g = np.asarray(gain, np.float64).reshape(1, -1, 1, 1)
    o = np.asarray(offset, np.float64).reshape(1, -1, 1, 1)
    return (x.astype(np.float64) * g + o).astype(np.float32)


def predict(scripted, x, in_norm, out_norm):
    """The model's whole pipeline on a raw (1,C,H,W) array."""
    with torch.no_grad():
        y = scripted(torch.from_numpy(apply_linear(x, *in_norm))).numpy()
    return apply_linear(y, *out_norm)


def export(model, out_dir, *, name, description, input_names, target_names,
           test_input, in_norm, out_norm, min_size, step, halo, training,
           zip_path=None, config=None):
    """Writes the model folder (and optionally a zip of it); returns rdf dict.

    test_input: raw (1, C, H, W) float32 array, H and W = min_size + n*step.
    in_norm / out_norm: (gain list, offset list) of the scale_linear steps.
    training: dict recorded under config.bonexr.training.
    config: further entries of config.bonexr (e.g. pixel_size_mm), or None.
    """
    os.makedirs(out_dir, exist_ok=True)
    model = model.cpu().eval()
    scripted = torch.jit.script(model)
    weights = os.path.join(out_dir, "weights.pt")
    scripted.save(weights)
    reloaded = torch.jit.load(weights)
    test_input = np.ascontiguousarray(test_input, dtype=np.float32)
    test_output = predict(reloaded, test_input, in_norm, out_norm)
    np.save(os.path.join(out_dir, "test_input.npy"), test_input)
    np.save(os.path.join(out_dir, "test_output.npy"), test_output)

    def space(axis_id, output):
        a = {"type": "space", "id": axis_id}
        if output:
            a["size"] = {"tensor_id": "input", "axis_id": axis_id}
            a["halo"] = int(halo)
        else:
            a["size"] = {"min": int(min_size), "step": int(step)}
        return a

    readme = os.path.join(out_dir, "README.md")
    with open(readme, "w") as f:
        f.write("# %s\n\n%s\n\nTrained by BoneXR's `training/train.py`:\n\n"
                "    %s\n\nValidation: %s\n" % (name, description,
                                                training["command"],
                                                training.get("validation")))
    rdf = {
        "format_version": FORMAT_VERSION,
        "type": "model",
        "name": name,
        "description": description,
        "authors": [{"name": "BoneXR training/train.py"}],
        "cite": [{"text": "Ronneberger O, Fischer P, Brox T. U-Net: Convolutional "
                          "networks for biomedical image segmentation. MICCAI 2015.",
                  "doi": "10.1007/978-3-319-24574-4_28"}],
        "license": "BSD-2-Clause",
        "documentation": "README.md",
        "tags": ["bonexr", "radiograph", "unet", "2d"],
        "timestamp": datetime.datetime.now(datetime.timezone.utc)
            .replace(microsecond=0).isoformat(),
        "inputs": [{
            "id": "input",
            "description": "raw image: " + ", ".join(input_names),
            "axes": [{"type": "batch"},
                     {"type": "channel", "channel_names": list(input_names)},
                     space("y", False), space("x", False)],
            "data": {"type": "float32"},
            "test_tensor": {"source": "test_input.npy",
                            "sha256": sha256(os.path.join(out_dir, "test_input.npy"))},
            "preprocessing": [scale_linear(*in_norm)],
        }],
        "outputs": [{
            "id": "output",
            "description": ", ".join(target_names),
            "axes": [{"type": "batch"},
                     {"type": "channel", "channel_names": list(target_names)},
                     space("y", True), space("x", True)],
            "data": {"type": "float32"},
            "test_tensor": {"source": "test_output.npy",
                            "sha256": sha256(os.path.join(out_dir, "test_output.npy"))},
            "postprocessing": [scale_linear(*out_norm)],
        }],
        "weights": {"torchscript": {
            "source": "weights.pt",
            "sha256": sha256(weights),
            "pytorch_version": str(torch.__version__).split("+")[0].split("a")[0],
        }},
        "config": {"bonexr": dict(config or {}, training=training)},
    }
    with open(os.path.join(out_dir, "rdf.yaml"), "w") as f:
        yaml.safe_dump(rdf, f, sort_keys=False, width=100)
    if zip_path:
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            for fn in ("rdf.yaml", "weights.pt", "test_input.npy",
                       "test_output.npy", "README.md"):
                z.write(os.path.join(out_dir, fn), fn)
    return rdf

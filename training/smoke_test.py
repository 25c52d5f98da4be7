#!/usr/bin/python3
"""Smoke test of the training scripts (seconds on a CPU).

    /usr/bin/python3 training/smoke_test.py      (or: pytest training/smoke_test.py)

Prints SKIPPED and exits 0 where torch (or numpy/yaml) is absent. Checks that
training on both dataset layouts works, that the export is a complete
bioimage.io package whose sha256 values and test arrays are right, and that
the same seed gives the same model.
"""
import hashlib
import os
import sys
import tempfile

try:
    import numpy as np
    import torch
    import yaml
except ImportError as e:            # pragma: no cover - depends on the machine
    np = torch = yaml = None
    MISSING = str(e)
else:
    MISSING = None

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

FAST = ["--epochs", "2", "--steps-per-epoch", "4", "--batch", "4", "--patch", "32",
        "--base", "4", "--threads", "1", "--test-size", "32"]


def _skip_if_missing():
    if MISSING:
        try:
            import pytest
            pytest.skip("training needs torch, numpy and yaml: " + MISSING)
        except ImportError:
            pass
        return True
    return False


def _sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _check_package(folder):
    with open(os.path.join(folder, "rdf.yaml")) as f:
        rdf = yaml.safe_load(f)
    assert rdf["format_version"].startswith("0.5")
    ts = rdf["weights"]["torchscript"]
    assert _sha(os.path.join(folder, ts["source"])) == ts["sha256"]
    inp, out = rdf["inputs"][0], rdf["outputs"][0]
    for t in (inp, out):
        assert _sha(os.path.join(folder, t["test_tensor"]["source"])) == t["test_tensor"]["sha256"]
    # the bioimage.io test, in Python: pipeline on test input == test output
    import export
    x = np.load(os.path.join(folder, inp["test_tensor"]["source"]))
    y = np.load(os.path.join(folder, out["test_tensor"]["source"]))
    assert x.dtype == np.float32 and x.ndim == 4
    k_in = inp["preprocessing"][0]["kwargs"]
    k_out = out["postprocessing"][0]["kwargs"]
    def norm(k):
        g, o = k["gain"], k["offset"]
        return ([g] if not isinstance(g, list) else g, [o] if not isinstance(o, list) else o)
    pred = export.predict(torch.jit.load(os.path.join(folder, ts["source"])), x,
                          norm(k_in), norm(k_out))
    assert np.abs(pred - y).max() < 1e-5
    training = rdf["config"]["bonexr"]["training"]
    for key in ("command", "data_seed", "seed", "validation"):
        assert key in training, key
    v = training["validation"]                  # train.py: mse; separation: rmse per layer
    assert np.min(v["mse"] if "mse" in v else v["rmse"]) >= 0
    halo = out["axes"][2]["halo"]
    assert halo >= training["architecture"]["receptive_radius_px"]
    return rdf


def test_synthetic_training_exports_a_valid_package():
    if _skip_if_missing():
        return
    import train
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a"), os.path.join(d, "b")
        train.main(["--synthetic", "8", "--synthetic-size", "48", "--out", a,
                    "--zip", os.path.join(d, "a.zip")] + FAST)
        train.main(["--synthetic", "8", "--synthetic-size", "48", "--out", b] + FAST)
        _check_package(a)
        assert os.path.getsize(os.path.join(d, "a.zip")) > 0
        same = [np.array_equal(np.load(os.path.join(a, f)), np.load(os.path.join(b, f)))
                for f in ("test_input.npy", "test_output.npy")]
        assert all(same), "same seed, different model"


def _write(path, array):
    if path.endswith(".npy"):
        np.save(path, array)
    else:
        import tifffile
        tifffile.imwrite(path, array)


def test_both_dataset_layouts_train():
    if _skip_if_missing():
        return
    import data
    import train
    try:
        import tifffile  # noqa: F401
        ext = ".tif"
    except ImportError:
        ext = ".npy"
    xs, ys = data.synthetic_pairs(6, 40, seed=3)
    with tempfile.TemporaryDirectory() as d:
        per_sample, per_kind = os.path.join(d, "A"), os.path.join(d, "B")
        for i, (x, y) in enumerate(zip(xs, ys)):
            s = os.path.join(per_sample, "sample%03d" % i)
            os.makedirs(s)
            _write(os.path.join(s, "attenuation" + ext), x[0])
            _write(os.path.join(s, "bone" + ext), y[0])
            _write(os.path.join(s, "soft" + ext), (x[0] - y[0]).astype(np.float32))
            for kind, img in (("attenuation", x[0]), ("bone", y[0])):
                os.makedirs(os.path.join(per_kind, kind), exist_ok=True)
                _write(os.path.join(per_kind, kind, "s%03d" % i + ext), img)
        with open(os.path.join(per_sample, "dataset.json"), "w") as f:
            f.write('{"seed": 42}')
        samples = data.find_samples(per_sample, ["attenuation"], ["bone", "soft"])
        assert [s[0] for s in samples] == ["sample%03d" % i for i in range(6)]
        assert len(data.find_samples(per_kind, ["attenuation"], ["bone"])) == 6
        out = os.path.join(d, "m")
        train.main(["--data", per_sample, "--input", "attenuation", "--target", "bone",
                    "--target", "soft", "--out", out] + FAST)
        rdf = _check_package(out)
        assert rdf["outputs"][0]["axes"][1]["channel_names"] == ["bone", "soft"]
        assert rdf["config"]["bonexr"]["training"]["data_seed"] == 42
        train.main(["--data", per_kind, "--input", "attenuation", "--target", "bone",
                    "--out", os.path.join(d, "m2")] + FAST)


def test_fine_tuning_keeps_the_base_units_and_record():
    if _skip_if_missing():
        return
    import train
    with tempfile.TemporaryDirectory() as d:
        base, tuned = os.path.join(d, "base"), os.path.join(d, "tuned")
        train.main(["--synthetic", "8", "--synthetic-size", "48", "--out", base] + FAST)
        # other data (other normalisation if computed afresh), JPEG and regional loss
        train.main(["--synthetic", "8", "--synthetic-size", "48", "--data-seed", "9",
                    "--init", base, "--jpeg-prob", "1", "--jpeg-quality", "20", "40",
                    "--region-weight", "1", "--region-px", "4", "--out", tuned] + FAST)
        _check_package(tuned)
        with open(os.path.join(base, "rdf.yaml")) as f:
            a = yaml.safe_load(f)
        with open(os.path.join(tuned, "rdf.yaml")) as f:
            b = yaml.safe_load(f)
        for t in ("inputs", "outputs"):
            step = "preprocessing" if t == "inputs" else "postprocessing"
            assert a[t][0][step] == b[t][0][step], "fine-tuning changed the units"
        assert b["config"]["bonexr"]["training"]["init"] == a["config"]["bonexr"]["training"]


def test_jpeg_round_trip_is_the_8_bit_log_encoding():
    if _skip_if_missing():
        return
    import train
    yy, xx = np.mgrid[0:64, 0:64].astype(np.float32)
    a = (1.5 + np.sin(xx / 9) * np.cos(yy / 13)).astype(np.float32)  # 0.5..2.5
    hi = train.jpeg_round_trip(a, 95)
    lo = train.jpeg_round_trip(a, 5)
    assert hi.shape == a.shape and hi.dtype == np.float32
    step = 6.0 / 255                                  # one grey level
    assert float(np.abs(hi - a).max()) < 3 * step     # fine quantisation only
    assert float(np.abs(lo - a).mean()) > float(np.abs(hi - a).mean())
    assert abs(float(lo.mean()) - float(a.mean())) < 2 * step   # block means kept


def test_separation_ssim_loss_is_one_minus_the_benchmark_ssim():
    if _skip_if_missing():
        return
    import train_separation as ts
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:40, 0:40].astype(np.float64)
    truth = np.stack([np.sin(xx / 5) + 0.1 * yy / 40, (xx > 20) * 0.4, 0.3 + 0 * xx])
    est = truth + rng.normal(0, 0.05, truth.shape)
    ranges = np.array([3.0, 0.5, 0.5])
    w = ts.gaussian_window().numpy().astype(np.float64)
    r = len(w) // 2

    def blur(a):                                # valid window, as the loss
        k = np.outer(w, w)
        out = np.empty((a.shape[0] - 2 * r, a.shape[1] - 2 * r))
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = (a[i:i + 2 * r + 1, j:j + 2 * r + 1] * k).sum()
        return out
    expected = []
    for c in range(3):
        x, y = est[c], truth[c]
        c1, c2 = (0.01 * ranges[c]) ** 2, (0.03 * ranges[c]) ** 2
        mx, my = blur(x), blur(y)
        vx, vy, cxy = blur(x * x) - mx ** 2, blur(y * y) - my ** 2, blur(x * y) - mx * my
        expected.append(((2 * mx * my + c1) * (2 * cxy + c2)
                         / ((mx ** 2 + my ** 2 + c1) * (vx + vy + c2))).mean())
    t = lambda a: torch.tensor(a[None], dtype=torch.float32)  # noqa: E731
    loss = float(ts.ssim_loss(t(est), t(truth), torch.tensor(ranges, dtype=torch.float32),
                              ts.gaussian_window()))
    assert abs(loss - (1 - np.mean(expected))) < 1e-4, (loss, 1 - np.mean(expected))
    assert float(ts.ssim_loss(t(truth), t(truth), torch.tensor(ranges, dtype=torch.float32),
                              ts.gaussian_window())) < 1e-5


def test_separation_edge_loss_sees_a_shifted_edge_only_in_the_bone_layers():
    if _skip_if_missing():
        return
    import train_separation as ts
    yy = np.mgrid[0:32, 0:32][0]
    step = (yy >= 16).astype(np.float32)
    later = (yy >= 17).astype(np.float32)
    truth = torch.tensor(np.stack([step, step, step])[None])
    moved = torch.tensor(np.stack([later, step, later])[None])
    # the upper layer's edge moved by 1 px: of its 31 x 32 vertical differences
    # two rows of 32 are off by 1 (one lost, one gained); the mean runs over
    # both bone layers, and there is nothing across
    expected = 2 * 32 / (2 * 31 * 32)
    assert abs(float(ts.edge_loss(moved, truth)) - expected) < 1e-6
    # the soft-tissue channel is not looked at
    soft_only = torch.tensor(np.stack([step, step, later])[None])
    assert float(ts.edge_loss(soft_only, truth)) == 0.0


def test_separation_margin_patches_are_centred_on_the_tilted_base():
    if _skip_if_missing():
        return
    import train_separation as ts
    h = w = 64
    # pixel values encode sample and position, so each patch tells where it came from
    pos = np.arange(h * w, dtype=np.float32).reshape(1, h, w)
    xs = [pos, pos + h * w]
    ys = [np.zeros((3, h, w), np.float32)] * 2
    ms = [np.zeros((2, h, w), np.float32)] * 2
    base = np.array([[30.2, 20.0], [31.0, 21.0], [33.6, 40.0]])   # (row, column)
    margins = {0: base}                       # sample 1: no flexion, no margin
    rng = np.random.default_rng(5)
    bx, _, _ = ts.patches(xs, ys, ms, [0, 1], 64, 16, rng, margin_fraction=1.0,
                          margins=margins)
    points = {int(round(r)) * w + int(round(c)) for r, c in base}
    for p in bx:
        assert p.max() < h * w                # from the flexed sample only
        centre = p[0, 8, 7:9]                 # centre row; column 8, or 7 flipped
        assert points & {int(v) for v in centre}, centre
    # without the fraction the sample without margin is drawn too
    bx, _, _ = ts.patches(xs, ys, ms, [0, 1], 64, 16, rng, margins=margins)
    assert any(p.max() >= h * w for p in bx)


def test_separation_band_loss_weighs_the_tilted_base_in_every_layer():
    if _skip_if_missing():
        return
    import train_separation as ts
    h = w = 32
    band = ts.band_map(np.array([[10.0, 10.0], [10.0, 14.0]]), (h, w), 3.0)
    rows, cols = np.mgrid[0:h, 0:w]
    near = np.minimum((rows - 10) ** 2 + (cols - 10) ** 2, (rows - 10) ** 2 + (cols - 14) ** 2) <= 9
    assert np.array_equal(band.astype(bool), near)
    truth = np.zeros((1, 3, h, w), np.float32)
    t = lambda a: torch.tensor(a)  # noqa: E731
    b = t(band[None, None].astype(np.float32))
    # attenuation moved from the soft-tissue layer to a bone layer inside the band
    moved = truth.copy()
    moved[0, 0][band > 0] += 0.02
    moved[0, 2][band > 0] -= 0.02
    expected = 2 * (0.02 / 0.05) ** 2 / 3
    assert abs(float(ts.band_loss(t(moved), t(truth), b, 0.05)) - expected) < 1e-6
    # the same error outside the band costs nothing; no band in the batch: 0
    outside = truth.copy()
    outside[0, 2][band == 0] -= 0.02
    assert float(ts.band_loss(t(outside), t(truth), b, 0.05)) == 0.0
    assert float(ts.band_loss(t(moved), t(truth), b * 0, 0.05)) == 0.0
    # patches carry each sample's band, flipped with the image
    pos = np.arange(h * w, dtype=np.float32).reshape(1, h, w)
    xs, ys = [pos, pos + h * w], [np.zeros((3, h, w), np.float32)] * 2
    ms = [np.zeros((2, h, w), np.float32)] * 2
    bx, _, _, bb = ts.patches(xs, ys, ms, [0, 1], 32, 16, np.random.default_rng(2),
                              bands={0: band})
    for x, pb in zip(bx, bb):
        if x.max() >= h * w:
            assert pb.max() == 0              # sample 1 has no band
            continue
        idx = x[0].astype(int)
        assert np.array_equal(pb[0], band.ravel()[idx].astype(np.float32))


def test_widened_unet_computes_the_same_function_and_trains_its_new_channels():
    if _skip_if_missing():
        return
    from unet import UNet, widen
    torch.manual_seed(3)
    small = UNet(1, 5, depth=2, base=4).eval()
    wide = widen(small.state_dict(), UNet(1, 5, depth=2, base=8)).eval()
    x = torch.randn(2, 1, 48, 48)
    with torch.no_grad():
        assert float((wide(x) - small(x)).abs().max()) < 1e-5
    wide(x).square().mean().backward()
    # the output reads the new channels with zero weights, which do get a gradient
    assert float(wide.head.weight[:, 4:].abs().max()) == 0.0
    assert float(wide.head.weight.grad[:, 4:].abs().max()) > 0.0
    # a merge block's input is [upsampled | skip]: both halves keep their old channels
    m = wide.merge[-1][0].weight        # 2 x 4 channels in, 2 x 8 wide
    assert torch.equal(m[:4, :4], small.merge[-1][0].weight[:, :4])
    assert torch.equal(m[:4, 8:12], small.merge[-1][0].weight[:, 4:])


def _joint_folder(folder, seed, samples=3, size=48):
    """A tiny JointDataset-like folder (radiograph, layers, masks, truth)."""
    import json
    rng = np.random.default_rng(seed)
    os.makedirs(folder)
    with open(os.path.join(folder, "dataset.json"), "w") as f:
        json.dump({"seed": seed, "command": "tiny %d" % seed}, f)
    for i in range(samples):
        d = os.path.join(folder, "sample-%05d" % i)
        os.makedirs(d)
        layers = rng.random((3, size, size)).astype(np.float32)
        masks = (layers[:2] > 0.5).astype(np.float32)
        _write(os.path.join(d, "layers.tif"), layers)
        _write(os.path.join(d, "masks.tif"), masks)
        _write(os.path.join(d, "radiograph.tif"), layers.sum(0))
        # flexed phantoms: their tilted base's margin points lie in every 32-px patch
        truth = {"kind": "phantom", "parameters": {"flexionDeg": 20, "spacingMm": 0.1},
                 "jsw": {"distalYPx": [20.0, 21.0], "distalXPx": [16.0, 30.0]}}
        with open(os.path.join(d, "truth.json"), "w") as f:
            json.dump(truth, f)


def test_separation_pools_folders_and_widens_its_init():
    if _skip_if_missing():
        return
    try:
        import tifffile  # noqa: F401
    except ImportError:             # separation datasets are TIFF; TrainingSmokeTest requires it
        print("SKIPPED test_separation_pools_folders_and_widens_its_init: no tifffile")
        return
    import train_separation as ts
    fast = ["--steps", "4", "--batch", "2", "--patch", "32", "--depth", "2",
            "--threads", "1", "--test-size", "32"]
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a"), os.path.join(d, "b")
        _joint_folder(a, 1)
        _joint_folder(b, 2)
        small, wide = os.path.join(d, "small"), os.path.join(d, "wide")
        ts.main(["--data", a, "--out", small, "--base", "4"] + fast)
        record = ts.main(["--data", a, b, "--out", wide, "--base", "8", "--init", small,
                          "--band-weight", "2", "--band-mm", "0.5"] + fast)
        rdf = _check_package(wide)
        assert record["data_samples"] == 6
        assert record["data_seed"] == [1, 2]
        assert record["data_command"] == ["tiny 1", "tiny 2"]
        assert record["architecture"]["widened_from_base"] == 4
        assert (record["band_weight"], record["band_mm"]) == (2.0, 0.5)
        # the band term is in the loss: the same run without it trains other weights
        no_band = os.path.join(d, "no_band")
        ts.main(["--data", a, b, "--out", no_band, "--base", "8", "--init", small] + fast)
        assert np.abs(np.load(os.path.join(wide, "test_output.npy")) -
                      np.load(os.path.join(no_band, "test_output.npy"))).max() > 1e-6
        assert rdf["config"]["bonexr"]["training"]["init"]["architecture"]["base"] == 4
        weights = torch.jit.load(os.path.join(wide, "weights.pt")).state_dict()
        assert weights["down.0.0.weight"].shape[0] == 8
        # untrained (lr 0) on the same data, the widened package reproduces the small one's test output
        same = os.path.join(d, "same")
        ts.main(["--data", a, "--out", same, "--base", "8", "--init", small, "--lr", "0"] + fast)
        assert np.abs(np.load(os.path.join(same, "test_output.npy")) -
                      np.load(os.path.join(small, "test_output.npy"))).max() < 1e-4


def test_unet_is_equivariant_on_its_grid():
    if _skip_if_missing():
        return
    from unet import UNet, receptive_radius
    torch.manual_seed(0)
    net = UNet(1, 1, depth=2, base=4).eval()
    r = receptive_radius(net, 1)
    x = torch.randn(1, 1, 96, 96)
    with torch.no_grad():
        whole = net(x)
        shifted = net(x[:, :, 8:, 8:])          # shift by a multiple of 2**depth
    m = r + 1
    diff = (whole[:, :, 8 + m:-m, 8 + m:-m] - shifted[:, :, m:-m, m:-m]).abs().max()
    assert float(diff) < 1e-5, float(diff)


def main():
    if MISSING:
        print("SKIPPED: training needs torch, numpy and yaml (%s); on Debian: "
              "apt-get install python3-torch python3-numpy python3-yaml" % MISSING)
        return 0
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            fn()
            print("ok  " + name, flush=True)
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

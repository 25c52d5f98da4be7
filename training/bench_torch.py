#!/usr/bin/python3
"""PyTorch side of BoneXR's inference benchmark
(org.bonexr.model.InferenceBenchmark): serves timed runs of a TorchScript
network on one input, so that the Java side can alternate DJL and Python
runs and both see the same load of a shared machine.

    bench_torch.py WEIGHTS.pt INPUT.npy THREADS

Then reads commands on stdin, one per line, and answers one line each:
  run        -> time of one forward pass in ms
  save PATH  -> writes the last output as float32 .npy, answers "saved"
  info       -> JSON with torch version and threads
  quit
Forward passes run under torch.inference_mode(), as DJL runs them without
gradients.
"""
import json
import sys
import time

import numpy as np
import torch


def main(weights, inp, threads):
    torch.set_num_threads(int(threads))
    model = torch.jit.load(weights).eval()
    x = torch.from_numpy(np.load(inp))
    y = None
    for line in sys.stdin:
        cmd = line.strip().split(" ", 1)
        if cmd[0] == "run":
            with torch.inference_mode():
                t0 = time.perf_counter()
                y = model(x)
                ms = (time.perf_counter() - t0) * 1000
            print("%.4f" % ms, flush=True)
        elif cmd[0] == "save":
            np.save(cmd[1], y.numpy().astype(np.float32))
            print("saved", flush=True)
        elif cmd[0] == "info":
            print(json.dumps({"torch": str(torch.__version__),
                              "threads": torch.get_num_threads()}), flush=True)
        elif cmd[0] == "quit":
            break


if __name__ == "__main__":
    main(*sys.argv[1:4])

/**
 * BoneXR's model runtime: bioimage.io models run with DJL's PyTorch engine.
 * <p>
 * A model is a folder or zip in the bioimage.io model format
 * ({@link org.bonexr.model.ModelPackage}, {@link org.bonexr.model.RdfReader}:
 * spec 0.4 and 0.5, one 2D image input and one output of the same height and
 * width, TorchScript weights with sha256, test tensors as {@code .npy}), so
 * that the models BoneXR ships also run in deepImageJ/JDLL and BoneXR runs
 * other TorchScript models with such a contract.
 * {@link org.bonexr.model.BioImageModel} is the pipeline: pre-processing of
 * the whole image, {@link org.bonexr.model.Tiling tiled} inference with halo
 * and blending (any image size, no seams), post-processing, and the
 * bioimage.io test ({@link org.bonexr.model.BioImageModel#test()}).
 * Normalisation and tile blending run on the compute backend (OpenCL
 * kernels through CLIJ2 or their Java twins, {@code org.bonexr.kernels}). The
 * engine sits behind {@link org.bonexr.model.LoadedModel}; the SciJava
 * {@link org.bonexr.model.ModelService} caches loaded models for commands.
 * <p>
 * Native library: DJL runs offline from the {@code pytorch-native-cpu} jar
 * (libtorch 2.7.1), extracted on first use into {@code ~/.djl.ai/pytorch} (or
 * {@code $DJL_CACHE_DIR}): about 430 MB, 2 s the very first time on the build
 * machine, about 0.5 s to load in each later session (logged as "First use of
 * PyTorch ..."). Models run on the CPU unless DJL finds a GPU with a CUDA
 * build of libtorch.
 * <p>
 * Benchmark ({@link org.bonexr.model.InferenceBenchmark}; run with
 * {@code BONEXR_JAVA_OPTS=-Xmx2g bin/bonexr bench inference}): a depth-3, 16-channel U-Net on a 1×1×512×512 input, 2
 * threads each, DJL and Python runs alternating. Measured on the shared
 * 2-CPU build machine (load average about 5 from other jobs): DJL median
 * 173 ms, Python (Debian torch 1.13) 277 ms, ratio 0.62 (goal ≤ 1.1), outputs
 * equal within 3e-8; a 4096² image in 121 tiles of 512² took 22 s (70 s in an
 * earlier run under heavier load) with a peak Java heap of 450 MB (goal ≤ 2 GB).
 */
package org.bonexr.model;

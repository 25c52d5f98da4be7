/**
 * BoneXR image operations that run on an OpenCL device through CLIJ2, each
 * with a Java twin of the same semantics, and the backend that chooses
 * between them ({@link org.bonexr.kernels.ComputeBackend}, as a SciJava
 * service {@link org.bonexr.kernels.ComputeBackendService}).
 * <p>
 * One operation = a class with a static CLIJ2 entry point (e.g.
 * {@link org.bonexr.kernels.AttenuationTransform}), its {@code .cl} kernel in
 * the same package of the resources, and a Java twin (e.g.
 * {@link org.bonexr.kernels.AttenuationTransformJava}); a test holds the two
 * to the operation's stated tolerance on PoCL. Operations: the attenuation
 * transform, the per-channel affine map of model normalisation
 * ({@link org.bonexr.kernels.ChannelAffine}), tile blending
 * ({@link org.bonexr.kernels.TileBlend}), DRR ray marching. Images are 32-bit float
 * ImgLib2 images; values are in the attenuation domain or raw intensity as
 * each operation states.
 */
package org.bonexr.kernels;

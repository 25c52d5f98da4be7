/*
 * Attenuation transform with normalisation, per pixel
 * (see AttenuationTransform.java and AttenuationParameters.java):
 *
 *   A   = -ln(max(I, floor_intensity) / i0)
 *   out = (A - offset) * scale
 *
 * For 2D and 3D images of any pixel type (CLIJ's IMAGE_/READ_/WRITE_ macros).
 *
 * Precision (single-precision floats, and CLIJ builds kernels with
 * -cl-fast-relaxed-math and -cl-finite-math-only, so non-finite pixels are
 * the caller's business): the offset is folded into the open-field intensity,
 * A - offset = -ln(I / i0') with i0' = i0 * exp(-offset), computed by the
 * caller in double precision and passed as the float i0_shifted plus the
 * float shift_correction = ln(i0' / i0_shifted). Within a factor 2 of
 * i0_shifted the kernel evaluates log1p((I - i0_shifted) / i0_shifted), where
 * I - i0_shifted is exact (Sterbenz lemma). So the result keeps its relative
 * accuracy where it crosses zero, instead of carrying the rounding error of
 * a float A of magnitude ~offset.
 */
__kernel void attenuation_transform(
    IMAGE_src_TYPE src,
    IMAGE_dst_TYPE dst,
    float i0_shifted,
    float shift_correction,
    float floor_intensity,
    float scale
) {
  const sampler_t sampler = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP_TO_EDGE | CLK_FILTER_NEAREST;

  const int x = get_global_id(0);
  const int y = get_global_id(1);
  const int z = get_global_id(2);

  const float raw = (float) READ_src_IMAGE(src, sampler, POS_src_INSTANCE(x, y, z, 0)).x;
  const float intensity = raw < floor_intensity ? floor_intensity : raw;
  const float ratio = intensity / i0_shifted;
  const float shifted_attenuation = (ratio > 0.5f && ratio < 2.0f)
      ? -log1p((intensity - i0_shifted) / i0_shifted)
      : -log(ratio);

  WRITE_dst_IMAGE(dst, POS_dst_INSTANCE(x, y, z, 0),
      CONVERT_dst_PIXEL_TYPE((shifted_attenuation + shift_correction) * scale));
}

/*
 * Per-channel affine map of a channel stack, the normalisation steps of a
 * model's pre- and post-processing (see ChannelAffine.java and
 * ChannelAffineParameters.java):
 *
 *   out = (in - shift[c]) * factor[c] + add[c]
 *
 * src and dst are (width, rows) float buffers holding rows first_row ...
 * first_row + rows - 1 of a (width, height, channels) stack seen as
 * height * channels rows, so the caller may process it in blocks of rows;
 * row r belongs to channel r / height. params holds shift, factor, add of
 * each channel in turn (3 floats per channel).
 *
 * Precision: the subtraction rounds once; fma then multiplies and adds with
 * one rounding (fma is correctly rounded also under CLIJ's
 * -cl-fast-relaxed-math). With shift = 0 the result is the correctly
 * rounded value; with add = 0 it is within two float roundings of it.
 */
__kernel void channel_affine(
    IMAGE_src_TYPE src,
    IMAGE_dst_TYPE dst,
    IMAGE_params_TYPE params,
    int first_row,
    int height
) {
  const sampler_t sampler = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP_TO_EDGE | CLK_FILTER_NEAREST;

  const int x = get_global_id(0);
  const int y = get_global_id(1);
  const int c = (first_row + y) / height;

  const float shift = params[3 * c];
  const float factor = params[3 * c + 1];
  const float add = params[3 * c + 2];

  const float value = (float) READ_src_IMAGE(src, sampler, POS_src_INSTANCE(x, y, 0, 0)).x;
  WRITE_dst_IMAGE(dst, POS_dst_INSTANCE(x, y, 0, 0), CONVERT_dst_PIXEL_TYPE(fma(value - shift, factor, add)));
}

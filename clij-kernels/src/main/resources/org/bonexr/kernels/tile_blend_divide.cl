/*
 * Tile blending, step 2 of 2 (see TileBlend.java; Java twin TileBlendJava):
 * the merged image is the weighted sum divided by the summed weights, in
 * place: sum[c, y, x] /= weight_sum[y, x]. One work item per (x, y, c).
 */
__kernel void tile_blend_divide(
    IMAGE_sum_TYPE sum,
    IMAGE_weight_sum_TYPE weight_sum,
    int width,
    int height
) {
  const int x = get_global_id(0);
  const int y = get_global_id(1);
  const int c = get_global_id(2);

  const long pixel = (long) y * width + x;
  const long i = (long) c * height * width + pixel;
  sum[i] = sum[i] / weight_sum[pixel];
}

/*
 * Tile blending, step 1 of 2 (see TileBlend.java; Java twin TileBlendJava):
 * adds one tile's output, weighted, into the sums of the whole image.
 *
 *   sum[c, y0 + v, x0 + u]     += weight_y[v] * weight_x[u] * tile[c, v, u]
 *   weight_sum[y0 + v, x0 + u] += weight_y[v] * weight_x[u]
 *
 * for u < columns, v < rows (the part of the tile inside the image; one
 * work item per (u, v, c)); pixels of weight 0 (the halo) are skipped, so
 * whatever the model put there never reaches the result. Buffers are C
 * order (x fastest): tile (tile_width, tile_height, channels), sum (width,
 * height, channels), weight_sum (width, height). One launch writes each sum
 * pixel once, so work items do not race; launches run in queue order.
 */
__kernel void tile_blend_accumulate(
    IMAGE_tile_TYPE tile,
    IMAGE_sum_TYPE sum,
    IMAGE_weight_sum_TYPE weight_sum,
    IMAGE_weight_x_TYPE weight_x,
    IMAGE_weight_y_TYPE weight_y,
    int tile_width,
    int tile_height,
    int x0,
    int y0,
    int width,
    int height
) {
  const int u = get_global_id(0);
  const int v = get_global_id(1);
  const int c = get_global_id(2);

  const float w = weight_y[v] * weight_x[u];
  if (w == 0.0f) return;
  const long pixel = (long) (y0 + v) * width + x0 + u;
  sum[(long) c * height * width + pixel] += w * tile[((long) c * tile_height + v) * tile_width + u];
  if (c == 0) weight_sum[pixel] += w;
}

/*
 * DRR by fixed-step ray marching with trilinear interpolation, one work item
 * per detector pixel (u, v). Twin of DrrTrilinearJava.rayIntegral; the
 * conventions are stated there:
 *   vol   padded volume (nx+2)(ny+2)(nz+2) floats, x fastest, zero border;
 *         zero outside the voxel box [lo, hi], to which rays are clipped
 *   rays  18 floats s0, su, sv, e0, eu, ev (index coordinates): the ray runs
 *         from s0 + u su + v sv to e0 + u eu + v ev
 *   drr   columns x rows floats: scale * integral of f dl (value x mm)
 * Single precision; sample positions come straight from the ray parameter,
 * so rounding does not accumulate along the ray.
 */
inline int clip_axis(const float p, const float d, const float n,
                     float* t0, float* t1) {
  if (d == 0.0f) return p >= 0.0f && p <= n;
  float ta = -p / d;
  float tb = (n - p) / d;
  if (ta > tb) { const float tmp = ta; ta = tb; tb = tmp; }
  if (ta > *t0) *t0 = ta;
  if (tb < *t1) *t1 = tb;
  return *t1 > *t0;
}

__kernel void drr_project_trilinear(
    IMAGE_vol_TYPE vol,
    IMAGE_rays_TYPE rays,
    IMAGE_drr_TYPE drr,
    int nx, int ny, int nz,
    int lox, int loy, int loz,
    int hix, int hiy, int hiz,
    float sx, float sy, float sz,
    float step_mm,
    float scale
) {
  const int u = get_global_id(0);
  const int v = get_global_id(1);
  const int columns = get_global_size(0);

  /* padded coordinates p = h + 1 */
  const float ax = rays[0] + u * rays[3] + v * rays[6] + 1.0f;
  const float ay = rays[1] + u * rays[4] + v * rays[7] + 1.0f;
  const float az = rays[2] + u * rays[5] + v * rays[8] + 1.0f;
  const float dx = rays[9] + u * rays[12] + v * rays[15] + 1.0f - ax;
  const float dy = rays[10] + u * rays[13] + v * rays[16] + 1.0f - ay;
  const float dz = rays[11] + u * rays[14] + v * rays[17] + 1.0f - az;

  float t0 = 0.0f;
  float t1 = 1.0f;
  float result = 0.0f;
  /* voxel i's support: p in (i, i + 2) */
  if (hix >= lox && clip_axis(ax - lox, dx, hix + 2 - lox, &t0, &t1)
      && clip_axis(ay - loy, dy, hiy + 2 - loy, &t0, &t1)
      && clip_axis(az - loz, dz, hiz + 2 - loz, &t0, &t1)) {
    const float lx = dx * sx, ly = dy * sy, lz = dz * sz;
    const float length_mm = sqrt(lx * lx + ly * ly + lz * lz) * (t1 - t0);
    if (length_mm > 0.0f) {
      /* a length within 1e-3 steps above a whole number of steps takes that
         number: float and double (the Java twin) then agree on the count */
      const int steps = max(1, (int) ceil(length_mm / step_mm - 1e-3f));
      const float dt = (t1 - t0) / steps;
      const int px = nx + 2;
      const int pxy = px * (ny + 2);
      float sum = 0.0f;
      for (int k = 0; k < steps; k++) {
        const float t = t0 + (k + 0.5f) * dt;
        const float x = ax + t * dx, y = ay + t * dy, z = az + t * dz;
        int i = (int) x, j = (int) y, l = (int) z;
        float fx = x - i, fy = y - j, fz = z - l;
        if (i > nx) { i = nx; fx = 1.0f; }
        if (j > ny) { j = ny; fy = 1.0f; }
        if (l > nz) { l = nz; fz = 1.0f; }
        const int o = l * pxy + j * px + i;
        const float c00 = vol[o] + fx * (vol[o + 1] - vol[o]);
        const float c10 = vol[o + px] + fx * (vol[o + px + 1] - vol[o + px]);
        const float c01 = vol[o + pxy] + fx * (vol[o + pxy + 1] - vol[o + pxy]);
        const float c11 = vol[o + pxy + px] + fx * (vol[o + pxy + px + 1] - vol[o + pxy + px]);
        const float c0 = c00 + fy * (c10 - c00);
        const float c1 = c01 + fy * (c11 - c01);
        sum += c0 + fz * (c1 - c0);
      }
      result = scale * sum * length_mm / steps;
    }
  }
  drr[v * columns + u] = result;
}

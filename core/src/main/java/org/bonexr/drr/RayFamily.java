package org.bonexr.drr;

/**
 * The rays of a detector as affine functions of the pixel index (u, v):
 * ray from {@code start(u,v) = s0 + u·su + v·sv} to
 * {@code end(u,v) = e0 + u·eu + v·ev}. Coordinates are patient mm, or voxel
 * index coordinates h after {@link #toIndex}.
 */
final class RayFamily {

	final double[] s0, su, sv, e0, eu, ev;

	RayFamily(final double[] s0, final double[] su, final double[] sv,
		final double[] e0, final double[] eu, final double[] ev)
	{
		this.s0 = s0;
		this.su = su;
		this.sv = sv;
		this.e0 = e0;
		this.eu = eu;
		this.ev = ev;
	}

	/** The same rays in {@code volume}'s index coordinates h. */
	RayFamily toIndex(final ProjectionVolume volume) {
		return new RayFamily(volume.toIndex(s0), volume.toIndexDirection(su), volume
			.toIndexDirection(sv), volume.toIndex(e0), volume.toIndexDirection(eu),
			volume.toIndexDirection(ev));
	}

	/** Writes start and end of ray (u, v) into {@code a} and {@code b}. */
	void ray(final double u, final double v, final double[] a,
		final double[] b)
	{
		for (int d = 0; d < 3; d++) {
			a[d] = s0[d] + u * su[d] + v * sv[d];
			b[d] = e0[d] + u * eu[d] + v * ev[d];
		}
	}

	/** The 18 coefficients s0, su, sv, e0, eu, ev (as {@code DrrTrilinearJava} takes them). */
	double[] coefficients() {
		final double[] c = new double[18];
		final double[][] all = { s0, su, sv, e0, eu, ev };
		for (int i = 0; i < 6; i++)
			for (int d = 0; d < 3; d++)
				c[3 * i + d] = all[i][d];
		return c;
	}
}

package org.bonexr.bmd.radiograph;

import org.bonexr.bmd.ArealBmdResult;
import org.bonexr.core.BoneXRException;

/**
 * Areal BMD of a region of a {@link BoneDrr}, as DXA reports it: bone pixels
 * are the region's pixels whose mineral exceeds
 * {@value #BONE_THRESHOLD_G_PER_CM2} g/cm²;
 * <ul>
 * <li>area = bone pixels × pixel area (cm²),</li>
 * <li>BMC = Σ mineral over the bone pixels × pixel area (g),</li>
 * <li>aBMD = BMC / area (g/cm²).</li>
 * </ul>
 * The threshold is about half a millimetre of cortical bone (1000 mg/cm³ ×
 * 0.05 cm), the least bone a 1 mm bone-mask voxel stands for; it keeps the
 * small positive values a network predicts over soft tissue out of both BMC
 * and area.
 */
public final class RegionBmd {

	/** Mineral above which a pixel is bone, g/cm². */
	public static final double BONE_THRESHOLD_G_PER_CM2 = 0.05;

	private RegionBmd() {}

	/**
	 * @param drr bone mineral DRR
	 * @param region true inside, row-major on the DRR's grid
	 * @param regionName for messages
	 * @throws BoneXRException when no bone pixel lies in the region
	 */
	public static ArealBmdResult measure(final BoneDrr drr,
		final boolean[] region, final String regionName)
	{
		if (region.length != drr.values().length) {
			throw new IllegalArgumentException("region size " + region.length +
				" ≠ DRR size " + drr.values().length);
		}
		long pixels = 0, inside = 0;
		double sum = 0;
		final float[] v = drr.values();
		for (int i = 0; i < v.length; i++) {
			if (!region[i]) continue;
			inside++;
			if (v[i] > BONE_THRESHOLD_G_PER_CM2) {
				pixels++;
				sum += v[i];
			}
		}
		if (pixels == 0) {
			throw new BoneXRException("The region '" + regionName + "' (" + inside +
				" pixels) holds no bone on the predicted bone DRR.", inside == 0
					? "Draw the region on the radiograph, inside the image."
					: "Draw the region over the femur (neck or proximal femur), " +
						"or use the automatic regions.");
		}
		final double pixelCm2 = drr.pixelMm() * drr.pixelMm() * 0.01;
		return new ArealBmdResult(pixels, pixels * pixelCm2, sum * pixelCm2);
	}
}

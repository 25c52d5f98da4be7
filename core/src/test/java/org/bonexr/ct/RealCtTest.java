package org.bonexr.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * Reads the real TotalSegmentator example CT and its label file
 * (../shared/data/ct-totalsegmentator; skipped when absent): 122×101×112
 * voxels of 3 mm, int32 HU −1207…3382 (values from the data's README).
 */
class RealCtTest {

	/** The folder of the real CT, or a skipped test. */
	static Path ctFolder() {
		final String data = System.getProperty("bonexr.shared.data");
		assumeTrue(data != null, "bonexr.shared.data not set");
		final Path dir = Paths.get(data, "ct-totalsegmentator");
		assumeTrue(Files.isRegularFile(dir.resolve("example_ct.nii.gz")),
			"real CT absent: " + dir);
		return dir;
	}

	@Test
	void readsTheExampleCtWithItsSpacingAndHuRange() throws IOException {
		final CtVolume ct = CtFiles.read(ctFolder().resolve("example_ct.nii.gz"));
		assertArrayEquals(new long[] { 122, 101, 112 }, CtReadersTest.dims(ct));
		assertArrayEquals(new double[] { 3, 3, 3 }, ct.spacingMm(), 1e-6);
		assertArrayEquals(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, ct
			.direction(), 0);
		double min = Double.MAX_VALUE;
		double max = -Double.MAX_VALUE;
		for (final FloatType t : Views.iterable(ct.voxels())) {
			min = Math.min(min, t.get());
			max = Math.max(max, t.get());
		}
		assertEquals(-1207, min, 0);
		assertEquals(3382, max, 0);
	}

	@Test
	void labelFileSharesTheGridAndHoldsBothFemora() throws IOException {
		final Path dir = ctFolder();
		final CtVolume ct = CtFiles.read(dir.resolve("example_ct.nii.gz"));
		final CtVolume labels = CtFiles.read(dir.resolve(
			"example_seg_fast_force_split.nii.gz"));
		assertArrayEquals(CtReadersTest.dims(ct), CtReadersTest.dims(labels));
		assertArrayEquals(ct.originMm(), labels.originMm(), 1e-6);
		long left = 0;
		long right = 0;
		for (final FloatType t : Views.iterable(labels.voxels())) {
			if (t.get() == 75) left++;
			if (t.get() == 76) right++;
		}
		// proximal femora at 3 mm: thousands of voxels each (27 mm³ per voxel)
		org.junit.jupiter.api.Assertions.assertTrue(left > 1000 && right > 1000,
			"femur voxels " + left + ", " + right);
	}
}

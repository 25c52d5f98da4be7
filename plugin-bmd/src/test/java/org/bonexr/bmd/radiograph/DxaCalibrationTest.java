package org.bonexr.bmd.radiograph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic pairs on a known line: the fit, its standard errors, the file. */
class DxaCalibrationTest {

	@Test
	void exactLineIsRecovered() {
		final double[] x = { 0.5, 0.7, 0.9, 1.1 };
		final double[] y = new double[4];
		for (int i = 0; i < 4; i++) y[i] = 0.12 + 0.85 * x[i];
		final DxaCalibration c = DxaCalibration.fit(x, y, "femoral neck");
		assertEquals(0.85, c.slope(), 1e-12);
		assertEquals(0.12, c.intercept(), 1e-12);
		assertEquals(0, c.residualSd(), 1e-9);
		assertEquals(1, c.pearsonR(), 1e-12);
		assertEquals(0.12 + 0.85 * 0.8, c.apply(0.8), 1e-12);
	}

	@Test
	void standardErrorsMatchTheScatterOfRepeatedFits() {
		// true line dxa = 0.1 + 0.9·estimate, noise SD 0.03 g/cm²; the SEs the
		// fit reports must match the SD of slope/intercept over many data sets
		final Random rnd = new Random(7);
		final int n = 30, trials = 2000;
		final double[] x = new double[n];
		for (int i = 0; i < n; i++) x[i] = 0.5 + 0.7 * i / (n - 1);
		double sb = 0, sb2 = 0, sa = 0, sa2 = 0, seB = 0, seA = 0, sd = 0;
		for (int t = 0; t < trials; t++) {
			final double[] y = new double[n];
			for (int i = 0; i < n; i++) y[i] = 0.1 + 0.9 * x[i] + 0.03 * rnd
				.nextGaussian();
			final DxaCalibration c = DxaCalibration.fit(x, y, "total hip");
			sb += c.slope();
			sb2 += c.slope() * c.slope();
			sa += c.intercept();
			sa2 += c.intercept() * c.intercept();
			seB += c.slopeSe() / trials;
			seA += c.interceptSe() / trials;
			sd += c.residualSd() / trials;
		}
		final double mb = sb / trials, ma = sa / trials;
		final double sdB = Math.sqrt(sb2 / trials - mb * mb), sdA = Math.sqrt(sa2 /
			trials - ma * ma);
		assertEquals(0.9, mb, 0.005);
		assertEquals(0.1, ma, 0.005);
		assertEquals(sdB, seB, 0.06 * sdB);
		assertEquals(sdA, seA, 0.06 * sdA);
		assertEquals(0.03, sd, 0.002);
	}

	@Test
	void savedFileLoadsBackAndIsNotOverwritten(@TempDir final Path dir) {
		final DxaCalibration c = DxaCalibration.fit(new double[] { 0.6, 0.8, 1.0,
			1.2 }, new double[] { 0.70, 0.83, 1.01, 1.12 }, "femoral neck");
		final Path f = dir.resolve("cal.properties");
		c.save(f);
		final DxaCalibration back = DxaCalibration.load(f);
		assertEquals(c.slope(), back.slope(), 1e-9);
		assertEquals(c.intercept(), back.intercept(), 1e-9);
		assertEquals(c.slopeSe(), back.slopeSe(), 1e-9);
		assertEquals(c.residualSd(), back.residualSd(), 1e-9);
		assertEquals("femoral neck", back.region());
		assertThrows(BoneXRException.class, () -> c.save(f));
	}

	@Test
	void tooFewOrConstantPairsAreRefused() {
		assertThrows(BoneXRException.class, () -> DxaCalibration.fit(new double[] {
			1, 2 }, new double[] { 1, 2 }, "x"));
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> DxaCalibration.fit(new double[] { 1, 1, 1 }, new double[] { 1, 2,
				3 }, "x"));
		assertTrue(e.getMessage().contains("same"), e.getMessage());
	}

	@Test
	void agreementOfIdenticalAndBiasedValues() {
		final double[] a = { 0.6, 0.7, 0.9, 1.0 };
		final Agreement same = new Agreement(a, a);
		assertEquals(1, same.pearsonR, 1e-12);
		assertEquals(1, same.icc, 1e-12);
		assertEquals(0, same.mae, 1e-12);
		final double[] b = { 0.7, 0.8, 1.0, 1.1 }; // +0.1 bias: r = 1, ICC < 1
		final Agreement biased = new Agreement(b, a);
		assertEquals(1, biased.pearsonR, 1e-12);
		assertEquals(0.1, biased.mae, 1e-12);
		assertTrue(biased.icc < 0.9, "ICC " + biased.icc);
	}
}

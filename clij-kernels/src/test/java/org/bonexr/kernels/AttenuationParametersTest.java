package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AttenuationParametersTest {

	@Test
	void keepsItsValues() {
		final AttenuationParameters p = new AttenuationParameters(60000, 2, 0.5, 3);
		assertEquals(60000, p.i0());
		assertEquals(2, p.floorIntensity());
		assertEquals(0.5, p.offset());
		assertEquals(3, p.scale());
		assertEquals(p, new AttenuationParameters(60000, 2, 0.5, 3));
		assertEquals(new AttenuationParameters(100, 1, 0, 1), AttenuationParameters.withoutNormalisation(100, 1));
	}

	@Test
	void refusesNonPositiveOrNonFiniteI0() {
		assertRefused("i0", () -> new AttenuationParameters(0, 1, 0, 1));
		assertRefused("i0", () -> new AttenuationParameters(-100, 1, 0, 1));
		assertRefused("i0", () -> new AttenuationParameters(Double.NaN, 1, 0, 1));
		assertRefused("i0", () -> new AttenuationParameters(1e39, 1, 0, 1)); // beyond float
	}

	@Test
	void refusesFloorThatIsNotPositiveOrNotBelowI0() {
		assertRefused("floorIntensity", () -> new AttenuationParameters(100, 0, 0, 1));
		assertRefused("floorIntensity", () -> new AttenuationParameters(100, -1, 0, 1));
		assertRefused("floorIntensity", () -> new AttenuationParameters(100, 1e-50, 0, 1)); // 0 as a float
		assertRefused("floorIntensity", () -> new AttenuationParameters(100, 100, 0, 1));
		assertRefused("floorIntensity", () -> new AttenuationParameters(100, Double.POSITIVE_INFINITY, 0, 1));
	}

	@Test
	void refusesOffsetOutsideAttenuationsAFloatImageCanHave() {
		assertRefused("offset", () -> new AttenuationParameters(100, 1, Double.NaN, 1));
		assertRefused("offset", () -> new AttenuationParameters(100, 1, 200, 1));
		assertRefused("offset", () -> new AttenuationParameters(100, 1, -200, 1));
	}

	@Test
	void refusesZeroOrNonFiniteScale() {
		assertRefused("scale", () -> new AttenuationParameters(100, 1, 0, 0));
		assertRefused("scale", () -> new AttenuationParameters(100, 1, 0, Double.NEGATIVE_INFINITY));
	}

	private static void assertRefused(final String parameter, final Executable construction) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
		assertTrue(e.getMessage().startsWith(parameter), "message should name " + parameter + ": " + e.getMessage());
	}
}

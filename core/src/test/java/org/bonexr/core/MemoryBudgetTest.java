package org.bonexr.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

	@Test
	void aJobThatFitsTheFreeHeapStarts() {
		assertDoesNotThrow(() -> MemoryBudget.require("A small job", MemoryBudget.free() / 4));
	}

	@Test
	void aJobLargerThanTheHeapIsRefusedWithTheMemoryItNeeds() {
		final long max = Runtime.getRuntime().maxMemory();
		final BoneXRException e = assertThrows(BoneXRException.class, () -> MemoryBudget.require(
			"Separating the bone layers of " + MemoryBudget.image(100000, 100000), 100000L * 100000, 40));
		assertTrue(e.problem().startsWith("Separating the bone layers of a 100000 × 100000 image needs about " +
			"372.5 GB of Java memory;"), e.problem());
		assertTrue(e.problem().contains(String.format(java.util.Locale.ROOT, "(maximum %.1f GB)", max / (double) (1 <<
			30))), e.problem());
		assertTrue(e.fix().contains("Edit>Options>Memory & Threads") && e.fix().contains("-Xmx") && e.fix()
			.contains("smaller ROI"), e.fix());
	}
}

package net.imagej;

import org.scijava.service.SciJavaService;

/**
 * Test-only stand-in for imagej-common's {@code ImageJService}, which is not on
 * Maven Central. CLIJ2's services implement it, so CLIJ2 cannot load without
 * it outside Fiji. Lives in the test-jar only; never packaged or shipped (a
 * test checks the shipped jars).
 */
public interface ImageJService extends SciJavaService {}

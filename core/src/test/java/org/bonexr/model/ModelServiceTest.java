package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.log.LogService;

/** The SciJava service caches models, reloads changed ones and releases them. */
class ModelServiceTest {

	@Test
	void cachesReleasesAndReloads(@TempDir final Path dir) throws IOException {
		final Path m = TestModels.copyOfTinyDenoiser(dir);
		final Context context = new Context(ModelService.class, LogService.class);
		final List<String> log = new CopyOnWriteArrayList<>();
		context.service(LogService.class).addLogListener(msg -> log.add(msg
			.text()));
		try {
			final ModelService service = context.service(ModelService.class);
			final BioImageModel first = service.get(m);
			assertSame(first, service.get(m.resolve("x").resolve("..")));
			assertEquals(List.of(m.toAbsolutePath().normalize()), service.loaded());
			assertTrue(log.stream().anyMatch(s -> s.contains(first.modelPackage()
				.weightsSha256())), log.toString());

			Files.setLastModifiedTime(m.resolve("README.md"), FileTime.fromMillis(
				1000));
			final BioImageModel reloaded = service.get(m);
			assertNotSame(first, reloaded);

			assertTrue(service.release(m));
			assertFalse(service.release(m));
			assertTrue(service.loaded().isEmpty());
			assertNotSame(reloaded, service.get(m));
		}
		finally {
			context.dispose();
		}
		assertTrue(context.service(ModelService.class).loaded().isEmpty());
	}
}

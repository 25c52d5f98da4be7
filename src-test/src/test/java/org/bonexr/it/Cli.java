package org.bonexr.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code bin/bonexr} script in a separate process. */
final class Cli {

	/** Exit code, standard output and standard error of one run. */
	static final class Run {

		final int exitCode;
		final String out;
		final String err;

		Run(final int exitCode, final String out, final String err) {
			this.exitCode = exitCode;
			this.out = out;
			this.err = err;
		}

		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" +
				err;
		}
	}

	private Cli() {}

	static Run run(final Path workDir, final String... args) throws IOException,
		InterruptedException
	{
		final List<String> command = new ArrayList<>();
		command.add(BuiltArtifacts.root().resolve("bin/bonexr").toString());
		command.addAll(Arrays.asList(args));
		final Path out = Files.createTempFile(workDir, "cli", ".out");
		final Path err = Files.createTempFile(workDir, "cli", ".err");
		final ProcessBuilder pb = new ProcessBuilder(command).directory(workDir
			.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
		pb.environment().put("BONEXR_JAVA_OPTS", "-Xmx2g");
		final Process p = pb.start();
		if (!p.waitFor(10, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("bonexr " + args[0] + " took over 10 minutes");
		}
		final Run run = new Run(p.exitValue(), read(out), read(err));
		Files.delete(out);
		Files.delete(err);
		return run;
	}

	private static String read(final Path p) throws IOException {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
	}
}

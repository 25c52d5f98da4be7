package org.bonexr.it;

import ij.IJ;
import ij.macro.Interpreter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Runs inside a plain ImageJ JVM ({@code ij.jar} and this class only, the
 * BoneXR jars in ImageJ's plugins folder): many macro files one after the
 * other, each framed on standard output by {@value #BEGIN}id and
 * {@value #END}id lines, so that one JVM serves many macro runs and each
 * run's output (and abort message) can be told apart. See
 * {@link PlainImageJ#runMacros}.
 */
public final class MacroBatch {

	static final String BEGIN = "@@@BEGIN ";
	static final String END = "@@@END ";

	private MacroBatch() {}

	/** @param args a file of lines "id TAB macro path" */
	public static void main(final String[] args) throws Exception {
		final List<String> lines = Files.readAllLines(Paths.get(args[0]),
			StandardCharsets.UTF_8);
		for (final String line : lines) {
			final String[] f = line.split("\t");
			System.out.println(BEGIN + f[0]);
			String result;
			try {
				result = IJ.runMacroFile(f[1], "");
			}
			catch (final Throwable t) {
				t.printStackTrace(System.out);
				result = "[exception] " + t;
			}
			// an aborted batch-mode macro may leave ImageJ in batch mode, and its
			// images referenced: release them so that the next macro starts empty
			for (final int id : Interpreter.getBatchModeImageIDs()) {
				final ij.ImagePlus imp = Interpreter.getBatchModeImage(id);
				if (imp != null) Interpreter.removeBatchModeImage(imp);
			}
			ij.WindowManager.setTempCurrentImage(null);
			Interpreter.batchMode = false;
			System.out.flush();
			System.err.flush();
			System.out.println(END + f[0] + " " + result);
		}
		System.exit(0);
	}
}

package org.bonexr.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.CommandRuns;
import org.bonexr.core.io.AtomicFiles;
import org.bonexr.core.io.RadiographReader;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;

/**
 * Runs one BoneXR command without a UI from text parameters and writes its
 * outputs into a folder.
 * <ul>
 * <li>Inputs: {@code key=value}; an image input takes a file path (DICOM,
 * TIFF, PNG, JPEG), everything else is converted by SciJava's
 * {@link ConvertService}.</li>
 * <li>Outputs: each image as {@code <input>_<output>.tif} (32-bit TIFF with
 * its calibration), each results table as {@code <input>_<output>.csv}, and
 * all number/text outputs as one row of {@code <input>_values.csv}.</li>
 * <li>Nothing is overwritten: all target names are checked before the command
 * runs; files are written atomically.</li>
 * </ul>
 */
public final class HeadlessCommandRunner {

	private final CommandService commands;
	private final ConvertService convert;

	public HeadlessCommandRunner(final CommandService commands,
		final ConvertService convert)
	{
		this.commands = commands;
		this.convert = convert;
	}

	/** What a run wrote, and its number/text outputs by name. */
	public static final class Result {

		public final List<Path> files = new ArrayList<>();
		public final Map<String, Object> values = new LinkedHashMap<>();
	}

	/**
	 * @param info the command
	 * @param args {@code key=value} parameters
	 * @param outDir output folder (created if needed)
	 */
	public Result run(final CommandInfo info, final Map<String, String> args,
		final Path outDir)
	{
		AtomicFiles.requireWritableFolder(outDir);
		final Map<String, Object> inputs = inputs(info, args);
		final String stem = stem(inputs);
		final Map<String, Path> targets = targets(info, stem, outDir);
		targets.values().forEach(AtomicFiles::refuseExisting);
		final CommandModule module = CommandRuns.runOrThrow(commands, info,
			inputs);
		return write(info, module, targets);
	}

	private Map<String, Object> inputs(final CommandInfo info,
		final Map<String, String> args)
	{
		final Map<String, ModuleItem<?>> known = new LinkedHashMap<>();
		for (final ModuleItem<?> item : CommandCatalog.userInputs(info))
			known.put(item.getName(), item);
		final Map<String, Object> inputs = new HashMap<>();
		for (final Map.Entry<String, String> e : args.entrySet()) {
			final ModuleItem<?> item = known.get(e.getKey());
			if (item == null) {
				throw new BoneXRException("'" + CommandCatalog.name(info) +
					"' has no parameter '" + e.getKey() + "'.", "Its parameters are " +
						known.keySet() + " (see 'bonexr list').");
			}
			inputs.put(e.getKey(), value(item, e.getValue()));
		}
		for (final ModuleItem<?> item : known.values()) {
			if (item.isRequired() && !inputs.containsKey(item.getName()) && item
				.getType() == ImagePlus.class)
			{
				throw new BoneXRException("'" + CommandCatalog.name(info) +
					"' needs the image parameter '" + item.getName() + "'.", "Add " +
						item.getName() + "=/path/to/image.tif");
			}
		}
		return inputs;
	}

	private Object value(final ModuleItem<?> item, final String text) {
		if (item.getType() == ImagePlus.class) {
			return RadiographReader.readImagePlus(Paths.get(text));
		}
		final Object v = convert.convert(text, item.getType());
		if (v == null) {
			throw new BoneXRException("'" + text + "' is not a valid " + item
				.getType().getSimpleName() + " for parameter '" + item.getName() +
				"'.", "Give a value of type " + item.getType().getSimpleName() + ".");
		}
		return v;
	}

	/** Output names start with the first image (or file) input's name. */
	private static String stem(final Map<String, Object> inputs) {
		for (final Object v : inputs.values()) {
			if (v instanceof ImagePlus) return withoutExtension(((ImagePlus) v)
				.getTitle());
		}
		for (final Object v : inputs.values()) {
			if (v instanceof java.io.File && ((java.io.File) v).isFile())
				return withoutExtension(((java.io.File) v).getName());
		}
		return "bonexr";
	}

	private static String withoutExtension(final String name) {
		final String n = name.endsWith(".gz") ? name.substring(0, name.length() -
			3) : name;
		final int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	private static Map<String, Path> targets(final CommandInfo info,
		final String stem, final Path outDir)
	{
		final Map<String, Path> targets = new LinkedHashMap<>();
		boolean values = false;
		for (final ModuleItem<?> out : info.outputs()) {
			final Class<?> type = out.getType();
			if (type == ImagePlus.class) targets.put(out.getName(), outDir.resolve(
				stem + "_" + out.getName() + ".tif"));
			else if (type == ResultsTable.class) targets.put(out.getName(), outDir
				.resolve(stem + "_" + out.getName() + ".csv"));
			else values = true;
		}
		if (values) targets.put("", outDir.resolve(stem + "_values.csv"));
		if (new java.util.HashSet<>(targets.values()).size() < targets.size()) {
			throw new IllegalStateException(CommandCatalog.name(info) +
				" has outputs whose file names collide: " + targets);
		}
		return targets;
	}

	private static Result write(final CommandInfo info,
		final CommandModule module, final Map<String, Path> targets)
	{
		final Result result = new Result();
		for (final ModuleItem<?> out : info.outputs()) {
			final Object v = module.getOutput(out.getName());
			final Path target = targets.get(out.getName());
			if (v instanceof ImagePlus) {
				AtomicFiles.write(target, tmp -> {
					if (!IJ.saveAsTiff((ImagePlus) v, tmp.toString())) {
						throw new java.io.IOException("ImageJ could not write " + tmp);
					}
				});
				result.files.add(target);
			}
			else if (v instanceof ResultsTable) {
				AtomicFiles.write(target, tmp -> ((ResultsTable) v).saveAs(tmp
					.toString()));
				result.files.add(target);
			}
			else if (target == null) {
				result.values.put(out.getName(), v);
			}
		}
		if (!result.values.isEmpty()) {
			final Path csv = targets.get("");
			AtomicFiles.write(csv, tmp -> Csv.writeRow(tmp, result.values));
			result.files.add(csv);
		}
		return result;
	}
}

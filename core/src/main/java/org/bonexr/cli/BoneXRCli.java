package org.bonexr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bonexr.cli.batch.BatchJob;
import org.bonexr.cli.batch.BatchMerge;
import org.bonexr.cli.batch.Shard;
import org.bonexr.core.BoneXRException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.event.EventService;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;

/**
 * The headless command line, {@code bin/bonexr}:
 *
 * <pre>
 * bonexr list                                     every command with its parameters
 * bonexr run "&lt;command&gt;" key=value ... [--out DIR]  runs one command on image files (outputs to DIR, default: here)
 * bonexr demo --out DIR [--samples DIR]           the main job on the sample images
 * bonexr bench &lt;name&gt; [args]                     a benchmark (key=value lines + JSON)
 * bonexr batch "&lt;command&gt;" --in DIR --out DIR [--shard i/n] [--resume] [--threads N] [key=value ...]
 *                                                 runs the command on every image of a folder ({@link BatchJob})
 * bonexr batch-merge --out DIR                    merges the results of a batch's shards ({@link BatchMerge})
 * </pre>
 *
 * Exit codes: 0 done; 2 the user must change something (the message on
 * standard error says what); 3 a batch finished but some images failed (see
 * its results file); 1 an unexpected failure (with stack trace).
 */
public final class BoneXRCli {

	static final String USAGE = String.join("\n",
		"usage: bonexr list",
		"       bonexr run \"<command name or class>\" key=value ... [--out DIR]",
		"       bonexr demo --out DIR [--samples DIR]",
		"       bonexr bench <name> [args]",
		"       bonexr batch \"<command>\" --in DIR --out DIR [--shard i/n] [--resume] [--threads N] [key=value ...]",
		"       bonexr batch-merge --out DIR");

	/** Options that take no value. */
	private static final Set<String> FLAGS = Set.of("--resume");

	private final PrintStream out;
	private final PrintStream err;

	public BoneXRCli(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(final String... args) {
		System.setProperty("java.awt.headless", "true");
		final int code = new BoneXRCli(System.out, System.err).execute(args);
		System.exit(code);
	}

	/** Runs the command line; returns the exit code. */
	public int execute(final String... args) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals(
			"--help"))
		{
			(args.length == 0 ? err : out).println(USAGE);
			return args.length == 0 ? 2 : 0;
		}
		// SciJava holds event subscribers weakly: keep the progress bar alive
		// until the work is done.
		final ConsoleProgress progress = new ConsoleProgress(err);
		try (Context context = new Context()) {
			// a batch shows its own progress over images, not that of each command
			if (!args[0].equals("batch")) context.service(EventService.class)
				.subscribe(progress);
			switch (args[0]) {
				case "list":
					list(context);
					return 0;
				case "run":
					return run(context, Arrays.copyOfRange(args, 1, args.length));
				case "demo":
					return demo(context, Arrays.copyOfRange(args, 1, args.length));
				case "bench":
					return bench(context, Arrays.copyOfRange(args, 1, args.length));
				case "batch":
					return batch(context, Arrays.copyOfRange(args, 1, args.length));
				case "batch-merge":
					out.println("merged into " + BatchMerge.merge(Options.parse(Arrays
						.copyOfRange(args, 1, args.length)).requirePath("--out")));
					return 0;
				default:
					throw new BoneXRException("Unknown action '" + args[0] + "'.",
						USAGE);
			}
		}
		catch (final BoneXRException e) {
			// on a line of its own, also when a progress bar is still open
			progress.message("bonexr: " + e.getMessage());
			return 2;
		}
		catch (final Exception e) {
			progress.message("bonexr: unexpected failure: " + e);
			e.printStackTrace(err);
			return 1;
		}
		finally {
			java.lang.ref.Reference.reachabilityFence(progress);
		}
	}

	private void list(final Context context) {
		final List<CommandInfo> all = catalog(context).all();
		out.println(all.size() + " BoneXR commands:\n");
		for (final CommandInfo c : all)
			out.println(CommandCatalog.describe(c));
	}

	private int run(final Context context, final String[] args) {
		final Options o = Options.parse(args);
		if (o.positional.size() != 1) {
			throw new BoneXRException("'bonexr run' needs one command name.", USAGE);
		}
		final CommandInfo info = catalog(context).find(o.positional.get(0));
		final HeadlessCommandRunner.Result r = runner(context).run(info,
			o.keyValues, o.path("--out", Paths.get("")));
		r.values.forEach((k, v) -> out.println(k + "=" + v));
		r.files.forEach(f -> out.println("wrote " + f));
		return 0;
	}

	private int demo(final Context context, final String[] args)
		throws IOException
	{
		final Options o = Options.parse(args);
		final Path outDir = o.requirePath("--out");
		final Path samples = o.path("--samples", Paths.get(System.getProperty(
			"bonexr.samples", "sample-images")));
		if (!Files.isDirectory(samples)) {
			throw new BoneXRException("Sample images folder '" + samples +
				"' not found.", "Run from the BoneXR folder or pass --samples DIR.");
		}
		final CommandCatalog catalog = catalog(context);
		final HeadlessCommandRunner runner = runner(context);
		final DemoStep.DemoRunner demoRunner = (command, params, dir) -> runner
			.run(catalog.find(command), params, dir);
		final List<PluginInfo<DemoStep>> steps = context.service(
			PluginService.class).getPluginsOfType(DemoStep.class);
		for (final PluginInfo<DemoStep> info : steps) {
			final DemoStep step = context.service(PluginService.class)
				.createInstance(info);
			final Path stepOut = outDir.resolve(info.getName());
			out.println("== " + info.getName());
			out.println(step.run(samples, stepOut, demoRunner));
		}
		out.println("demo outputs in " + outDir.toAbsolutePath());
		return 0;
	}

	private int batch(final Context context, final String[] args) {
		final Options o = Options.parse(args);
		if (o.positional.size() != 1) {
			throw new BoneXRException("'bonexr batch' needs one command name.",
				USAGE);
		}
		final String threads = o.options.getOrDefault("--threads", "1");
		final int n;
		try {
			n = Integer.parseInt(threads.trim());
		}
		catch (final NumberFormatException e) {
			throw new BoneXRException("--threads " + threads + " is not a number.",
				"Give --threads N, e.g. --threads 4.");
		}
		final String shard = o.options.get("--shard");
		final BatchJob job = new BatchJob(runner(context), catalog(context).find(o
			.positional.get(0)), o.requirePath("--in"), o.requirePath("--out"),
			shard == null ? Shard.ALL : Shard.parse(shard), o.options.containsKey(
				"--resume"), n, o.keyValues, new ConsoleProgress(err));
		final BatchJob.Summary summary = job.run();
		out.println(summary);
		return summary.failed == 0 ? 0 : 3;
	}

	private int bench(final Context context, final String[] args)
		throws Exception
	{
		final PluginService plugins = context.service(PluginService.class);
		final List<PluginInfo<Benchmark>> all = plugins.getPluginsOfType(
			Benchmark.class);
		final List<String> names = new ArrayList<>();
		for (final PluginInfo<Benchmark> b : all) {
			names.add(b.getName());
			if (args.length > 0 && b.getName().equals(args[0])) {
				plugins.createInstance(b).run(Arrays.copyOfRange(args, 1,
					args.length));
				return 0;
			}
		}
		throw new BoneXRException(args.length == 0 ? "'bonexr bench' needs a name."
			: "There is no benchmark '" + args[0] + "'.", "Available: " + names);
	}

	private static CommandCatalog catalog(final Context context) {
		return new CommandCatalog(context.service(CommandService.class));
	}

	private static HeadlessCommandRunner runner(final Context context) {
		return new HeadlessCommandRunner(context.service(CommandService.class),
			context.service(ConvertService.class));
	}

	/** Parsed arguments: positionals, key=value pairs and --options. */
	static final class Options {

		final List<String> positional = new ArrayList<>();
		final Map<String, String> keyValues = new LinkedHashMap<>();
		final Map<String, String> options = new LinkedHashMap<>();

		static Options parse(final String[] args) {
			final Options o = new Options();
			for (int i = 0; i < args.length; i++) {
				final String a = args[i];
				if (FLAGS.contains(a)) o.options.put(a, "true");
				else if (a.startsWith("--")) {
					if (i + 1 >= args.length) {
						throw new BoneXRException("Option " + a + " needs a value.",
							USAGE);
					}
					o.options.put(a, args[++i]);
				}
				else if (a.contains("=") && !o.positional.isEmpty()) {
					final int eq = a.indexOf('=');
					o.keyValues.put(a.substring(0, eq), a.substring(eq + 1));
				}
				else o.positional.add(a);
			}
			return o;
		}

		Path requirePath(final String option) {
			final String v = options.get(option);
			if (v == null) {
				throw new BoneXRException("Missing " + option + " DIR.", USAGE);
			}
			return Paths.get(v);
		}

		Path path(final String option, final Path ifAbsent) {
			final String v = options.get(option);
			return v == null ? ifAbsent : Paths.get(v);
		}
	}
}

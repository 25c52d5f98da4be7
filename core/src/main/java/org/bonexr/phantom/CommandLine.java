package org.bonexr.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.core.BoneXRException;

/** Minimal "--key value" parsing for the generators' main methods. */
final class CommandLine {

	private CommandLine() {}

	/** Values of the given options; an unknown "--x" is refused. */
	static Map<String, String> parse(final String[] args,
		final String... known)
	{
		final Map<String, String> out = new HashMap<>();
		final List<String> names = Arrays.asList(known);
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) continue;
			if (!names.contains(args[i]) || i + 1 >= args.length) {
				throw new BoneXRException("Unknown or incomplete option " + args[i] +
					".", "Use " + String.join(", ", known) + " followed by a value.");
			}
			out.put(args[i], args[++i]);
		}
		return out;
	}

	/** Arguments that are neither options nor option values. */
	static List<String> positional(final String[] args) {
		final List<String> out = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].startsWith("--")) i++;
			else out.add(args[i]);
		}
		return out;
	}
}

package org.bonexr.drr;

import java.io.File;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.BoneXRException;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;

/**
 * The {@code options} text of an {@code Ext.} macro function as inputs of the
 * command it runs: {@code key=value} pairs separated by spaces, values with
 * spaces in brackets ({@code geometry=[parallel beam]}), keys the command's
 * parameter names ({@code bonexr list} shows them). Numbers, text, booleans
 * and file paths can be given; an unknown key or a value of the wrong type is
 * explained.
 */
public final class MacroOptions {

	private static final Pattern OPTION = Pattern.compile(
		"(\\w+)=(\\[[^\\]]*\\]|\\S+)");

	private MacroOptions() {}

	/**
	 * @param text the options ("" or null for none)
	 * @param command the command whose inputs the keys name
	 * @param reserved inputs the macro function sets itself (not allowed as keys)
	 * @return input name → converted value
	 */
	public static Map<String, Object> parse(final String text,
		final Class<? extends Command> command, final CommandService commands,
		final ConvertService convert, final String... reserved)
	{
		final Map<String, ModuleItem<?>> known = new LinkedHashMap<>();
		final List<String> taken = Arrays.asList(reserved);
		for (final ModuleItem<?> item : commands.getCommand(command).inputs()) {
			final Class<?> t = item.getType();
			if (!taken.contains(item.getName()) && (t.isPrimitive() ||
				t == String.class || t == File.class)) known.put(item.getName(), item);
		}
		final Map<String, Object> in = new HashMap<>();
		final String options = text == null ? "" : text;
		final Matcher m = OPTION.matcher(options);
		int end = 0;
		while (m.find() && options.substring(end, m.start()).trim().isEmpty()) {
			end = m.end();
			final ModuleItem<?> item = known.get(m.group(1));
			if (item == null) {
				throw new BoneXRException("There is no option '" + m.group(1) + "'.",
					"Use key=value with keys among " + known.keySet() + ".");
			}
			String value = m.group(2);
			if (value.startsWith("[")) value = value.substring(1, value.length() -
				1);
			final Object v = convert.convert(value, item.getType());
			if (v == null) {
				throw new BoneXRException("'" + value +
					"' is not a valid value for the option '" + m.group(1) + "'.",
					"Give a " + item.getType().getSimpleName() + ".");
			}
			in.put(item.getName(), v);
		}
		if (!options.substring(end).trim().isEmpty()) {
			throw new BoneXRException("Could not read the options '" + options +
				"' from '" + options.substring(end).trim() + "' on.",
				"Write them as key=value separated by spaces, e.g. geometry=[parallel beam] stepMm=0.5.");
		}
		return in;
	}
}

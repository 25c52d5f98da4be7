package org.bonexr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bonexr.core.BoneXRException;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.MenuPath;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * The BoneXR commands known to a SciJava context: every command whose menu
 * path starts with Plugins&gt;BoneXR. A command is named by its menu label
 * (e.g. "Convert to Attenuation") or its class name.
 */
public final class CommandCatalog {


	private final CommandService commands;

	public CommandCatalog(final CommandService commands) {
		this.commands = commands;
	}

	/** All BoneXR commands, sorted by name. */
	public List<CommandInfo> all() {
		return commands.getCommands().stream() //
			.filter(CommandCatalog::isBoneXR) //
			.sorted((a, b) -> name(a).compareToIgnoreCase(name(b))) //
			.collect(Collectors.toList());
	}

	/** The command with this menu label (case-insensitive) or class name. */
	public CommandInfo find(final String nameOrClass) {
		final String wanted = nameOrClass.trim().toLowerCase(Locale.ROOT);
		for (final CommandInfo c : all()) {
			if (name(c).toLowerCase(Locale.ROOT).equals(wanted) || c
				.getClassName().toLowerCase(Locale.ROOT).equals(wanted) || c
					.getClassName().toLowerCase(Locale.ROOT).endsWith("." + wanted))
				return c;
		}
		throw new BoneXRException("There is no BoneXR command '" + nameOrClass +
			"'.", "Run 'bonexr list' to see the commands; quote names with spaces.");
	}

	private static boolean isBoneXR(final CommandInfo c) {
		final MenuPath path = c.getMenuPath();
		return path != null && path.size() > 2 && path.get(0).getName().equals(
			"Plugins") && path.get(1).getName().equals("BoneXR");
	}

	/** The command's menu label, e.g. "Convert to Attenuation". */
	public static String name(final CommandInfo c) {
		return c.getMenuPath().getLeaf().getName();
	}

	/**
	 * Inputs a user sets (services and the context are filled in by SciJava;
	 * invisible inputs are for scripts, e.g. ROI arrays or a scripted reader).
	 */
	public static List<ModuleItem<?>> userInputs(final CommandInfo c) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : c.inputs()) {
			if (item.getVisibility() == org.scijava.ItemVisibility.INVISIBLE) continue;
			if (Service.class.isAssignableFrom(item.getType())) continue;
			if (org.scijava.Context.class.isAssignableFrom(item.getType())) continue;
			items.add(item);
		}
		return items;
	}

	/** A multi-line description of one command for 'bonexr list'. */
	public static String describe(final CommandInfo c) {
		final StringBuilder s = new StringBuilder();
		s.append(name(c)).append("   (").append(c.getClassName()).append(")\n");
		s.append("  menu: ").append(c.getMenuPath().getMenuString()).append('\n');
		if (c.getDescription() != null && !c.getDescription().isEmpty()) s.append(
			"  ").append(c.getDescription()).append('\n');
		for (final ModuleItem<?> in : userInputs(c)) {
			s.append("  in   ").append(in.getName()).append(" : ").append(
				typeName(in));
			final Object def = in.getDefaultValue();
			if (def != null) s.append(" = ").append(def);
			if (in.getLabel() != null) s.append("   ").append(in.getLabel());
			s.append('\n');
		}
		for (final ModuleItem<?> out : c.outputs()) {
			s.append("  out  ").append(out.getName()).append(" : ").append(typeName(
				out)).append('\n');
		}
		return s.toString();
	}

	private static String typeName(final ModuleItem<?> item) {
		return item.getType() == ij.ImagePlus.class ? "image file" : item.getType()
			.getSimpleName();
	}
}

package org.bonexr.it.guide;

import ij.WindowManager;
import ij.gui.GenericDialog;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

/**
 * A BoneXR command's input dialog, laid out from the command's own
 * {@code @Parameter} metadata: one field per visible input, in declaration
 * order, with its label, its default (the field's initial value, or a
 * preset), its choices, and a list of the open images for image inputs;
 * services and invisible inputs are left out, as SciJava's input harvester
 * does. It is an ImageJ 1 {@link GenericDialog} (SciJava's Swing harvester,
 * which Fiji uses, is not on Maven Central); the fields are the ones Fiji's
 * dialog shows.
 */
final class CommandDialog {

	private static final String NONE = "<none>";

	private CommandDialog() {}

	/** The dialog, not yet shown; presets override defaults by input name. */
	static GenericDialog of(final Context context,
		final Class<? extends Command> command, final Map<String, ?> presets)
	{
		final CommandInfo info = context.service(CommandService.class).getCommand(
			command);
		final Module module = context.service(ModuleService.class).createModule(
			info);
		final GenericDialog d = new GenericDialog(info.getTitle());
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class
				.isAssignableFrom(type) || item.getVisibility() ==
					ItemVisibility.INVISIBLE) continue;
			final String label = item.getLabel() != null && !item.getLabel()
				.isEmpty() ? item.getLabel() : item.getName();
			final Object value = presets.containsKey(item.getName()) ? presets.get(
				item.getName()) : item.getValue(module);
			if (item.getVisibility() == ItemVisibility.MESSAGE) d.addMessage(label);
			else if (type == ij.ImagePlus.class) {
				// an optional image starts at "none", a required one at the current
				final String[] titles = openImages(!item.isRequired());
				d.addChoice(label, titles, value instanceof String ? (String) value
					: titles[0]);
			}
			else if (type == File.class) {
				final String path = value == null ? "" : value.toString();
				if (item.getWidgetStyle() != null && item.getWidgetStyle().contains(
					"directory")) d.addDirectoryField(label, path, 24);
				else d.addFileField(label, path, 24);
			}
			else if (type == boolean.class || type == Boolean.class) d.addCheckbox(
				label, Boolean.TRUE.equals(value));
			else if (isNumber(type)) d.addNumericField(label, value == null ? 0
				: ((Number) value).doubleValue(), isInteger(type) ? 0 : 3);
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
				final List<String> choices = new ArrayList<>();
				for (final Object c : item.getChoices()) choices.add(c.toString());
				d.addChoice(label, choices.toArray(new String[0]), value == null
					? choices.get(0) : value.toString());
			}
			else d.addStringField(label, value == null ? "" : value.toString(), 24);
		}
		return d;
	}

	private static String[] openImages(final boolean optional) {
		final List<String> titles = new ArrayList<>();
		if (optional) titles.add(NONE);
		final ij.ImagePlus current = WindowManager.getCurrentImage();
		if (current != null) titles.add(current.getTitle());
		for (final String t : WindowManager.getImageTitles())
			if (!titles.contains(t)) titles.add(t);
		if (titles.isEmpty()) titles.add("(no image open)");
		return titles.toArray(new String[0]);
	}

	private static boolean isNumber(final Class<?> t) {
		return Number.class.isAssignableFrom(t) || t == double.class ||
			t == float.class || isInteger(t);
	}

	private static boolean isInteger(final Class<?> t) {
		return t == int.class || t == long.class || t == short.class ||
			t == Integer.class || t == Long.class || t == Short.class;
	}
}

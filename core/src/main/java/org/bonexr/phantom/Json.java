package org.bonexr.phantom;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for ground-truth files: maps (insertion order kept),
 * lists, double[]/float[]/int[] arrays, numbers, booleans, strings, null.
 * Non-finite numbers are written as null. Output is deterministic.
 */
final class Json {

	private Json() {}

	static String write(final Object value) {
		final StringBuilder sb = new StringBuilder();
		append(sb, value, "");
		return sb.append('\n').toString();
	}

	private static void append(final StringBuilder sb, final Object v,
		final String indent)
	{
		if (v == null) sb.append("null");
		else if (v instanceof Map) {
			final Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet()
				.iterator();
			sb.append("{");
			final String inner = indent + "  ";
			while (it.hasNext()) {
				final Map.Entry<?, ?> e = it.next();
				sb.append('\n').append(inner);
				string(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				append(sb, e.getValue(), inner);
				if (it.hasNext()) sb.append(',');
			}
			sb.append('\n').append(indent).append('}');
		}
		else if (v instanceof List) {
			final List<?> list = (List<?>) v;
			sb.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) sb.append(", ");
				append(sb, list.get(i), indent);
			}
			sb.append(']');
		}
		else if (v instanceof double[]) {
			final double[] a = (double[]) v;
			sb.append('[');
			for (int i = 0; i < a.length; i++) {
				if (i > 0) sb.append(", ");
				number(sb, a[i]);
			}
			sb.append(']');
		}
		else if (v instanceof int[]) {
			final int[] a = (int[]) v;
			sb.append('[');
			for (int i = 0; i < a.length; i++) {
				if (i > 0) sb.append(", ");
				sb.append(a[i]);
			}
			sb.append(']');
		}
		else if (v instanceof Double || v instanceof Float) {
			number(sb, ((Number) v).doubleValue());
		}
		else if (v instanceof Number || v instanceof Boolean) sb.append(v);
		else string(sb, v.toString());
	}

	private static void number(final StringBuilder sb, final double d) {
		if (!Double.isFinite(d)) sb.append("null");
		else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d);
		else sb.append(d);
	}

	private static void string(final StringBuilder sb, final String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			if (c == '"' || c == '\\') sb.append('\\').append(c);
			else if (c == '\n') sb.append("\\n");
			else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
			else sb.append(c);
		}
		sb.append('"');
	}
}

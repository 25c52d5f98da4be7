package org.bonexr.cli.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The class names a class file refers to, read from its constant pool the way
 * Fiji's updater finds a jar's dependencies
 * ({@code net.imagej.updater.util.ByteCodeAnalyzer} in
 * https://github.com/imagej/imagej-updater): every {@code CONSTANT_Class}
 * entry, plus the superclass and interfaces.
 */
final class ClassFile {

	private final byte[] b;
	private final int[] pool;
	private final int end;

	ClassFile(final byte[] bytes) {
		b = bytes;
		if (u2(0) != 0xcafe || u2(2) != 0xbabe) {
			throw new IllegalArgumentException("not a class file");
		}
		pool = new int[u2(8)];
		int offset = 10;
		for (int i = 1; i < pool.length; i++) {
			pool[i] = offset;
			final int tag = b[offset] & 0xff;
			switch (tag) {
				case 1: // Utf8
					offset += 3 + u2(offset + 1);
					break;
				case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
					offset += 3;
					break;
				case 15: // MethodHandle
					offset += 4;
					break;
				case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
					offset += 5;
					break;
				case 5: case 6: // Long, Double take two slots
					offset += 9;
					i++;
					break;
				default:
					throw new IllegalArgumentException("unknown constant tag " + tag);
			}
		}
		end = offset;
	}

	/** Class names (dotted) of all CONSTANT_Class entries, arrays left out. */
	List<String> referencedClasses() {
		final List<String> names = new ArrayList<>();
		for (int i = 1; i < pool.length; i++)
			if (pool[i] != 0 && (b[pool[i]] & 0xff) == 7) {
				final String name = className(i);
				if (!name.startsWith("[")) names.add(name);
			}
		return names;
	}

	/** The superclass (null for java.lang.Object) and the interfaces. */
	List<String> supertypes() {
		final List<String> names = new ArrayList<>();
		final int superIndex = u2(end + 4);
		if (superIndex != 0) names.add(className(superIndex));
		final int count = u2(end + 6);
		for (int i = 0; i < count; i++)
			names.add(className(u2(end + 8 + 2 * i)));
		return names;
	}

	private String className(final int index) {
		final int utf8 = pool[u2(pool[index] + 1)];
		return new String(b, utf8 + 3, u2(utf8 + 1),
			java.nio.charset.StandardCharsets.UTF_8).replace('/', '.');
	}

	private int u2(final int offset) {
		return (b[offset] & 0xff) << 8 | b[offset + 1] & 0xff;
	}
}

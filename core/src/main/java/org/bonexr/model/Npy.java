package org.bonexr.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.BoneXRException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0, 3.0),
 * the array format of bioimage.io test tensors.
 * <p>
 * Reads little-endian {@code float32} ({@code <f4}) and {@code float64}
 * ({@code <f8}, converted to float) arrays in C order; writes {@code <f4}
 * version 1.0 files. Other element types and Fortran order are refused with
 * a message.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">NPY format</a>
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile(
		"'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile(
		"'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile(
		"'shape'\\s*:\\s*\\(([^)]*)\\)");

	private Npy() {}

	/** Reads a {@code .npy} file. */
	public static FloatTensor read(final Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in, file.getFileName().toString());
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot read the array file " + file + ": " + e
				.getMessage(), "Check that the file exists and is readable.", e);
		}
	}

	/**
	 * Reads a {@code .npy} stream.
	 *
	 * @param name file name used in messages
	 */
	public static FloatTensor read(final InputStream in, final String name)
		throws IOException
	{
		final byte[] magic = in.readNBytes(8);
		for (int i = 0; i < MAGIC.length; i++) {
			if (magic.length < 8 || magic[i] != MAGIC[i]) throw notNpy(name,
				"it does not start with the NumPy magic string");
		}
		final int major = magic[6];
		final int headerLength;
		if (major == 1) {
			final byte[] b = in.readNBytes(2);
			if (b.length < 2) throw notNpy(name, "its header is cut short");
			headerLength = (b[0] & 0xff) | (b[1] & 0xff) << 8;
		}
		else if (major == 2 || major == 3) {
			final byte[] b = in.readNBytes(4);
			if (b.length < 4) throw notNpy(name, "its header is cut short");
			headerLength = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
		}
		else throw notNpy(name, "its format version " + major + " is unknown");
		final byte[] headerBytes = in.readNBytes(headerLength);
		if (headerBytes.length < headerLength) throw notNpy(name,
			"its header is cut short");
		final String header = new String(headerBytes, major == 3
			? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

		final String descr = group(DESCR, header, name);
		final boolean fortran = "True".equals(group(FORTRAN, header, name));
		final long[] shape = parseShape(group(SHAPE, header, name));
		if (fortran) {
			throw new BoneXRException("The array file " + name +
				" is stored in Fortran order.",
				"Save it in C order, e.g. numpy.save(f, numpy.ascontiguousarray(a)).");
		}
		final int bytesPerValue;
		if ("<f4".equals(descr)) bytesPerValue = 4;
		else if ("<f8".equals(descr)) bytesPerValue = 8;
		else {
			throw new BoneXRException("The array file " + name + " holds values of type '" +
				descr + "'; BoneXR reads float32 and float64 (little-endian) arrays.",
				"Save the array as float32, e.g. numpy.save(f, a.astype('<f4')).");
		}
		final int n = FloatTensor.toIntCount(shape);
		final byte[] raw = in.readNBytes(n * bytesPerValue);
		if (raw.length < n * bytesPerValue) throw notNpy(name,
			"it holds fewer values than its shape says");
		final ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
		final float[] data = new float[n];
		if (bytesPerValue == 4) buf.asFloatBuffer().get(data);
		else for (int i = 0; i < n; i++) data[i] = (float) buf.getDouble();
		return new FloatTensor(shape, data);
	}

	/** Writes a version 1.0 {@code .npy} file of little-endian float32. */
	public static void write(final FloatTensor tensor, final Path file)
		throws IOException
	{
		try (OutputStream out = Files.newOutputStream(file)) {
			write(tensor, out);
		}
	}

	/** Writes a version 1.0 {@code .npy} stream of little-endian float32. */
	public static void write(final FloatTensor tensor, final OutputStream out)
		throws IOException
	{
		final StringBuilder shape = new StringBuilder();
		for (final long s : tensor.shape()) shape.append(s).append(", ");
		if (tensor.rank() > 1) shape.setLength(shape.length() - 2);
		else if (tensor.rank() == 1) shape.setLength(shape.length() - 1);
		final StringBuilder header = new StringBuilder("{'descr': '<f4', " +
			"'fortran_order': False, 'shape': (" + shape + "), }");
		// magic (6) + version (2) + length (2) + header + '\n' is a multiple of 64
		final int unpadded = 10 + header.length() + 1;
		final int pad = (64 - unpadded % 64) % 64;
		for (int i = 0; i < pad; i++) header.append(' ');
		header.append('\n');
		final ByteArrayOutputStream head = new ByteArrayOutputStream();
		head.write(MAGIC);
		head.write(1);
		head.write(0);
		final int len = header.length();
		head.write(len & 0xff);
		head.write(len >> 8 & 0xff);
		head.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(head.toByteArray());
		final float[] data = tensor.data();
		final ByteBuffer buf = ByteBuffer.allocate(4 * 65536).order(
			ByteOrder.LITTLE_ENDIAN);
		for (int start = 0; start < data.length; start += 65536) {
			final int count = Math.min(65536, data.length - start);
			buf.clear();
			buf.asFloatBuffer().put(data, start, count);
			out.write(buf.array(), 0, 4 * count);
		}
	}

	private static String group(final Pattern p, final String header,
		final String name)
	{
		final Matcher m = p.matcher(header);
		if (!m.find()) throw notNpy(name, "its header lacks " + p.pattern()
			.replaceAll("\\\\s\\*|\\\\|\\(.*", "").replace(":", ""));
		return m.group(1);
	}

	private static long[] parseShape(final String s) {
		final List<Long> sizes = new ArrayList<>();
		for (final String part : s.split(",")) {
			final String t = part.trim();
			if (!t.isEmpty()) sizes.add(Long.parseLong(t.replace("L", "")));
		}
		final long[] shape = new long[sizes.size()];
		for (int i = 0; i < shape.length; i++) shape[i] = sizes.get(i);
		return shape;
	}

	private static BoneXRException notNpy(final String name, final String why) {
		return new BoneXRException("The file " + name +
			" is not a valid NumPy .npy array: " + why + ".",
			"Write test arrays with numpy.save (float32, C order).");
	}
}

package org.bonexr.ct;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.InflaterInputStream;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;

/**
 * Reads MetaImage volumes ({@code .mha} with the voxels inline, {@code .mhd}
 * with a separate raw file), the format of ITK and plastimatch, into a
 * {@link CtVolume}.
 * <p>
 * Header keys used: {@code NDims} (3), {@code DimSize}, {@code ElementType}
 * (MET_UCHAR, MET_CHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT,
 * MET_DOUBLE), {@code ElementSpacing} (mm), {@code Offset}
 * (alias {@code Position}, {@code Origin}: the centre of the first voxel, mm),
 * {@code TransformMatrix} (alias {@code Rotation}, {@code Orientation}: as ITK
 * writes it, row d = patient-space direction of voxel axis d),
 * {@code BinaryDataByteOrderMSB}/{@code ElementByteOrderMSB},
 * {@code CompressedData} (zlib), {@code HeaderSize} and
 * {@code ElementDataFile} ({@code LOCAL} or a file beside the header).
 * MetaImage coordinates are DICOM LPS, as in {@link CtVolume}. A header
 * without {@code ElementSpacing} is refused.
 */
public final class MetaImageReader {

	private MetaImageReader() {}

	/** Reads the volume in {@code file}. */
	public static CtVolume read(final Path file) throws IOException {
		final String name = CtFiles.baseName(file);
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file),
			1 << 16))
		{
			final Map<String, String> header = readHeader(in, name);
			final String dataFile = header.get("elementdatafile");
			if ("LOCAL".equalsIgnoreCase(dataFile)) {
				return decode(header, in, name);
			}
			if (dataFile.contains("%") || dataFile.toUpperCase(Locale.ROOT)
				.startsWith("LIST"))
			{
				throw refuse(name, "its voxels are in a list of slice files",
					"Convert it to a single .mha (plastimatch convert).");
			}
			final Path raw = file.resolveSibling(dataFile);
			try (InputStream rin = new BufferedInputStream(Files.newInputStream(raw),
				1 << 16))
			{
				final long headerSize = (long) number(header, "headersize", name, 0);
				if (headerSize > 0) CtFiles.skipFully(rin, headerSize);
				if (headerSize < 0) CtFiles.skipFully(rin, Files.size(raw) - dataBytes(header,
					name));
				return decode(header, rin, name);
			}
		}
		catch (final EOFException e) {
			throw new BoneXRException("The MetaImage " + file +
				" ends before all voxels were read.",
				"The file is truncated: write or copy it again.", e);
		}
	}

	/** Header lines up to and including ElementDataFile; keys lower case. */
	private static Map<String, String> readHeader(final InputStream in,
		final String name) throws IOException
	{
		final Map<String, String> header = new HashMap<>();
		final ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			final int b = in.read();
			if (b < 0) throw refuse(name, "it has no ElementDataFile line",
				"Open a MetaImage (.mha/.mhd) written by ITK or plastimatch.");
			if (b != '\n') {
				line.write(b);
				if (line.size() > 4096) throw refuse(name,
					"its header is not MetaImage text",
					"Open a MetaImage (.mha/.mhd) written by ITK or plastimatch.");
				continue;
			}
			final String text = line.toString(StandardCharsets.ISO_8859_1).trim();
			line.reset();
			final int eq = text.indexOf('=');
			if (eq < 0) continue;
			final String key = text.substring(0, eq).trim().toLowerCase(Locale.ROOT);
			header.put(key, text.substring(eq + 1).trim());
			if (key.equals("elementdatafile")) return header;
		}
	}

	private static CtVolume decode(final Map<String, String> header,
		final InputStream in, final String name) throws IOException
	{
		final int[] dims = dims(header, name);
		final VoxelType type = type(header, name);
		if (number(header, "elementnumberofchannels", name, 1) != 1) {
			throw refuse(name, "it has more than one value per voxel",
				"Open a scalar CT volume.");
		}
		final double[] spacing = vector(header, name, 3, "elementspacing");
		if (spacing == null) {
			throw new BoneXRException("The MetaImage '" + name +
				"' has no ElementSpacing, so its voxel size is unknown.",
				"Add 'ElementSpacing = sx sy sz' (mm) to its header.");
		}
		final double[] origin = vector(header, name, 3, "offset", "position",
			"origin");
		final double[] direction = vector(header, name, 9, "transformmatrix",
			"rotation", "orientation");
		final boolean msb = Boolean.parseBoolean(header.getOrDefault(
			"binarydatabyteordermsb", header.getOrDefault("elementbyteordermsb",
				"False")));
		final boolean compressed = Boolean.parseBoolean(header.getOrDefault(
			"compresseddata", "False"));

		final byte[] data = new byte[(int) dataBytes(header, name)];
		new DataInputStream(compressed ? new InflaterInputStream(in) : in)
			.readFully(data);
		final float[] voxels = new float[dims[0] * dims[1] * dims[2]];
		type.decode(ByteBuffer.wrap(data).order(msb ? ByteOrder.BIG_ENDIAN
			: ByteOrder.LITTLE_ENDIAN), voxels, 1, 0);
		return new CtVolume(name, ArrayImgs.floats(voxels, dims[0], dims[1],
			dims[2]), spacing, origin, direction);
	}

	private static long dataBytes(final Map<String, String> header,
		final String name)
	{
		final int[] d = dims(header, name);
		final long bytes = (long) d[0] * d[1] * d[2] * type(header, name).bytes();
		if (bytes > Integer.MAX_VALUE - 8) {
			throw refuse(name, "it is too large to read at once (" + Arrays.toString(
				d) + ")", "Crop or downsample it first (e.g. plastimatch resample).");
		}
		return bytes;
	}

	private static int[] dims(final Map<String, String> header,
		final String name)
	{
		if (number(header, "ndims", name, 0) != 3) {
			throw refuse(name, "it is not a 3D image (NDims = " + header.get(
				"ndims") + ")", "Open a 3D CT volume.");
		}
		final double[] d = vector(header, name, 3, "dimsize");
		if (d == null || d[0] < 1 || d[1] < 1 || d[2] < 1) {
			throw refuse(name, "its DimSize is missing or empty",
				"Open a MetaImage written by ITK or plastimatch.");
		}
		return new int[] { (int) d[0], (int) d[1], (int) d[2] };
	}

	private static VoxelType type(final Map<String, String> header,
		final String name)
	{
		final String t = header.getOrDefault("elementtype", "");
		switch (t.toUpperCase(Locale.ROOT)) {
			case "MET_UCHAR":
				return VoxelType.UINT8;
			case "MET_CHAR":
				return VoxelType.INT8;
			case "MET_SHORT":
				return VoxelType.INT16;
			case "MET_USHORT":
				return VoxelType.UINT16;
			case "MET_INT":
			case "MET_LONG":
				return VoxelType.INT32;
			case "MET_UINT":
			case "MET_ULONG":
				return VoxelType.UINT32;
			case "MET_FLOAT":
				return VoxelType.FLOAT32;
			case "MET_DOUBLE":
				return VoxelType.FLOAT64;
			default:
				throw refuse(name, "its ElementType '" + t + "' is not read by BoneXR",
					"Convert it to MET_SHORT or MET_FLOAT (plastimatch convert --output-type).");
		}
	}

	/** The first present key's n numbers, or null if none is present. */
	private static double[] vector(final Map<String, String> header,
		final String name, final int n, final String... keys)
	{
		for (final String key : keys) {
			final String v = header.get(key);
			if (v == null) continue;
			final String[] parts = v.trim().split("\\s+");
			if (parts.length != n) {
				throw refuse(name, "its " + key + " has " + parts.length +
					" numbers instead of " + n, "Fix the header.");
			}
			final double[] out = new double[n];
			for (int i = 0; i < n; i++)
				out[i] = parse(parts[i], key, name);
			return out;
		}
		return null;
	}

	private static double number(final Map<String, String> header,
		final String key, final String name, final double absent)
	{
		final String v = header.get(key);
		return v == null ? absent : parse(v.trim(), key, name);
	}

	private static double parse(final String s, final String key,
		final String name)
	{
		try {
			return Double.parseDouble(s);
		}
		catch (final NumberFormatException e) {
			throw refuse(name, "its " + key + " value '" + s + "' is not a number",
				"Fix the header.");
		}
	}

	private static BoneXRException refuse(final String name, final String why,
		final String fix)
	{
		return new BoneXRException("The MetaImage '" + name + "' cannot be read: " +
			why + ".", fix);
	}
}

package org.bonexr.ct;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Writes a {@link CtVolume} as a single-file MetaImage ({@code .mha}: text
 * header, then the voxels uncompressed, little endian), readable by ITK and
 * plastimatch. Geometry as in {@link MetaImageReader}: {@code Offset} = centre
 * of the first voxel (mm, LPS), {@code TransformMatrix} row d = direction of
 * voxel axis d, {@code ElementSpacing} in mm.
 */
public final class MetaImageWriter {

	/** How voxel values are stored. */
	public enum Storage {
		/** MET_SHORT: values rounded and saturated to −32768…32767 (HU, labels). */
		INT16(VoxelType.INT16, "MET_SHORT"),
		/** MET_FLOAT: values as they are. */
		FLOAT32(VoxelType.FLOAT32, "MET_FLOAT");

		private final VoxelType type;
		private final String metaName;

		Storage(final VoxelType type, final String metaName) {
			this.type = type;
			this.metaName = metaName;
		}
	}

	private MetaImageWriter() {}

	/** Writes {@code volume} to {@code file} (normally ending in .mha). */
	public static void write(final CtVolume volume, final Path file,
		final Storage storage) throws IOException
	{
		final StringBuilder h = new StringBuilder();
		h.append("ObjectType = Image\nNDims = 3\nBinaryData = True\n");
		h.append("BinaryDataByteOrderMSB = False\nCompressedData = False\n");
		h.append("TransformMatrix =").append(numbers(volume.direction())).append(
			'\n');
		h.append("Offset =").append(numbers(volume.originMm())).append('\n');
		h.append("CenterOfRotation = 0 0 0\n");
		h.append("ElementSpacing =").append(numbers(volume.spacingMm())).append(
			'\n');
		h.append("DimSize = ").append(volume.dimension(0)).append(' ').append(volume
			.dimension(1)).append(' ').append(volume.dimension(2)).append('\n');
		h.append("ElementType = ").append(storage.metaName).append('\n');
		h.append("ElementDataFile = LOCAL\n");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(
			file), 1 << 16))
		{
			out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
			final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(
				ByteOrder.LITTLE_ENDIAN);
			final Cursor<FloatType> c = Views.flatIterable(volume.voxels()).cursor();
			while (c.hasNext()) {
				if (buf.remaining() < 8) {
					out.write(buf.array(), 0, buf.position());
					buf.clear();
				}
				storage.type.write(buf, c.next().getRealDouble());
			}
			out.write(buf.array(), 0, buf.position());
		}
	}

	private static String numbers(final double[] values) {
		final StringBuilder s = new StringBuilder();
		for (final double v : values)
			s.append(' ').append(String.format(Locale.ROOT, "%.10g", v).replaceFirst(
				"\\.?0+(e|$)", "$1"));
		return s.toString();
	}
}

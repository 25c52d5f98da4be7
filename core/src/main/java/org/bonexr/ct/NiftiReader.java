package org.bonexr.ct;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;

/**
 * Reads single-file NIfTI-1 volumes ({@code .nii}, {@code .nii.gz}) into a
 * {@link CtVolume}.
 * <p>
 * Follows the NIfTI-1 header definition (nifti1.h, NIfTI DFWG 2004): byte
 * order from {@code sizeof_hdr}; data types uint8, int8, int16, uint16, int32,
 * uint32, float32 and float64; voxel values rescaled by
 * {@code scl_slope·v + scl_inter} when {@code scl_slope} is neither 0 nor
 * NaN. Geometry from the sform when {@code sform_code > 0}, else from the
 * qform quaternion when {@code qform_code > 0}, else from {@code pixdim} alone
 * (identity direction, origin 0). NIfTI world coordinates are RAS+; they are
 * converted to the DICOM LPS+ convention of {@link CtVolume} by negating x and
 * y. Spatial units from {@code xyzt_units} (m, mm, µm) are converted to mm;
 * "unknown" units are taken as mm, as most writers mean.
 */
public final class NiftiReader {

	private static final int HEADER_BYTES = 348;

	private NiftiReader() {}

	/** Reads the volume in {@code file}; name = file name without extension. */
	public static CtVolume read(final Path file) throws IOException {
		final boolean gz = file.getFileName().toString().toLowerCase().endsWith(
			".gz");
		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file),
			1 << 16); InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw)
		{
			return read(new DataInputStream(in), CtFiles.baseName(file));
		}
		catch (final EOFException e) {
			throw new BoneXRException("The NIfTI file " + file +
				" ends before all voxels were read.",
				"The file is truncated: copy or export it again.", e);
		}
	}

	private static CtVolume read(final DataInputStream in, final String name)
		throws IOException
	{
		final byte[] headerBytes = new byte[HEADER_BYTES];
		in.readFully(headerBytes);
		final ByteBuffer h = ByteBuffer.wrap(headerBytes).order(
			ByteOrder.LITTLE_ENDIAN);
		if (h.getInt(0) != HEADER_BYTES) {
			h.order(ByteOrder.BIG_ENDIAN);
			if (h.getInt(0) != HEADER_BYTES) {
				throw notNifti(name, "its header size is not 348");
			}
		}
		final String magic = new String(headerBytes, 344, 3,
			java.nio.charset.StandardCharsets.US_ASCII);
		if (!"n+1".equals(magic)) {
			throw notNifti(name, "'ni1' (separate .hdr/.img) and ANALYZE files " +
				"are not read, magic is '" + magic + "'");
		}
		final int[] dim = new int[8];
		for (int i = 0; i < 8; i++)
			dim[i] = h.getShort(40 + 2 * i);
		checkThreeD(name, dim);
		final VoxelType type = type(name, h.getShort(70));
		final double[] pixdim = new double[8];
		for (int i = 0; i < 8; i++)
			pixdim[i] = h.getFloat(76 + 4 * i);
		final long voxOffset = (long) h.getFloat(108);
		final double slope = h.getFloat(112);
		final double inter = h.getFloat(116);
		final double unitMm = unitMm(h.get(123) & 0x07);

		final long nVoxels = (long) dim[1] * dim[2] * dim[3];
		if (nVoxels * type.bytes() > Integer.MAX_VALUE - 8) {
			throw new BoneXRException("The NIfTI volume '" + name + "' (" + dim[1] +
				"×" + dim[2] + "×" + dim[3] + ") is too large to read at once.",
				"Crop or downsample it first (e.g. plastimatch resample).");
		}
		CtFiles.skipFully(in, Math.max(0, voxOffset - HEADER_BYTES));
		final byte[] data = new byte[(int) (nVoxels * type.bytes())];
		in.readFully(data);
		final float[] voxels = new float[(int) nVoxels];
		final boolean scaled = slope != 0 && !Double.isNaN(slope);
		type.decode(ByteBuffer.wrap(data).order(h.order()), voxels, scaled ? slope
			: 1, scaled ? inter : 0);

		final Geometry g = geometry(h, pixdim, unitMm);
		return new CtVolume(name, ArrayImgs.floats(voxels, dim[1], dim[2], dim[3]),
			g.spacing, g.origin, g.direction);
	}

	/** Spacing, origin and direction (LPS) of the volume. */
	private static final class Geometry {

		final double[] spacing = new double[3];
		final double[] origin = new double[3];
		final double[] direction = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
	}

	private static Geometry geometry(final ByteBuffer h, final double[] pixdim,
		final double unitMm)
	{
		final Geometry g = new Geometry();
		final double[][] affine = new double[3][4]; // RAS, in file units
		if (h.getShort(254) > 0) {
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 4; c++)
					affine[r][c] = h.getFloat(280 + 16 * r + 4 * c);
		}
		else if (h.getShort(252) > 0) {
			quaternAffine(h, pixdim, affine);
		}
		else {
			for (int d = 0; d < 3; d++) {
				g.spacing[d] = pixdim[d + 1] * unitMm;
			}
			return g;
		}
		for (int d = 0; d < 3; d++) {
			final double len = Math.sqrt(affine[0][d] * affine[0][d] + affine[1][d] *
				affine[1][d] + affine[2][d] * affine[2][d]);
			g.spacing[d] = len * unitMm;
			for (int r = 0; r < 3; r++) {
				final double lps = r < 2 ? -affine[r][d] : affine[r][d];
				g.direction[3 * d + r] = len > 0 ? lps / len : (r == d ? 1 : 0);
			}
			g.origin[d] = (d < 2 ? -affine[d][3] : affine[d][3]) * unitMm;
		}
		return g;
	}

	/** The qform affine (RAS): rotation from quaternion b, c, d; qfac from pixdim[0]. */
	private static void quaternAffine(final ByteBuffer h, final double[] pixdim,
		final double[][] affine)
	{
		final double b = h.getFloat(256);
		final double c = h.getFloat(260);
		final double d = h.getFloat(264);
		final double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
		final double[][] rot = { //
			{ a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a *
				c) }, //
			{ 2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a *
				b) }, //
			{ 2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b *
				b } };
		final double qfac = pixdim[0] < 0 ? -1 : 1;
		final double[] scale = { pixdim[1], pixdim[2], qfac * pixdim[3] };
		for (int r = 0; r < 3; r++) {
			for (int col = 0; col < 3; col++)
				affine[r][col] = rot[r][col] * scale[col];
			affine[r][3] = h.getFloat(268 + 4 * r);
		}
	}

	private static void checkThreeD(final String name, final int[] dim) {
		boolean ok = dim[0] >= 3 && dim[0] <= 7 && dim[1] > 0 && dim[2] > 0 &&
			dim[3] > 0;
		for (int i = 4; ok && i <= dim[0]; i++)
			ok = dim[i] <= 1;
		if (!ok) {
			throw new BoneXRException("The NIfTI file '" + name +
				"' is not a single 3D volume (dim = " + java.util.Arrays.toString(
					dim) + ").", "Extract one 3D volume (e.g. fslroi) and open that.");
		}
	}

	private static VoxelType type(final String name, final short code) {
		switch (code) {
			case 2:
				return VoxelType.UINT8;
			case 4:
				return VoxelType.INT16;
			case 8:
				return VoxelType.INT32;
			case 16:
				return VoxelType.FLOAT32;
			case 64:
				return VoxelType.FLOAT64;
			case 256:
				return VoxelType.INT8;
			case 512:
				return VoxelType.UINT16;
			case 768:
				return VoxelType.UINT32;
			default:
				throw new BoneXRException("The NIfTI file '" + name +
					"' stores voxels as data type " + code + ", which BoneXR does not read.",
					"Convert it to int16 or float32 (e.g. plastimatch convert --output-type float).");
		}
	}

	private static double unitMm(final int code) {
		switch (code) {
			case 1:
				return 1000;
			case 3:
				return 0.001;
			default:
				return 1;
		}
	}

	private static BoneXRException notNifti(final String name,
		final String why)
	{
		return new BoneXRException("'" + name + "' is not a NIfTI-1 file: " + why +
			".", "Open a .nii or .nii.gz file written as NIfTI-1 (single file).");
	}
}

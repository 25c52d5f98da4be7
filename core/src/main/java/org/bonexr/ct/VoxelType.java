package org.bonexr.ct;

import java.nio.ByteBuffer;

/**
 * Element types of raw voxel data in CT files (NIfTI, MetaImage), decoded to
 * float with a linear rescale {@code value = slope · stored + intercept}.
 */
enum VoxelType {
	UINT8(1), INT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4),
	FLOAT64(8);

	private final int bytes;

	VoxelType(final int bytes) {
		this.bytes = bytes;
	}

	/** Size of one element in bytes. */
	int bytes() {
		return bytes;
	}

	/**
	 * Decodes {@code out.length} elements from {@code in} (its position and byte
	 * order) into {@code out}, applying {@code slope · stored + intercept}.
	 */
	void decode(final ByteBuffer in, final float[] out, final double slope,
		final double intercept)
	{
		final boolean identity = slope == 1 && intercept == 0;
		for (int i = 0; i < out.length; i++) {
			final double v = read(in);
			out[i] = (float) (identity ? v : slope * v + intercept);
		}
	}

	private double read(final ByteBuffer in) {
		switch (this) {
			case UINT8:
				return in.get() & 0xff;
			case INT8:
				return in.get();
			case INT16:
				return in.getShort();
			case UINT16:
				return in.getShort() & 0xffff;
			case INT32:
				return in.getInt();
			case UINT32:
				return in.getInt() & 0xffffffffL;
			case FLOAT32:
				return in.getFloat();
			default:
				return in.getDouble();
		}
	}

	/** Encodes one value, rounding and saturating for integer types. */
	void write(final ByteBuffer out, final double v) {
		switch (this) {
			case UINT8:
				out.put((byte) clampRound(v, 0, 255));
				break;
			case INT8:
				out.put((byte) clampRound(v, Byte.MIN_VALUE, Byte.MAX_VALUE));
				break;
			case INT16:
				out.putShort((short) clampRound(v, Short.MIN_VALUE, Short.MAX_VALUE));
				break;
			case UINT16:
				out.putShort((short) clampRound(v, 0, 65535));
				break;
			case INT32:
				out.putInt((int) clampRound(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
				break;
			case UINT32:
				out.putInt((int) clampRound(v, 0, 4294967295L));
				break;
			case FLOAT32:
				out.putFloat((float) v);
				break;
			default:
				out.putDouble(v);
		}
	}

	private static long clampRound(final double v, final double min,
		final double max)
	{
		return Math.round(Math.max(min, Math.min(max, v)));
	}
}

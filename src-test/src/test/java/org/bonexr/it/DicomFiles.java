package org.bonexr.it;

import ij.process.ImageProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small DICOM radiographs (explicit VR little endian, 16 bits
 * allocated and stored, one frame) for tests that need a header the shared
 * NEMA files do not have: MONOCHROME1 with a pixel spacing, no spacing at
 * all, or a compressed transfer syntax with a placeholder payload (only the
 * header is read before such a file is refused).
 */
final class DicomFiles {

	static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";
	static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";

	private DicomFiles() {}

	/**
	 * @param intensity 16-bit values (detected intensity, grows with exposure)
	 * @param monochrome1 store 65535 − value and say MONOCHROME1
	 * @param spacingMm Pixel Spacing (0028,0030), or NaN for none
	 * @param transferSyntax transfer syntax UID; other than
	 *          {@link #EXPLICIT_LITTLE}, the pixel data is a placeholder
	 */
	static Path write(final Path file, final ImageProcessor intensity,
		final boolean monochrome1, final double spacingMm,
		final String transferSyntax) throws IOException
	{
		final int w = intensity.getWidth(), h = intensity.getHeight();
		final ByteArrayOutputStream meta = new ByteArrayOutputStream();
		element(meta, 0x0002, 0x0001, "OB", new byte[] { 0, 1 });
		element(meta, 0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.1.1"));
		element(meta, 0x0002, 0x0003, "UI", uid("1.2.826.0.1.3680043.2.1125.1"));
		element(meta, 0x0002, 0x0010, "UI", uid(transferSyntax));
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[128]);
		out.write("DICM".getBytes(StandardCharsets.US_ASCII));
		element(out, 0x0002, 0x0000, "UL", le(4).putInt(meta.size()).array());
		meta.writeTo(out);
		element(out, 0x0008, 0x0060, "CS", text("DX"));
		element(out, 0x0028, 0x0002, "US", u16(1));
		element(out, 0x0028, 0x0004, "CS", text(monochrome1 ? "MONOCHROME1"
			: "MONOCHROME2"));
		element(out, 0x0028, 0x0010, "US", u16(h));
		element(out, 0x0028, 0x0011, "US", u16(w));
		if (!Double.isNaN(spacingMm)) {
			element(out, 0x0028, 0x0030, "DS", text(spacingMm + "\\" + spacingMm));
		}
		element(out, 0x0028, 0x0100, "US", u16(16));
		element(out, 0x0028, 0x0101, "US", u16(16));
		element(out, 0x0028, 0x0102, "US", u16(15));
		element(out, 0x0028, 0x0103, "US", u16(0));
		final ByteBuffer px = le(2 * w * h);
		for (int i = 0; i < w * h; i++) {
			final int v = intensity.get(i);
			px.putShort((short) (monochrome1 ? 65535 - v : v));
		}
		element(out, 0x7FE0, 0x0010, "OW", EXPLICIT_LITTLE.equals(transferSyntax)
			? px.array() : new byte[16]);
		return Files.write(file, out.toByteArray());
	}

	private static void element(final ByteArrayOutputStream out,
		final int group, final int elem, final String vr, final byte[] value)
	{
		final boolean longForm = vr.equals("OB") || vr.equals("OW");
		final ByteBuffer b = le(longForm ? 12 : 8);
		b.putShort((short) group).putShort((short) elem);
		b.put(vr.getBytes(StandardCharsets.US_ASCII));
		if (longForm) b.putShort((short) 0).putInt(value.length);
		else b.putShort((short) value.length);
		out.write(b.array(), 0, b.capacity());
		out.write(value, 0, value.length);
	}

	private static ByteBuffer le(final int n) {
		return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static byte[] u16(final int v) {
		return le(2).putShort((short) v).array();
	}

	/** Even-length text padded with a space. */
	private static byte[] text(final String s) {
		return pad(s, (byte) ' ');
	}

	/** Even-length UID padded with NUL. */
	private static byte[] uid(final String s) {
		return pad(s, (byte) 0);
	}

	private static byte[] pad(final String s, final byte fill) {
		final byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
		final byte[] b = new byte[raw.length + (raw.length % 2)];
		System.arraycopy(raw, 0, b, 0, raw.length);
		if (b.length > raw.length) b[raw.length] = fill;
		return b;
	}
}

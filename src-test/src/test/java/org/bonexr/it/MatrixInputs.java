package org.bonexr.it;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.bonexr.core.SharedData;

/**
 * The inputs of the reliability matrix, written once into a folder: for each
 * kind of image a command takes ({@link Flavour}) its good versions (8, 16,
 * 32 bits, MONOCHROME1 DICOM, DICOM without spacing) and its bad ones (RGB,
 * NaN/Inf, 1×1, stack, 2D where a CT is expected, ROI outside the image),
 * and the faulty models made from the shipped ones. Inputs are hashed when
 * written, so that a cell can prove it left them byte for byte unchanged.
 */
final class MatrixInputs {

	/** What a command reads. */
	enum Flavour {
		/** {@link TestImages#knownAttenuation16Bit}: attenuation known at every pixel. */
		KNEE,
		/** The joint phantom of sample-images (joint-phantom-intensity.tif, 0.1 mm). */
		JOINT,
		/** The hip phantom radiograph of sample-images (hip-phantom-intensity.tif, 0.5 mm). */
		HIP,
		/** The hip phantom CT of sample-images (hip-phantom-ct.tif, HU, 1 mm). */
		CT
	}

	/** Name of the ../ entry of the zip-slip model (it must not appear beside the unpacked model). */
	static final String ESCAPED = "bonexr-matrix-escaped.txt";

	/** ROI that lies wholly outside every image here, px. */
	static final Roi OUTSIDE = new Roi(5000, 5000, 40, 40);

	final Path dir;
	private final Map<Path, String> hashes = new LinkedHashMap<>();

	MatrixInputs(final Path dir) throws IOException {
		this.dir = Files.createDirectories(dir);
		for (final Flavour f : Flavour.values())
			write(f);
	}

	/** The input file of a flavour, e.g. {@code file(JOINT, "8bit.tif")}. */
	Path file(final Flavour f, final String variant) {
		return dir.resolve(f.name().toLowerCase() + "-" + variant);
	}

	/** A model file made faulty in the given way (see {@link #writeModels}). */
	Path model(final String kind) {
		return dir.resolve("models").resolve(kind);
	}

	/** A regular file: folders "under" it cannot be created, even by root. */
	Path regularFile() {
		return dir.resolve("a-regular-file");
	}

	/** The sha256 of a file now. */
	static String sha256(final Path file) {
		try (java.io.InputStream in = Files.newInputStream(file)) {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final byte[] buf = new byte[1 << 20];
			for (int n; (n = in.read(buf)) > 0;)
				md.update(buf, 0, n);
			final byte[] d = md.digest();
			final StringBuilder s = new StringBuilder();
			for (final byte b : d) s.append(String.format("%02x", b));
			return s.toString();
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Files whose content differs from when they were written (or hashed). */
	Map<Path, String> changed() {
		final Map<Path, String> out = new LinkedHashMap<>();
		hashes.forEach((p, h) -> {
			if (!Files.exists(p)) out.put(p, "deleted");
			else if (!sha256(p).equals(h)) out.put(p, "changed");
		});
		return out;
	}

	/** Whether a tracked file still has the content it had when tracked. */
	boolean unchanged(final Path file) {
		final String h = hashes.get(file);
		if (h == null) throw new IllegalStateException("untracked input " + file);
		return Files.exists(file) && sha256(file).equals(h);
	}

	/** Hashes a file that is an input without being written here. */
	Path track(final Path file) {
		hashes.put(file, sha256(file));
		return file;
	}

	// -- writing --

	private void write(final Flavour f) throws IOException {
		final ImagePlus base = base(f);
		if (f == Flavour.CT) {
			writeCt(base);
			return;
		}
		final ImagePlus b16 = bits(base, 16);
		save(bits(base, 8), file(f, "8bit.tif"));
		save(b16, file(f, "16bit.tif"));
		save(bits(base, 32), file(f, "32bit.tif"));
		final ImagePlus visit2 = b16.duplicate();
		visit2.setTitle("visit2.tif");
		save(visit2, file(f, "visit2.tif"));
		final ImagePlus rgb = new ImagePlus("rgb", b16.getProcessor().convertToRGB());
		rgb.setCalibration(b16.getCalibration());
		save(rgb, file(f, "rgb.tif"));
		save(withNonFinite(bits(base, 32)), file(f, "nan.tif"));
		final ShortProcessor one = new ShortProcessor(1, 1);
		one.set(0, 0, 1000);
		final ImagePlus tiny = new ImagePlus("tiny", one);
		tiny.setCalibration(b16.getCalibration());
		save(tiny, file(f, "1x1.tif"));
		final ImageStack s = new ImageStack(b16.getWidth(), b16.getHeight());
		for (int k = 0; k < 3; k++) s.addSlice(b16.getProcessor().duplicate());
		final ImagePlus stack = new ImagePlus("stack", s);
		stack.setCalibration(b16.getCalibration());
		save(stack, file(f, "stack.tif"));
		final ImagePlus outside = b16.duplicate();
		outside.setRoi((Roi) OUTSIDE.clone());
		save(outside, file(f, "roi-outside.tif"));
		final double mm = b16.getCalibration().pixelWidth;
		DicomFiles.write(file(f, "mono1.dcm"), b16.getProcessor(), true, mm,
			DicomFiles.EXPLICIT_LITTLE);
		DicomFiles.write(file(f, "no-spacing.dcm"), b16.getProcessor(), false,
			Double.NaN, DicomFiles.EXPLICIT_LITTLE);
		DicomFiles.write(file(f, "jpeg2000.dcm"), b16.getProcessor(), false, mm,
			DicomFiles.JPEG_2000_LOSSLESS);
		DicomFiles.write(file(f, "visit2-no-spacing.dcm"), b16.getProcessor(),
			false, Double.NaN, DicomFiles.EXPLICIT_LITTLE);
		Stream.of("8bit.tif", "16bit.tif", "32bit.tif", "visit2.tif", "rgb.tif",
			"nan.tif", "1x1.tif", "stack.tif", "roi-outside.tif", "mono1.dcm",
			"no-spacing.dcm", "jpeg2000.dcm", "visit2-no-spacing.dcm").forEach(
				v -> track(file(f, v)));
		if (f == Flavour.HIP) writeCalibrationCsvs();
	}

	/** The CT in 8 bits (HU = 10 v − 1000), 16 (as shipped) and 32 bits (HU), RGB, with NaN, one slice, 1×1. */
	private void writeCt(final ImagePlus ct) throws IOException {
		final int n = ct.getStackSize();
		final ImageStack s8 = new ImageStack(ct.getWidth(), ct.getHeight());
		final ImageStack s32 = new ImageStack(ct.getWidth(), ct.getHeight());
		final ImageStack rgb = new ImageStack(ct.getWidth(), ct.getHeight());
		final Calibration cal = ct.getCalibration();
		for (int z = 1; z <= n; z++) {
			final ImageProcessor ip = ct.getStack().getProcessor(z);
			final ByteProcessor b = new ByteProcessor(ip.getWidth(), ip.getHeight());
			final FloatProcessor fl = new FloatProcessor(ip.getWidth(), ip
				.getHeight());
			for (int i = 0; i < ip.getPixelCount(); i++) {
				final double hu = cal.getCValue(ip.get(i));
				b.set(i, (int) Math.round((hu + 1000) / 10));
				fl.setf(i, (float) hu);
			}
			s8.addSlice(b);
			s32.addSlice(fl);
			rgb.addSlice(b.convertToRGB());
		}
		final ImagePlus c8 = new ImagePlus("ct-8bit", s8);
		c8.setCalibration(spatial(cal));
		c8.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] {
			-1000, 10 }, "HU");
		save(c8, file(Flavour.CT, "8bit.tif"));
		save(ct, file(Flavour.CT, "16bit.tif"));
		final ImagePlus c32 = new ImagePlus("ct-32bit", s32);
		c32.setCalibration(spatial(cal));
		save(c32, file(Flavour.CT, "32bit.tif"));
		final ImagePlus cRgb = new ImagePlus("ct-rgb", rgb);
		cRgb.setCalibration(spatial(cal));
		save(cRgb, file(Flavour.CT, "rgb.tif"));
		final ImageStack nan = s32.duplicate();
		((FloatProcessor) nan.getProcessor(n / 2)).setf(10, 10, Float.NaN);
		((FloatProcessor) nan.getProcessor(n / 2)).setf(11, 10,
			Float.POSITIVE_INFINITY);
		final ImagePlus cNan = new ImagePlus("ct-nan", nan);
		cNan.setCalibration(spatial(cal));
		save(cNan, file(Flavour.CT, "nan.tif"));
		final ImagePlus slice = new ImagePlus("ct-slice", s32.getProcessor(n / 2)
			.duplicate());
		slice.setCalibration(spatial(cal));
		save(slice, file(Flavour.CT, "2d.tif"));
		final ImagePlus tiny = new ImagePlus("ct-1x1", new FloatProcessor(1, 1));
		tiny.setCalibration(spatial(cal));
		save(tiny, file(Flavour.CT, "1x1.tif"));
		try (OutputStream out = Files.newOutputStream(file(Flavour.CT,
			"roi-outside.roi")))
		{
			new RoiEncoder(out).write((Roi) OUTSIDE.clone());
		}
		Stream.of("8bit.tif", "16bit.tif", "32bit.tif", "rgb.tif", "nan.tif",
			"2d.tif", "1x1.tif", "roi-outside.roi").forEach(v -> track(file(
				Flavour.CT, v)));
	}

	/**
	 * One DXA calibration CSV per hip input: the input itself, estimated by
	 * the command, and two radiographs with their estimates given.
	 */
	private void writeCalibrationCsvs() throws IOException {
		for (final String v : new String[] { "8bit.tif", "16bit.tif", "32bit.tif",
			"rgb.tif", "nan.tif", "1x1.tif", "stack.tif", "mono1.dcm",
			"no-spacing.dcm", "jpeg2000.dcm", "jpeg-lossless.dcm" })
		{
			final String image = v.equals("jpeg-lossless.dcm") ? "RG2_JPLL.dcm"
				: file(Flavour.HIP, v).getFileName().toString();
			final Path csv = dir.resolve("calibration-" + v.replace('.', '-') +
				".csv");
			Files.write(csv, String.join("\n", "image,dxa_bmd,estimate_bmd", image +
				",0.85,", "other-a.tif,0.62,0.55", "other-b.tif,1.05,0.98", "")
				.getBytes(StandardCharsets.UTF_8));
			track(csv);
		}
	}

	/** The CSV of a hip input for Calibrate BMD Against DXA. */
	Path calibrationCsv(final String variant) {
		return dir.resolve("calibration-" + variant.replace('.', '-') + ".csv");
	}

	/** The real JPEG lossless NEMA file beside the hip CSVs (skips when shared data is absent). */
	Path jpegLossless() throws IOException {
		final Path target = dir.resolve("RG2_JPLL.dcm");
		if (!Files.exists(target)) {
			Files.createSymbolicLink(target, SharedData.file(
				"dicom-nema/RG2_JPLL.dcm").toAbsolutePath());
			track(target);
		}
		return target;
	}

	// -- 10000 × 10000 --

	/** Side of the huge image, px. */
	static final int HUGE = 10000;

	/**
	 * A {@value #HUGE}² radiograph of the flavour, written on first use: the
	 * small image in its top-left corner, open field (the small image's I0
	 * estimate) everywhere else, so that a command that completes gives the
	 * small image's result. KNEE and JOINT 16-bit at 0.1 mm (200 MB), HIP
	 * 32-bit at 0.5 mm (400 MB).
	 */
	synchronized Path huge(final Flavour f) throws IOException {
		final Path file = file(f, "huge.tif");
		if (Files.exists(file)) return file;
		final ImageProcessor small = f == Flavour.HIP ? IJ.openImage(file(f,
			"32bit.tif").toString()).getProcessor() : IJ.openImage(file(f,
				"16bit.tif").toString()).getProcessor();
		final ImageProcessor big = f == Flavour.HIP ? new FloatProcessor(HUGE,
			HUGE) : new ShortProcessor(HUGE, HUGE);
		big.setValue(openField(small));
		big.fill();
		big.insert(small, 0, 0);
		final ImagePlus imp = new ImagePlus("huge", big);
		imp.setCalibration(spatial(IJ.openImage(file(f, "16bit.tif").toString())
			.getCalibration()));
		save(imp, file);
		track(file);
		if (f == Flavour.HIP) {
			final Path csv = calibrationCsv("huge.tif");
			Files.write(csv, String.join("\n", "image,dxa_bmd,estimate_bmd", file
				.getFileName() + ",0.85,", "other-a.tif,0.62,0.55",
				"other-b.tif,1.05,0.98", "").getBytes(StandardCharsets.UTF_8));
			track(csv);
		}
		return file;
	}

	/** Median of the brightest 2 % (BoneXR's I0 estimate). */
	private static double openField(final ImageProcessor ip) {
		final float[] v = new float[ip.getPixelCount()];
		for (int i = 0; i < v.length; i++) v[i] = ip.getf(i);
		java.util.Arrays.sort(v);
		final int brightest = Math.max(1, (int) Math.round(v.length * 0.02));
		return v[v.length - 1 - brightest / 2];
	}

	// -- models --

	/**
	 * Faulty copies of a shipped model zip: {@code truncated.zip} (its first
	 * half), {@code sha-mismatch.zip} (weights changed, rdf.yaml not),
	 * {@code zip-slip.zip} (an extra entry {@code ../}{@value #ESCAPED}),
	 * {@code two-channels.zip} (rdf.yaml declares two input channels).
	 */
	void writeModels(final String prefix, final Path shippedZip)
		throws IOException
	{
		final Path models = Files.createDirectories(dir.resolve("models"));
		final byte[] zip = Files.readAllBytes(shippedZip);
		final Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(
			zip)))
		{
			for (ZipEntry e; (e = in.getNextEntry()) != null;)
				entries.put(e.getName(), in.readAllBytes());
		}
		track(Files.write(models.resolve(prefix + "-truncated.zip"), java.util.Arrays
			.copyOf(zip, zip.length / 2)));
		final Map<String, byte[]> damaged = new LinkedHashMap<>(entries);
		final byte[] w = damaged.get("weights.pt").clone();
		w[w.length / 2] ^= 0x5A;
		damaged.put("weights.pt", w);
		track(zip(models.resolve(prefix + "-sha-mismatch.zip"), damaged));
		final Map<String, byte[]> slip = new LinkedHashMap<>(entries);
		slip.put("../" + ESCAPED, "written outside".getBytes(
			StandardCharsets.UTF_8));
		track(zip(models.resolve(prefix + "-zip-slip.zip"), slip));
		final Map<String, byte[]> axes = new LinkedHashMap<>(entries);
		final String rdf = new String(entries.get("rdf.yaml"),
			StandardCharsets.UTF_8);
		final String twoChannels = rdf.replaceFirst(
			"(inputs:[\\s\\S]*?channel_names:\\n(\\s*)- \\S+\\n)", "$1$2- second\n");
		if (twoChannels.equals(rdf)) throw new IllegalStateException(
			"no input channel_names in the rdf.yaml of " + shippedZip);
		axes.put("rdf.yaml", twoChannels.getBytes(StandardCharsets.UTF_8));
		track(zip(models.resolve(prefix + "-two-channels.zip"), axes));
	}

	private static Path zip(final Path file, final Map<String, byte[]> entries)
		throws IOException
	{
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
				out.putNextEntry(new ZipEntry(e.getKey()));
				out.write(e.getValue());
				out.closeEntry();
			}
		}
		return Files.write(file, bytes.toByteArray());
	}

	// -- helpers --

	private static ImagePlus base(final Flavour f) {
		switch (f) {
			case KNEE:
				return TestImages.knownAttenuation16Bit();
			case JOINT:
				return IJ.openImage(JsnSample.file("joint-phantom-intensity.tif")
					.toString());
			case HIP:
				return IJ.openImage(JsnSample.file("hip-phantom-intensity.tif")
					.toString());
			default:
				return IJ.openImage(JsnSample.file("hip-phantom-ct.tif").toString());
		}
	}

	/**
	 * The intensity image at a bit depth: 8 bits scaled to 250 at the
	 * maximum, 16 bits to 40000, 32 bits as is (attenuation −ln(I/I0) does
	 * not depend on the scale).
	 */
	private static ImagePlus bits(final ImagePlus base, final int bitDepth) {
		final ImageProcessor src = base.getProcessor();
		final double max = src.getStatistics().max;
		final int w = src.getWidth(), h = src.getHeight();
		final ImageProcessor ip = bitDepth == 8 ? new ByteProcessor(w, h)
			: bitDepth == 16 ? new ShortProcessor(w, h) : new FloatProcessor(w, h);
		for (int i = 0; i < w * h; i++) {
			final double v = src.getf(i);
			if (bitDepth == 32) ip.setf(i, (float) v);
			else ip.set(i, (int) Math.round(v * (bitDepth == 8 ? 250 : 40000) /
				max));
		}
		final ImagePlus imp = new ImagePlus(base.getTitle(), ip);
		imp.setCalibration(spatial(base.getCalibration()));
		return imp;
	}

	private static ImagePlus withNonFinite(final ImagePlus imp) {
		imp.getProcessor().setf(3, 3, Float.NaN);
		imp.getProcessor().setf(4, 3, Float.POSITIVE_INFINITY);
		return imp;
	}

	/** Pixel size and unit only (no value calibration). */
	private static Calibration spatial(final Calibration c) {
		final Calibration s = new Calibration();
		s.pixelWidth = c.pixelWidth;
		s.pixelHeight = c.pixelHeight;
		s.pixelDepth = c.pixelDepth;
		s.setUnit(c.getUnit());
		return s;
	}

	private static void save(final ImagePlus imp, final Path file) {
		imp.setTitle(file.getFileName().toString());
		if (!IJ.saveAsTiff(imp, file.toString())) {
			throw new IllegalStateException("could not write " + file);
		}
	}
}

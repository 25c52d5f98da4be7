package org.bonexr.it.guide;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.MedianCut;

import java.awt.AWTException;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

/**
 * Screenshots of real AWT windows on the X display (Xvfb): the window's
 * screen pixels read back with {@link Robot} once it is shown and painted,
 * written as a palette PNG (exact when the window has at most 256 colours,
 * else ImageJ's median-cut reduction to 256) to keep the docs small.
 */
final class WindowCapture {

	private static final long TIMEOUT_MS = 20_000;
	private final Robot robot;

	WindowCapture() {
		try {
			robot = new Robot();
		}
		catch (final AWTException e) {
			throw new IllegalStateException("no screen to capture: run under " +
				"xvfb-run -s '-screen 0 2400x1400x24'", e);
		}
	}

	/**
	 * Puts the window at the top left, in front, the other windows out of its
	 * way, and captures it once it is painted (a window not yet drawn reads
	 * back as one flat colour).
	 */
	BufferedImage capture(final Window w) {
		onEdt(() -> {
			final int right = w.getWidth() + 20;
			for (final Window other : Window.getWindows()) {
				if (other != w && other.isShowing() && other.getX() < right) other
					.setLocation(right, other.getY());
			}
		});
		for (int attempt = 0;; attempt++) {
			// without a window manager, AWT's idea of where a new window is can
			// differ from the X server's: a real move puts it where we say
			onEdt(() -> w.setLocation(37, 37));
			settle();
			onEdt(() -> {
				w.setLocation(0, 0);
				w.toFront();
				w.repaint();
			});
			settle();
			final BufferedImage shot = robot.createScreenCapture(w.getBounds());
			if (!flat(shot)) return shot;
			if (attempt == 5) throw new IllegalStateException("window " + w
				.getName() + " stays blank on the screen");
		}
	}

	private static boolean flat(final BufferedImage image) {
		final int first = image.getRGB(0, 0);
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				if (image.getRGB(x, y) != first) return false;
		return true;
	}

	/** Captures the window into {@code out} (PNG). */
	void write(final Window w, final Path out) {
		writePng(capture(w), out);
	}

	/** The first showing window (frame or dialog) the predicate accepts. */
	static Window await(final Predicate<Window> which) {
		final long end = System.currentTimeMillis() + TIMEOUT_MS;
		while (System.currentTimeMillis() < end) {
			for (final Window w : Window.getWindows()) {
				if (w.isShowing() && which.test(w)) return w;
			}
			sleep(100);
		}
		throw new IllegalStateException("no such window appeared in " +
			TIMEOUT_MS / 1000 + " s");
	}

	static Predicate<Window> titled(final String title) {
		return w -> title.equals(w instanceof Frame ? ((Frame) w).getTitle()
			: w instanceof Dialog ? ((Dialog) w).getTitle() : null);
	}

	/** Closes every window, so the next shot starts on an empty screen. */
	static void closeAll() {
		onEdt(() -> {
			for (final Window w : Window.getWindows()) {
				if (w instanceof ij.ImageJ) continue;
				if (w instanceof ij.gui.ImageWindow) {
					final ImagePlus imp = ((ij.gui.ImageWindow) w).getImagePlus();
					if (imp != null) imp.changes = false;
				}
				w.dispose();
			}
		});
		ij.WindowManager.closeAllWindows();
	}

	/** Writes a palette PNG (8-bit indexed) of the screenshot. */
	static void writePng(final BufferedImage rgb, final Path out) {
		final int w = rgb.getWidth(), h = rgb.getHeight();
		final int[] argb = rgb.getRGB(0, 0, w, h, null, 0, w);
		final Set<Integer> colours = new HashSet<>();
		for (final int c : argb) {
			colours.add(c & 0xffffff);
			if (colours.size() > 256) break;
		}
		final ImageProcessor indexed = colours.size() <= 256 ? exactPalette(argb,
			w, h, colours) : new MedianCut(new ColorProcessor(w, h, argb.clone()))
				.convertToByte(256);
		final LUT lut = indexed.getLut();
		final byte[] red = new byte[256], green = new byte[256],
				blue = new byte[256];
		lut.getReds(red);
		lut.getGreens(green);
		lut.getBlues(blue);
		final BufferedImage png = new BufferedImage(w, h,
			BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, red, green,
				blue));
		png.getRaster().setDataElements(0, 0, w, h, indexed.getPixels());
		try {
			Files.createDirectories(out.toAbsolutePath().getParent());
			ImageIO.write(png, "png", out.toFile());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static ImageProcessor exactPalette(final int[] argb, final int w,
		final int h, final Set<Integer> colours)
	{
		final java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (final int c : colours) {
			final int i = index.size();
			index.put(c, i);
			r[i] = (byte) (c >> 16);
			g[i] = (byte) (c >> 8);
			b[i] = (byte) c;
		}
		final byte[] pixels = new byte[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = (byte) (int) index.get(argb[i] & 0xffffff);
		final ij.process.ByteProcessor bp = new ij.process.ByteProcessor(w, h,
			pixels);
		bp.setLut(new LUT(r, g, b));
		return bp;
	}

	private static void onEdt(final Runnable r) {
		try {
			if (EventQueue.isDispatchThread()) r.run();
			else EventQueue.invokeAndWait(r);
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Lets the event queue and the X server catch up. */
	private void settle() {
		try {
			EventQueue.invokeAndWait(() -> {});
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
		robot.waitForIdle();
		sleep(Long.getLong("bonexr.guide.settleMs", 1000));
	}

	static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

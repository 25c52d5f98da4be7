package org.bonexr.macro;

import ij.ImagePlus;
import ij.macro.MacroExtension;

import java.nio.file.Paths;

import org.bonexr.core.io.RadiographReader;
import org.scijava.plugin.Plugin;

/**
 * {@code title = Ext.openRadiograph(path)}: opens a radiograph file as the
 * command line reads it and shows it (it becomes the current image); returns
 * its title. DICOM is read by BoneXR's rules ({@link RadiographReader}:
 * 32-bit, rescaled, MONOCHROME1 inverted, spacing from (Imager) Pixel
 * Spacing), and a compressed DICOM that ImageJ 1 cannot decode stops the
 * macro with the way out (Bio-Formats in Fiji, or dcmtk's {@code dcmdjpeg});
 * other files open as ImageJ opens them.
 */
@Plugin(type = MacroFunction.class, name = "openRadiograph")
public class OpenRadiographMacro implements MacroFunction {

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING };
	}

	@Override
	public String call(final Object[] args) {
		final ImagePlus imp = RadiographReader.readImagePlus(Paths.get(
			(String) args[0]));
		imp.show();
		return imp.getTitle();
	}
}

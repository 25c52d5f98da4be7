package fiji.util.gui;

import ij.gui.GenericDialog;

/**
 * Test-only stand-in for fiji-lib's {@code GenericDialogPlus}, which is not on
 * Maven Central; CLIJ2's macro plugins extend it. Lives in the test-jar only;
 * never packaged or shipped (a test checks the shipped jars).
 */
public class GenericDialogPlus extends GenericDialog {

	private static final long serialVersionUID = 1L;

	public GenericDialogPlus(final String title) {
		super(title);
	}
}

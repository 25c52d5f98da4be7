package org.bonexr.it;

import org.scijava.plugin.Plugin;
import org.scijava.script.AdaptedScriptLanguage;
import org.scijava.script.ScriptLanguage;

/**
 * Test-only adapter that makes Jython (jython-standalone's JSR-223 engine)
 * available to SciJava's ScriptService as "Python", standing in for Fiji's
 * scripting-jython, which is not on Maven Central.
 */
@Plugin(type = ScriptLanguage.class, name = "Python")
public class JythonScriptLanguage extends AdaptedScriptLanguage {

	public JythonScriptLanguage() {
		super("python");
	}
}

package org.bonexr.macro;

import ij.macro.MacroExtension;

import org.bonexr.kernels.ComputeBackendService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Ext.getBackend(name)}: stores in {@code name} the compute backend
 * BoneXR uses ("OpenCL: &lt;device&gt;" or "Java (why)").
 */
@Plugin(type = MacroFunction.class, name = "getBackend")
public class BackendMacro implements MacroFunction {

	@Parameter
	private ComputeBackendService compute;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING | MacroExtension.ARG_OUTPUT };
	}

	@Override
	public String call(final Object[] args) {
		((String[]) args[0])[0] = compute.backend().toString();
		return null;
	}
}

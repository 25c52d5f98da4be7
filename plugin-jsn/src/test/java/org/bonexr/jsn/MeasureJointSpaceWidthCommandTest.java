package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.util.HashMap;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.CommandRuns;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.phantom.JointPhantomResult;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The commands through SciJava's CommandService. */
class MeasureJointSpaceWidthCommandTest {

	@Test
	void measuresOnLayersAndInARegion() {
		final JointPhantomResult r = Phantoms.render(0.1, 1.5, 0, 31);
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			final ImagePlus image = ImagePlusRadiographs.toImagePlus(r.attenuation(),
				"joint");
			final Map<String, Object> in = new HashMap<>();
			in.put("image", image);
			in.put("proximal", ImagePlusRadiographs.toImagePlus(r.proximalLayer(),
				"p"));
			in.put("distal", ImagePlusRadiographs.toImagePlus(r.distalLayer(), "d"));
			final CommandModule m = CommandRuns.runOrThrow(commands,
				MeasureJointSpaceWidthCommand.class, in);
			assertEquals("mm", m.getOutput("unit"));
			assertEquals(1.55, (Double) m.getOutput("meanJsw"), 0.05);
			final ResultsTable t = (ResultsTable) m.getOutput("summary");
			assertEquals("layers", t.getStringValue("Margins from", 0));
			assertTrue(((ResultsTable) m.getOutput("profile")).size() > 40);
			assertTrue(((ImagePlus) m.getOutput("overlay")).getOverlay().size() > 2);

			final Map<String, Object> region = new HashMap<>();
			region.put("image", image);
			region.put("region", "90,145,61,51");
			final CommandModule m2 = CommandRuns.runOrThrow(commands,
				MeasureJointSpaceWidthCommand.class, region);
			assertEquals(1.55, (Double) m2.getOutput("meanJsw"), 0.05);

			final Map<String, Object> none = new HashMap<>();
			none.put("image", image);
			final BoneXRException e = assertThrows(BoneXRException.class,
				() -> CommandRuns.runOrThrow(commands,
					MeasureJointSpaceWidthCommand.class, none));
			assertTrue(e.getMessage().contains("No joint region"), e.getMessage());
		}
	}
}

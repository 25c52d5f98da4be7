package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;

/** Both spec versions parse into the same contract; broken contracts say what is wrong. */
class RdfReaderTest {

	/** A spec 0.4 description in the style of bioimage.io's unet2d_nuclei_broad example. */
	static final String V04 = String.join("\n", //
		"format_version: 0.4.9", //
		"type: model", //
		"name: UNet 2D nuclei", //
		"description: a 2d U-Net", //
		"inputs:", //
		"  - name: raw", //
		"    axes: bcyx", //
		"    data_type: float32", //
		"    data_range: [-.inf, .inf]", //
		"    shape:", //
		"      min: [1, 1, 64, 64]", //
		"      step: [0, 0, 16, 16]", //
		"    preprocessing:", //
		"      - name: zero_mean_unit_variance", //
		"        kwargs: {mode: per_sample, axes: yx}", //
		"outputs:", //
		"  - name: probability", //
		"    axes: bcyx", //
		"    data_type: float32", //
		"    data_range: [0, 1]", //
		"    halo: [0, 0, 32, 32]", //
		"    shape:", //
		"      reference_tensor: raw", //
		"      scale: [1.0, 0.0, 1.0, 1.0]", //
		"      offset: [0.0, 1.5, 0.0, 0.0]", //
		"    postprocessing:", //
		"      - name: sigmoid", //
		"test_inputs: [test_input.npy]", //
		"test_outputs: [test_output.npy]", //
		"weights:", //
		"  onnx: {source: weights.onnx}", //
		"  torchscript:", //
		"    source: weights.pt", //
		"    sha256: A4B0659A1B48454588B12179855AD0A0C9B69CCAA89B8BB06E6271E8F60B02FE", //
		"");

	@Test
	void readsSpec04() {
		final ModelDescription d = RdfReader.read(V04, "v04");
		assertEquals("0.4.9", d.formatVersion());
		assertEquals("UNet 2D nuclei", d.name());
		final TensorDescription in = d.input(), out = d.output();
		assertEquals("raw", in.id());
		assertEquals("bcyx", in.axes());
		assertTrue(in.size('y').isParameterized());
		assertEquals(64, in.size('y').min());
		assertEquals(16, in.size('x').step());
		assertTrue(in.size('c').isFixed());
		assertEquals(1, in.size('c').min());
		assertEquals("zero_mean_unit_variance", in.processing().get(0).id());
		assertEquals("test_input.npy", in.testTensor());
		assertEquals(32, out.halo('y'));
		assertEquals(32, out.halo('x'));
		assertEquals(0, out.halo('c'));
		// 0.4 output shape = scale * ref + 2 * offset: 0 * 1 + 2 * 1.5 = 3 channels
		assertEquals(3, out.size('c').min());
		assertArrayEquals(new double[] { 0, 1 }, out.dataRange());
		assertArrayEquals(new double[] { Double.NEGATIVE_INFINITY,
			Double.POSITIVE_INFINITY }, in.dataRange());
		assertEquals("sigmoid", out.processing().get(0).id());
		assertEquals("weights.pt", d.weightsSource());
		assertEquals("a4b0659a1b48454588b12179855ad0a0c9b69ccaa89b8bb06e6271e8f60b02fe",
			d.weightsSha256());
		assertTrue(d.warnings().isEmpty(), d.warnings().toString());
	}

	@Test
	void readsSpec05OfTheTrainedModel() throws IOException {
		final String text = new String(Files.readAllBytes(TestModels.tinyDenoiser()
			.resolve("rdf.yaml")), "UTF-8");
		final ModelDescription d = RdfReader.read(text, "tiny");
		assertTrue(d.formatVersion().startsWith("0.5"));
		assertEquals("bcyx", d.input().axes());
		assertEquals(16, d.input().size('x').min());
		assertEquals(4, d.input().size('x').step());
		assertEquals(1, d.output().size('c').min());
		assertEquals(24, d.output().halo('x'));
		assertEquals("scale_linear", d.input().processing().get(0).id());
		assertEquals("test_output.npy", d.output().testTensor());
		assertEquals(64, d.output().testTensorSha256().length());
		@SuppressWarnings("unchecked")
		final Map<String, Object> training = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) d
			.rdf().get("config")).get("bonexr")).get("training");
		assertTrue(training.get("command").toString().contains("training/train.py"));
		assertTrue(training.containsKey("data_seed"));
		assertTrue(training.containsKey("validation"));
	}

	@Test
	void spec05ChannelLastAndFixedSizes() {
		final String v05 = String.join("\n", "format_version: 0.5.3", "type: model",
			"name: m", "inputs:", "  - id: in", "    axes:",
			"      - {type: batch}", "      - {type: space, id: y, size: 128}",
			"      - {type: space, id: x, size: 128}",
			"      - {type: channel, channel_names: [a, b]}", "outputs:",
			"  - id: out", "    axes:", "      - {type: batch}",
			"      - {type: space, id: y, size: 128, halo: 8}",
			"      - {type: space, id: x, size: 128, halo: 8}",
			"      - {type: channel, channel_names: [p, q, r]}",
			"weights: {torchscript: {source: w.pt}}", "");
		final ModelDescription d = RdfReader.read(v05, "m");
		assertEquals("byxc", d.input().axes());
		assertEquals(2, d.input().size('c').min());
		assertEquals(3, d.output().size('c').min());
		assertTrue(d.input().size('y').isFixed());
		assertNull(d.weightsSha256());
		assertFalse(d.warnings().isEmpty()); // no sha256, no test tensors
	}

	@Test
	void refusesVolumesWithAnExplanation() {
		final BoneXRException e = assertThrows(BoneXRException.class, () -> RdfReader
			.read(V04.replace("axes: bcyx", "axes: bczyx").replace("[1, 1, 64, 64]",
				"[1, 1, 8, 64, 64]").replace("[0, 0, 16, 16]", "[0, 0, 0, 16, 16]"),
				"vol"));
		assertTrue(e.problem().contains("axis 'z'"), e.getMessage());
		assertTrue(e.fix().contains("2D"), e.getMessage());
	}

	@Test
	void refusesModelsWithoutTorchScript() {
		final String onnxOnly = V04.substring(0, V04.indexOf("  torchscript:"));
		final BoneXRException e = assertThrows(BoneXRException.class, () -> RdfReader
			.read(onnxOnly, "onnx"));
		assertTrue(e.problem().contains("no TorchScript weights") && e.problem()
			.contains("onnx"), e.getMessage());
	}

	@Test
	void refusesOutputsOfAnotherSize() {
		final BoneXRException e = assertThrows(BoneXRException.class, () -> RdfReader
			.read(V04.replace("scale: [1.0, 0.0, 1.0, 1.0]",
				"scale: [1.0, 0.0, 0.5, 0.5]"), "half"));
		assertTrue(e.problem().contains("not as long as the input"), e.getMessage());
	}

	@Test
	void refusesUnknownStepsModesAndAxes() {
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("name: sigmoid", "name: fancy_step"), "x")).problem().contains(
				"fancy_step"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("mode: per_sample", "mode: per_dataset"), "x")).problem()
			.contains("per_dataset"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("axes: bcyx\n    data_type: float32\n    data_range: [-",
				"axes: bcxx\n    data_type: float32\n    data_range: [-"), "x"))
			.problem().contains("twice"));
	}

	@Test
	void refusesIncompleteOrBrokenFiles() {
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("name: UNet 2D nuclei\n", ""), "x")).problem().contains(
				"no name"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("format_version: 0.4.9", "format_version: 0.3.2"), "x"))
			.problem().contains("0.3.2"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(
			"name: [unclosed", "x")).problem().contains("not valid YAML"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(V04
			.replace("type: model", "type: dataset"), "x")).problem().contains(
				"dataset"));
		final String twoInputs = V04.replace("\noutputs:", String.join("\n", "",
			"  - name: raw2", "    axes: bcyx", "    shape: [1, 1, 64, 64]",
			"outputs:"));
		assertTrue(assertThrows(BoneXRException.class, () -> RdfReader.read(
			twoInputs, "x")).problem().contains("2 input"));
	}
}

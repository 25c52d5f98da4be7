package org.bonexr.phantom;

import org.bonexr.core.BoneXRException;

/**
 * Everything that defines a {@link JointPhantom} image. Immutable; make one
 * with {@link #builder()} (defaults: a PIP-like joint at 0.1 mm/px, JSW
 * 1.5 mm, no flexion, 16 mm of soft tissue, 20000 photons per pixel with
 * quantum noise, 10% scatter, no JPEG).
 * <p>
 * Units: lengths in mm, angles in degrees, linear attenuation coefficients μ
 * per mm (defaults ≈ 50 keV: soft tissue 0.0227, cortical bone 0.081,
 * trabecular bone 0.032), photon counts per pixel.
 * <p>
 * Geometry (bone frame u lateral, v along the joint axis towards the distal
 * bone, z along the beam; origin at the centre of the joint space): the
 * proximal bone is an elliptic shaft ending in a head, an ellipsoid of
 * lateral semi-axis {@code headHalfWidthMm} and circular sagittal section of
 * radius {@code headRadiusMm} (about the flexion axis); the distal bone is an
 * elliptic shaft whose base is hollowed by a cylindrical concavity of radius
 * {@code baseConcavityRadiusMm} running along the beam. The joint space is
 * {@code jswMm} wide at the centre and widens laterally.
 */
public final class JointPhantomParameters {

	final double spacingMm;
	final double fieldWidthMm;
	final double fieldHeightMm;
	final double jswMm;
	final double flexionDeg;
	final double softTissueThicknessMm;
	final double axisAngleDeg;
	final double centreOffsetXMm;
	final double centreOffsetYMm;
	final double headHalfWidthMm;
	final double headRadiusMm;
	final double shaftHalfWidthMm;
	final double shaftHalfDepthMm;
	final double distalHalfWidthMm;
	final double distalHalfDepthMm;
	final double baseConcavityRadiusMm;
	final double corticalThicknessMm;
	final double muSoftPerMm;
	final double muCorticalPerMm;
	final double muTrabecularPerMm;
	final double textureContrast;
	final double textureWavelengthMm;
	final int supersampling;
	final XrayDegradation degradation;
	final long seed;

	private JointPhantomParameters(final Builder b) {
		spacingMm = b.spacingMm;
		fieldWidthMm = b.fieldWidthMm;
		fieldHeightMm = b.fieldHeightMm;
		jswMm = b.jswMm;
		flexionDeg = b.flexionDeg;
		softTissueThicknessMm = b.softTissueThicknessMm;
		axisAngleDeg = b.axisAngleDeg;
		centreOffsetXMm = b.centreOffsetXMm;
		centreOffsetYMm = b.centreOffsetYMm;
		headHalfWidthMm = b.headHalfWidthMm;
		headRadiusMm = b.headRadiusMm;
		shaftHalfWidthMm = b.shaftHalfWidthMm;
		shaftHalfDepthMm = b.shaftHalfDepthMm;
		distalHalfWidthMm = b.distalHalfWidthMm;
		distalHalfDepthMm = b.distalHalfDepthMm;
		baseConcavityRadiusMm = b.baseConcavityRadiusMm;
		corticalThicknessMm = b.corticalThicknessMm;
		muSoftPerMm = b.muSoftPerMm;
		muCorticalPerMm = b.muCorticalPerMm;
		muTrabecularPerMm = b.muTrabecularPerMm;
		textureContrast = b.textureContrast;
		textureWavelengthMm = b.textureWavelengthMm;
		supersampling = b.supersampling;
		degradation = b.degradation;
		seed = b.seed;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding these values, to derive a variant. */
	public Builder toBuilder() {
		final Builder b = new Builder();
		b.spacingMm = spacingMm;
		b.fieldWidthMm = fieldWidthMm;
		b.fieldHeightMm = fieldHeightMm;
		b.jswMm = jswMm;
		b.flexionDeg = flexionDeg;
		b.softTissueThicknessMm = softTissueThicknessMm;
		b.axisAngleDeg = axisAngleDeg;
		b.centreOffsetXMm = centreOffsetXMm;
		b.centreOffsetYMm = centreOffsetYMm;
		b.headHalfWidthMm = headHalfWidthMm;
		b.headRadiusMm = headRadiusMm;
		b.shaftHalfWidthMm = shaftHalfWidthMm;
		b.shaftHalfDepthMm = shaftHalfDepthMm;
		b.distalHalfWidthMm = distalHalfWidthMm;
		b.distalHalfDepthMm = distalHalfDepthMm;
		b.baseConcavityRadiusMm = baseConcavityRadiusMm;
		b.corticalThicknessMm = corticalThicknessMm;
		b.muSoftPerMm = muSoftPerMm;
		b.muCorticalPerMm = muCorticalPerMm;
		b.muTrabecularPerMm = muTrabecularPerMm;
		b.textureContrast = textureContrast;
		b.textureWavelengthMm = textureWavelengthMm;
		b.supersampling = supersampling;
		b.degradation = degradation;
		b.seed = seed;
		return b;
	}

	public double spacingMm() {
		return spacingMm;
	}

	/** Joint space width at the centre of the joint, mm. */
	public double jswMm() {
		return jswMm;
	}

	public double flexionDeg() {
		return flexionDeg;
	}

	public XrayDegradation degradation() {
		return degradation;
	}

	public long seed() {
		return seed;
	}

	/** Image width in pixels: round(field width / spacing). */
	public int widthPx() {
		return (int) Math.round(fieldWidthMm / spacingMm);
	}

	/** Image height in pixels: round(field height / spacing). */
	public int heightPx() {
		return (int) Math.round(fieldHeightMm / spacingMm);
	}

	/** Key/value pairs of all parameters, for provenance files. */
	public java.util.Map<String, Object> toMap() {
		final java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("spacingMm", spacingMm);
		m.put("fieldWidthMm", fieldWidthMm);
		m.put("fieldHeightMm", fieldHeightMm);
		m.put("jswMm", jswMm);
		m.put("flexionDeg", flexionDeg);
		m.put("softTissueThicknessMm", softTissueThicknessMm);
		m.put("axisAngleDeg", axisAngleDeg);
		m.put("centreOffsetXMm", centreOffsetXMm);
		m.put("centreOffsetYMm", centreOffsetYMm);
		m.put("headHalfWidthMm", headHalfWidthMm);
		m.put("headRadiusMm", headRadiusMm);
		m.put("shaftHalfWidthMm", shaftHalfWidthMm);
		m.put("shaftHalfDepthMm", shaftHalfDepthMm);
		m.put("distalHalfWidthMm", distalHalfWidthMm);
		m.put("distalHalfDepthMm", distalHalfDepthMm);
		m.put("baseConcavityRadiusMm", baseConcavityRadiusMm);
		m.put("corticalThicknessMm", corticalThicknessMm);
		m.put("muSoftPerMm", muSoftPerMm);
		m.put("muCorticalPerMm", muCorticalPerMm);
		m.put("muTrabecularPerMm", muTrabecularPerMm);
		m.put("textureContrast", textureContrast);
		m.put("textureWavelengthMm", textureWavelengthMm);
		m.put("supersampling", supersampling);
		m.putAll(degradation.toMap());
		m.put("seed", seed);
		return m;
	}

	/** Mutable builder; {@link #build()} checks the values. */
	public static final class Builder {

		private double spacingMm = 0.1;
		private double fieldWidthMm = 24;
		private double fieldHeightMm = 32;
		private double jswMm = 1.5;
		private double flexionDeg = 0;
		private double softTissueThicknessMm = 16;
		private double axisAngleDeg = 0;
		private double centreOffsetXMm = 0;
		private double centreOffsetYMm = 0;
		private double headHalfWidthMm = 5.0;
		private double headRadiusMm = 3.6;
		private double shaftHalfWidthMm = 3.0;
		private double shaftHalfDepthMm = 2.6;
		private double distalHalfWidthMm = 5.2;
		private double distalHalfDepthMm = 3.4;
		private double baseConcavityRadiusMm = 8.5;
		private double corticalThicknessMm = 0.7;
		private double muSoftPerMm = 0.0227;
		private double muCorticalPerMm = 0.081;
		private double muTrabecularPerMm = 0.032;
		private double textureContrast = 0.6;
		private double textureWavelengthMm = 1.0;
		private int supersampling = 3;
		private XrayDegradation degradation = XrayDegradation.builder().build();
		private long seed = 1;

		private Builder() {}

		/** Pixel size in mm (square pixels). */
		public Builder spacingMm(final double v) {
			spacingMm = v;
			return this;
		}

		/** Field of view in mm; the image is round(mm / spacing) pixels. */
		public Builder fieldMm(final double width, final double height) {
			fieldWidthMm = width;
			fieldHeightMm = height;
			return this;
		}

		/** Joint space width at the joint centre, mm (0 = bones touch). */
		public Builder jswMm(final double v) {
			jswMm = v;
			return this;
		}

		/**
		 * Flexion of the distal bone about the lateral axis through the head
		 * centre, degrees in [0, 40]: tilts the distal base towards the beam so
		 * that its lips project over the head (overlap). The 3D joint space is
		 * unchanged by flexion.
		 */
		public Builder flexionDeg(final double v) {
			flexionDeg = v;
			return this;
		}

		/** Depth of the finger along the beam, mm (its width is 1.1×). */
		public Builder softTissueThicknessMm(final double v) {
			softTissueThicknessMm = v;
			return this;
		}

		/** Joint axis angle from image-up, degrees, counter-clockwise. */
		public Builder axisAngleDeg(final double v) {
			axisAngleDeg = v;
			return this;
		}

		/** Offset of the joint centre from the image centre, mm (x right, y down). */
		public Builder centreOffsetMm(final double x, final double y) {
			centreOffsetXMm = x;
			centreOffsetYMm = y;
			return this;
		}

		/** Proximal head: lateral half-width and sagittal radius, mm. */
		public Builder headMm(final double halfWidth, final double radius) {
			headHalfWidthMm = halfWidth;
			headRadiusMm = radius;
			return this;
		}

		/** Proximal shaft: lateral half-width and half-depth, mm. */
		public Builder shaftMm(final double halfWidth, final double halfDepth) {
			shaftHalfWidthMm = halfWidth;
			shaftHalfDepthMm = halfDepth;
			return this;
		}

		/** Distal bone: lateral half-width and half-depth, mm. */
		public Builder distalMm(final double halfWidth, final double halfDepth) {
			distalHalfWidthMm = halfWidth;
			distalHalfDepthMm = halfDepth;
			return this;
		}

		/** Radius of the distal base's concavity, mm. */
		public Builder baseConcavityRadiusMm(final double v) {
			baseConcavityRadiusMm = v;
			return this;
		}

		/** Cortical shell thickness, mm. */
		public Builder corticalThicknessMm(final double v) {
			corticalThicknessMm = v;
			return this;
		}

		/** Linear attenuation coefficients per mm. */
		public Builder muPerMm(final double soft, final double cortical,
			final double trabecular)
		{
			muSoftPerMm = soft;
			muCorticalPerMm = cortical;
			muTrabecularPerMm = trabecular;
			return this;
		}

		/** Trabecular texture: relative contrast in [0, 1) and period in mm. */
		public Builder texture(final double contrast, final double wavelengthMm) {
			textureContrast = contrast;
			textureWavelengthMm = wavelengthMm;
			return this;
		}

		/** Sub-samples per pixel side (n×n rays per pixel), 1–8. */
		public Builder supersampling(final int v) {
			supersampling = v;
			return this;
		}

		/** Scatter, quantum noise and JPEG applied to the final radiograph. */
		public Builder degradation(final XrayDegradation v) {
			degradation = v;
			return this;
		}

		/** Seed of the texture and the noise. */
		public Builder seed(final long v) {
			seed = v;
			return this;
		}

		public JointPhantomParameters build() {
			final String fix = "Choose joint phantom parameters as documented " +
				"in JointPhantomParameters.";
			positive("pixel spacing", spacingMm, fix);
			positive("field width", fieldWidthMm, fix);
			positive("field height", fieldHeightMm, fix);
			if (fieldWidthMm / spacingMm > 20000 || fieldHeightMm /
				spacingMm > 20000)
			{
				throw new BoneXRException("The joint phantom would be larger than " +
					"20000 pixels on a side.", "Use a larger pixel spacing or a " +
						"smaller field.");
			}
			if (!(jswMm >= 0) || Double.isInfinite(jswMm)) {
				throw new BoneXRException("Joint space width " + jswMm +
					" mm is not valid.", "Use a width ≥ 0 mm.");
			}
			if (!(flexionDeg >= 0 && flexionDeg <= 40)) {
				throw new BoneXRException("Flexion " + flexionDeg +
					"° is out of range.", "Use a flexion between 0 and 40 degrees.");
			}
			positive("head half-width", headHalfWidthMm, fix);
			positive("head radius", headRadiusMm, fix);
			positive("shaft half-width", shaftHalfWidthMm, fix);
			positive("shaft half-depth", shaftHalfDepthMm, fix);
			positive("distal half-width", distalHalfWidthMm, fix);
			positive("distal half-depth", distalHalfDepthMm, fix);
			positive("cortical thickness", corticalThicknessMm, fix);
			if (shaftHalfWidthMm > headHalfWidthMm ||
				shaftHalfDepthMm > headRadiusMm)
			{
				throw new BoneXRException("The proximal shaft is wider than its head.",
					"Make the shaft half-width ≤ head half-width and the shaft " +
						"half-depth ≤ head radius.");
			}
			final double minConcavity = Math.max(distalHalfWidthMm,
				headHalfWidthMm * headHalfWidthMm / headRadiusMm);
			if (!(baseConcavityRadiusMm > minConcavity)) {
				throw new BoneXRException("The base concavity radius " +
					baseConcavityRadiusMm + " mm is too small: the joint space would " +
					"not be narrowest at the centre.",
					"Use a concavity radius above " + minConcavity + " mm.");
			}
			if (2 * corticalThicknessMm >= Math.min(Math.min(shaftHalfWidthMm,
				shaftHalfDepthMm), Math.min(distalHalfWidthMm, distalHalfDepthMm)))
			{
				throw new BoneXRException("The cortical shell (" +
					corticalThicknessMm + " mm) is too thick for the bones.",
					"Use a cortical thickness below half the smallest bone half-width.");
			}
			final double halfDepth = softTissueThicknessMm / 2;
			final double halfWidth = 1.1 * halfDepth;
			if (!(halfDepth >= Math.max(headRadiusMm, distalHalfDepthMm) + 0.5) ||
				!(halfWidth >= Math.max(headHalfWidthMm, distalHalfWidthMm) + 0.5))
			{
				throw new BoneXRException("Soft tissue " + softTissueThicknessMm +
					" mm thick does not cover the bones.", "Use a soft-tissue " +
						"thickness of at least " + 2 * (Math.max(Math.max(headRadiusMm,
							distalHalfDepthMm), Math.max(headHalfWidthMm,
								distalHalfWidthMm) / 1.1) + 0.5) + " mm.");
			}
			if (!(muSoftPerMm >= 0) || !(muCorticalPerMm >= 0) ||
				!(muTrabecularPerMm >= 0))
			{
				throw new BoneXRException("Attenuation coefficients must be ≥ 0.",
					fix);
			}
			if (!(textureContrast >= 0 && textureContrast < 1)) {
				throw new BoneXRException("Texture contrast " + textureContrast +
					" is out of range.", "Use a contrast in [0, 1).");
			}
			positive("texture wavelength", textureWavelengthMm, fix);
			if (supersampling < 1 || supersampling > 8) {
				throw new BoneXRException("Supersampling " + supersampling +
					" is out of range.", "Use 1 to 8 sub-samples per pixel side.");
			}
			return new JointPhantomParameters(this);
		}

		private static void positive(final String what, final double v,
			final String fix)
		{
			if (!(v > 0) || Double.isInfinite(v)) {
				throw new BoneXRException("The " + what + " " + v +
					" mm is not a positive length.", fix);
			}
		}
	}
}

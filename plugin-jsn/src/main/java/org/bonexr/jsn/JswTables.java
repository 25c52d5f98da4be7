package org.bonexr.jsn;

import ij.measure.ResultsTable;

/** ImageJ results tables of a {@link JswMeasurement}. */
final class JswTables {

	private JswTables() {}

	/** One row: image, min/mean/median JSW, area, unit, positions, source. */
	static ResultsTable summary(final String title, final JswMeasurement m) {
		final ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addLabel(title);
		t.addValue("Min JSW", m.minJsw());
		t.addValue("Mean JSW", m.meanJsw());
		t.addValue("Median JSW", m.medianJsw());
		t.addValue("Area", m.area());
		t.addValue("Unit", m.unit());
		t.addValue("Positions", m.validCount());
		t.addValue("Width measured", m.measuredWidth());
		t.addValue("Margins from", m.fromLayers() ? "layers" : "radiograph");
		return t;
	}

	/** Position, JSW and margin coordinates at every lateral position. */
	static ResultsTable profile(final JswMeasurement m) {
		final ResultsTable t = new ResultsTable();
		final double[] u = m.lateralPositions(), w = m.jswProfile();
		final double[] px = m.proximalX(), py = m.proximalY();
		final double[] dx = m.distalX(), dy = m.distalY();
		for (int i = 0; i < u.length; i++) {
			t.incrementCounter();
			t.addValue("Position (" + m.unit() + ")", u[i]);
			t.addValue("JSW (" + m.unit() + ")", w[i]);
			t.addValue("Proximal x (px)", px[i]);
			t.addValue("Proximal y (px)", py[i]);
			t.addValue("Distal x (px)", dx[i]);
			t.addValue("Distal y (px)", dy[i]);
		}
		return t;
	}
}

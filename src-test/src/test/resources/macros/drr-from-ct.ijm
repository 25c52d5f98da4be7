// Front-door test: Ext.generateDrrFromCt in plain ImageJ 1.
// Argument: "<ct.tif>,<drr-out.tif>". Bone-mineral DRRs (parallel beam,
// 0.5 mm pixels) at 0, 45 and 90 degrees of every voxel of the CT with
// mg/cm3 = 0.8*HU - 32; prints the mineral mass each DRR holds.
args = split(getArgument(), ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
ct = getTitle();
title = Ext.generateDrrFromCt("0,45,90", "geometry=[parallel beam] parallelPixelMm=0.5 quantity=[bone mineral (g/cm2)] boneThresholdHu=-2000 interceptMgPerCm3=-32");
print("title=" + title + " current=" + getTitle());
getPixelSize(unit, pw, ph);
print("unit=" + unit + " pixelWidth=" + pw + " slices=" + nSlices);
for (i = 1; i <= nSlices; i++) {
	setSlice(i);
	getRawStatistics(n, mean);
	// g/cm2 summed over pixels times the pixel area in cm2
	print("mass" + i + "=" + d2s(n * mean * pw * ph / 100, 6) + " label=" + getInfo("slice.label"));
}
saveAs("Tiff", args[1]);
selectImage(ct);
print("ct still open: " + getTitle());
print("done");

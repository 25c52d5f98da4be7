// DRRs of a CT at many gantry angles, saved as one stack (BoneXR).
//
// What it does: projects the CT at gantry angles first, first+step, ..., last
// (degrees; 90 = AP with the source anterior, 0 = lateral with the source at
// the patient's left; plastimatch's convention) in a cone beam with
// SAD 1000 mm, SID 1500 mm and a square detector, exact Siddon-Jacobs line
// integrals of attenuation mu = 0.02/mm * (1 + HU/1000). One slice per angle,
// labelled "gantry <angle> deg", pixel size in mm at the detector.
//
// In Fiji or ImageJ: open the CT first (a TIFF stack with its voxel size, or a
// DICOM series via File>Import>Image Sequence), then run this macro; the DRR
// stack is shown and, when an output path is given, saved.
//
// Headless (a core facility's batch job), e.g.:
//   ImageJ -batch drr-many-angles.ijm "ct=/data/ct.tif out=/data/drrs.tif first=0 last=180 step=10"
//   (under xvfb-run on a machine without a display)
// Arguments, all optional: ct (CT file; default: the current image), out
// (TIFF to write), first, last, step (degrees), pixels (detector pixels per
// side), detector (detector size in mm), algorithm (exact or trilinear).
//
// Change the projection below: any parameter of "Generate DRR from CT" can go
// in 'options' as key=value (bin/bonexr list shows the names), e.g.
//   geometry=[parallel beam] parallelPixelMm=0.5 quantity=[bone mineral (g/cm2)]

arg = getArgument();
ct = value(arg, "ct", "");
out = value(arg, "out", "");
first = parseFloat(value(arg, "first", "0"));
last = parseFloat(value(arg, "last", "180"));
step = parseFloat(value(arg, "step", "10"));
pixels = value(arg, "pixels", "512");
detector = value(arg, "detector", "400");
algorithm = value(arg, "algorithm", "exact");

if (step <= 0 || last < first)
	exit("Give first <= last and a positive step (degrees), e.g. first=0 last=180 step=10.");

// the gantry angles as "0,10,20,..."
angles = "";
n = 0;
for (a = first; a <= last + 1e-9; a += step) {
	if (n > 0) angles = angles + ",";
	angles = angles + d2s(a, 3);
	n++;
}

options = "sadMm=1000 sidMm=1500 detectorPixels=" + pixels + " detectorMm=" + detector;
if (algorithm == "trilinear")
	options = options + " algorithm=[trilinear ray marching] stepMm=0.5"; // on the GPU through CLIJ2 when installed
else
	options = options + " algorithm=[exact (Siddon-Jacobs)]";

setBatchMode(true);
run("BoneXR Macro Extensions");
if (ct != "") open(ct);
if (nImages == 0) exit("Open a CT stack first, or give ct=/path/to/ct as argument.");
start = getTime();
title = Ext.generateDrrFromCt(angles, options);  // the DRR stack becomes the current image
print("DRRs: " + nSlices + " angles (" + angles + ") in " + d2s((getTime() - start) / 1000, 1) + " s -> " + title);
if (out != "") {
	saveAs("Tiff", out);
	print("saved " + out);
}
setBatchMode("exit and display");

// The value of key=value in the argument text, or the default.
function value(text, key, default) {
	parts = split(text, " ");
	for (i = 0; i < parts.length; i++)
		if (startsWith(parts[i], key + "="))
			return substring(parts[i], lengthOf(key) + 1);
	return default;
}

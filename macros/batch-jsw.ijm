// batch-jsw.ijm — BoneXR: joint space width of every image in a folder, into one CSV.
//
// Copy this macro and adapt it. For each image file in the folder (TIFF, DICOM, PNG, JPEG) it
//   1. opens the image (its pixel size must be set in mm, or the JSW comes out in pixels),
//   2. selects the joint: the ROI file "<image name>.roi" beside the image if there is one
//      (save it with File>Save As>Selection...), else the same rectangle for every image,
//   3. measures with Ext.measureJointSpaceWidth (Plugins>BoneXR>Joint Space>Measure Joint Space Width:
//      both bone margins by sub-pixel edge fit along the joint axis, the axis pointing up the image),
//   4. adds one row to a table: image, min / mean / median JSW, unit (mm, or px without calibration).
// The table is saved as CSV at the end.
//
// Interactive: run it from Plugins>Macros>Run... — it asks for the folder and the rectangle.
// Headless (plain ImageJ 1 or Fiji, no display needed beyond xvfb for ImageJ 1):
//   ImageJ -batch batch-jsw.ijm "folder=/data/hands;csv=/data/hands-jsw.csv;region=90,140,61,41"
// The argument is key=value pairs separated by ";": folder (required), csv (default: jsw.csv in the
// folder), region x,y,width,height in pixels (default: the one asked for interactively).
// BoneXR never overwrites: an existing CSV stops the macro before any work.
// A bad image (colour, no joint in the region) stops the macro with BoneXR's message naming the
// fix; for batches that must go on past failures use `bonexr batch` (see the docs).

// ---- parameters: from the argument (headless) or a dialog (interactive) ----
argument = getArgument();
folder = value(argument, "folder", "");
csv = value(argument, "csv", "");
region = value(argument, "region", "");
if (folder == "") {
	folder = getDirectory("Choose a folder of radiographs");
	Dialog.create("Batch JSW");
	Dialog.addString("Joint rectangle x,y,width,height (px)", "90,140,61,41");
	Dialog.addString("Results CSV (empty = jsw.csv in the folder)", "");
	Dialog.show();
	region = Dialog.getString();
	csv = Dialog.getString();
}
if (!endsWith(folder, File.separator) && !endsWith(folder, "/"))
	folder = folder + File.separator;
if (csv == "")
	csv = folder + "jsw.csv";
if (File.exists(csv))
	exit("The results file " + csv + " already exists. Give another csv= (BoneXR never overwrites).");
r = split(region, ",");
if (r.length != 4)
	exit("Give the joint rectangle as region=x,y,width,height in pixels, e.g. region=90,140,61,41.");

// ---- the measurements ----
setBatchMode(true);             // no windows: faster, and works headless
run("BoneXR Macro Extensions"); // makes the Ext.* functions of BoneXR available
Table.create("JSW");
files = getFileList(folder);
Array.sort(files);              // the same order on every system
row = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!isRadiograph(name))
		continue;
	print("[" + (i + 1) + "/" + files.length + "] " + name);
	open(folder + name);
	roiFile = folder + stem(name) + ".roi";
	if (File.exists(roiFile))
		open(roiFile);          // the joint drawn for this image
	else
		makeRectangle(parseInt(r[0]), parseInt(r[1]), parseInt(r[2]), parseInt(r[3]));
	Ext.measureJointSpaceWidth(minJsw, meanJsw, medianJsw);
	getPixelSize(unit, pixelWidth, pixelHeight);
	if (unit != "mm")
		unit = "px";            // BoneXR reports in pixels unless the image is calibrated in mm
	Table.set("image", row, name);
	Table.set("minJsw", row, minJsw);
	Table.set("meanJsw", row, meanJsw);
	Table.set("medianJsw", row, medianJsw);
	Table.set("unit", row, unit);
	row++;
	close();
}
Table.setLocationAndSize(0, 0, 400, 300); // harmless headless; visible when run interactively
Table.save(csv);
print("measured " + row + " images into " + csv);

// ---- helpers ----
// The value of key in "k1=v1;k2=v2", or def.
function value(text, key, def) {
	parts = split(text, ";");
	for (k = 0; k < parts.length; k++) {
		p = String.trim(parts[k]);
		if (startsWith(p, key + "="))
			return substring(p, lengthOf(key) + 1);
	}
	return def;
}

function isRadiograph(name) {
	n = toLowerCase(name);
	return endsWith(n, ".tif") || endsWith(n, ".tiff") || endsWith(n, ".dcm")
		|| endsWith(n, ".png") || endsWith(n, ".jpg") || endsWith(n, ".jpeg");
}

function stem(name) {
	dot = lastIndexOf(name, ".");
	if (dot > 0)
		return substring(name, 0, dot);
	return name;
}

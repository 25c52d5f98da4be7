// separation-then-jsw.ijm — BoneXR: separate the bone layers of every joint radiograph in a folder,
// then measure the joint space width (JSW) on the separated layers, into one CSV.
//
// Why: where the bones overlap in the projection (a flexed finger, a knee seen slightly oblique) the
// bone margins cross in the radiograph and an edge search on it finds the wrong margin. Separated, each
// margin is found in its own bone's layer. Copy this macro and adapt it. For each image file in the
// folder (TIFF, DICOM, PNG, JPEG) it
//   1. opens the image (its pixel size must be set in mm, or the JSW comes out in pixels),
//   2. separates it with Ext.separateBoneLayers (Plugins>BoneXR>Separate Bone Layers: a U-Net predicts
//      the upper/distal bone, lower/proximal bone and soft tissue layers in the attenuation domain; they
//      add up to the input). "" = the shipped demo model and predicted bone masks; give your own model
//      file with model=... . The layers open as "<name>-upper", "<name>-lower", "<name>-soft-tissue".
//   3. measures JSW with Ext.measureSeparatedJointSpaceWidth (Plugins>BoneXR>Joint Space>Measure Joint
//      Space Width with "separate the bone layers first"): it separates the radiograph again at the
//      model's training scale (the demo model: 0.07-0.15 mm/px; other scales are resampled) and finds
//      each margin by its own bone's layer, the method made for model layers (docs/jsn.md, "Separate
//      first"). The region is the ROI file "<image name>.roi" beside the image if there is one, else
//      placed automatically from the layers. (Passing the saved layers to Ext.measureJointSpaceWidth
//      as proximal/distal layers treats them as exact layers, which model layers are not.)
//   4. adds one row: image, how well the layers add up (residual RMS, % of the input's range, before the
//      exact projection), min / mean / median JSW, unit (mm, or px without calibration).
// With out=FOLDER the three layers are also saved there as "<name>-upper.tif", "<name>-lower.tif" and
// "<name>-soft-tissue.tif" (32-bit attenuation, with the pixel size): look at them before trusting a JSW,
// and check that they add up to the radiograph (Process>Image Calculator...).
// The shipped separation model is a demo trained on phantoms: without bone overlap its JSW meets the
// accuracy goal on phantoms, with overlap (flexed joints) it does not (figures in docs/jsn.md). Use your
// own model (model=...) for real measurements.
//
// Interactive: Plugins>Macros>Run... — it asks for the folder.
// Headless (plain ImageJ 1 under xvfb-run, or Fiji --headless):
//   ImageJ -batch separation-then-jsw.ijm "folder=/data/fingers;csv=/data/fingers-jsw.csv;out=/data/layers"
// The argument is key=value pairs separated by ";": folder (required), csv (default:
// separation-jsw.csv in the folder), model (a separation model .zip/rdf.yaml; default: shipped demo),
// out (a folder for the layers; default: not saved).
// BoneXR never overwrites: an existing CSV (or layer file) stops the macro before any work.
// A bad image stops the macro with BoneXR's message naming the fix; for batches that must go on past
// failures use `bonexr batch` (docs/batch.md).

// ---- parameters: from the argument (headless) or a dialog (interactive) ----
argument = getArgument();
folder = value(argument, "folder", "");
csv = value(argument, "csv", "");
model = value(argument, "model", "");
out = value(argument, "out", "");
if (folder == "") {
	folder = getDirectory("Choose a folder of joint radiographs");
	Dialog.create("Separation then JSW");
	Dialog.addString("Results CSV (empty = separation-jsw.csv in the folder)", "", 40);
	Dialog.addString("Separation model (empty = shipped demo)", "", 40);
	Dialog.addString("Save layers to folder (empty = don't)", "", 40);
	Dialog.show();
	csv = Dialog.getString();
	model = Dialog.getString();
	out = Dialog.getString();
}
folder = withSeparator(folder);
if (csv == "")
	csv = folder + "separation-jsw.csv";
if (File.exists(csv))
	exit("The results file " + csv + " already exists. Give another csv= (BoneXR never overwrites).");
if (out != "") {
	out = withSeparator(out);
	if (!File.isDirectory(out))
		File.makeDirectory(out);
}

// ---- separation, then JSW on the layers ----
setBatchMode(true);             // no windows: faster, and works headless
run("BoneXR Macro Extensions"); // makes the Ext.* functions of BoneXR available
Table.create("Separation JSW");
files = getFileList(folder);
Array.sort(files);              // the same order on every system
row = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!isRadiograph(name))
		continue;
	print("[" + (i + 1) + "/" + files.length + "] " + name);
	open(folder + name);
	radiograph = getTitle();
	base = stem(radiograph);    // BoneXR names the layers after the title without extension
	if (out != "" && (File.exists(out + base + "-upper.tif") || File.exists(out + base + "-lower.tif")
			|| File.exists(out + base + "-soft-tissue.tif")))
		exit("Layers of " + name + " already exist in " + out + ". Give another out= (BoneXR never overwrites).");

	// 2. separate the whole image (no selection: a selection would crop the layers to its bounds);
	//    the layers (and residual, masks, display stack) open as new images
	run("Select None");
	Ext.separateBoneLayers(model, "", residualRms);
	upper = base + "-upper";
	lower = base + "-lower";

	// 3. JSW on the radiograph, separated first, each margin placed by its own layer
	selectImage(radiograph);
	roiFile = folder + base + ".roi";
	if (File.exists(roiFile))
		open(roiFile);          // the joint drawn for this image
	else
		run("Select None");     // region placed automatically from the layers
	Ext.measureSeparatedJointSpaceWidth(model, minJsw, meanJsw, medianJsw);
	getPixelSize(unit, pixelWidth, pixelHeight);
	if (unit != "mm")
		unit = "px";            // BoneXR reports in pixels unless the image is calibrated in mm

	Table.set("image", row, name);
	Table.set("residualRmsPercent", row, d2s(residualRms, 4)); // 4 decimals (a table keeps 3)
	Table.set("minJsw", row, d2s(minJsw, 4));
	Table.set("meanJsw", row, d2s(meanJsw, 4));
	Table.set("medianJsw", row, d2s(medianJsw, 4));
	Table.set("unit", row, unit);
	row++;

	if (out != "") {
		layers = newArray(upper, lower, base + "-soft-tissue");
		for (k = 0; k < layers.length; k++) {
			selectImage(layers[k]);
			saveAs("Tiff", out + layers[k] + ".tif");
		}
	}
	close("*");                 // this image and all its layers: memory stays flat over a big folder
	roiManager("reset");        // separation also adds the two bone masks to the ROI Manager
}
Table.save(csv);
print("separated and measured " + row + " images into " + csv);

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

function withSeparator(path) {
	if (endsWith(path, File.separator) || endsWith(path, "/"))
		return path;
	return path + File.separator;
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

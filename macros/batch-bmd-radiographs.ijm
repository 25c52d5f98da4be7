// batch-bmd-radiographs.ijm — BoneXR: areal BMD estimated from every AP hip radiograph in a folder,
// into one CSV.
//
// Copy this macro and adapt it. For each image file in the folder (TIFF, DICOM, PNG, JPEG) it
//   1. opens the radiograph (AP hip; its pixel size must be set in mm: BMD needs the pixel area),
//   2. runs Ext.estimateBmdFromRadiograph (Plugins>BoneXR>BMD>Estimate BMD from Radiograph: the image in
//      attenuation, or in linear intensity converted by Beer-Lambert, goes through a model that predicts
//      the bone-only mineral DRR in g/cm²; areal BMD = mean of that DRR over the region's bone pixels):
//      - with the ROI file "<image name>.roi" beside the image (File>Save As>Selection...): aBMD in it,
//      - else the automatic femoral-neck and total-hip regions found on the predicted DRR,
//   3. adds one row: image, region, bmdGPerCm2 (the ROI's, or the femoral neck's), totalHipBmdGPerCm2
//      (NaN with an ROI),
//   4. with drrs=FOLDER, saves the predicted bone DRR (32-bit g/cm², 1 mm pixels, regions as overlay) as
//      "<name>-bone-drr.tif" there.
// The CSV is written at the end. BMD values are in g/cm².
//
// The shipped model is a DEMO trained on synthetic hip phantoms only: read its figures in
// docs/bmd-radiograph.md, calibrate against DXA (Plugins>BoneXR>BMD>Calibrate BMD Against DXA) and give
// your own model with model=... before reading the numbers as anything but a demonstration. Radiographs
// stored as log exposure (most CR/DX "for presentation" images, bone bright) need the command's
// "Pixel values" option, which this macro function does not set: use `bonexr batch` for those (docs/batch.md).
//
// Interactive: Plugins>Macros>Run... — it asks for the folder.
// Headless (plain ImageJ 1 under xvfb-run, or Fiji --headless):
//   ImageJ -batch batch-bmd-radiographs.ijm "folder=/data/hips;csv=/data/hips-bmd.csv;drrs=/data/hip-drrs"
// The argument is key=value pairs separated by ";": folder (required), csv (default: bmd.csv in the
// folder), model (a bioimage.io model .zip or rdf.yaml; default: the shipped demo), drrs (default: none).
// BoneXR never overwrites: an existing CSV or DRR file stops the macro before any work on that image.
// A bad image (no pixel size, colour, a region off the bone) stops the macro with BoneXR's message naming
// the fix; for batches that must go on past failures use `bonexr batch`.

// ---- parameters: from the argument (headless) or a dialog (interactive) ----
argument = getArgument();
folder = value(argument, "folder", "");
csv = value(argument, "csv", "");
model = value(argument, "model", "");
drrs = value(argument, "drrs", "");
if (folder == "") {
	folder = getDirectory("Choose a folder of AP hip radiographs");
	Dialog.create("Batch BMD from radiographs");
	Dialog.addString("Results CSV (empty = bmd.csv in the folder)", "", 40);
	Dialog.addString("Model (empty = shipped demo)", "", 40);
	Dialog.addString("Save bone DRRs to folder (empty = don't)", "", 40);
	Dialog.show();
	csv = Dialog.getString();
	model = Dialog.getString();
	drrs = Dialog.getString();
}
folder = withSeparator(folder);
if (csv == "")
	csv = folder + "bmd.csv";
if (File.exists(csv))
	exit("The results file " + csv + " already exists. Give another csv= (BoneXR never overwrites).");
if (drrs != "") {
	drrs = withSeparator(drrs);
	if (!File.isDirectory(drrs))
		File.makeDirectory(drrs);
}

// ---- the estimates ----
setBatchMode(true);             // no windows: faster, and works headless
run("BoneXR Macro Extensions"); // makes the Ext.* functions of BoneXR available
Table.create("BMD");
files = getFileList(folder);
Array.sort(files);              // the same order on every system
row = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!isRadiograph(name))
		continue;
	print("[" + (i + 1) + "/" + files.length + "] " + name);
	base = stem(name);
	drrFile = drrs + base + "-bone-drr.tif";
	if (drrs != "" && File.exists(drrFile))
		exit(drrFile + " already exists. Give another drrs= folder (BoneXR never overwrites).");
	open(folder + name);
	roiFile = folder + base + ".roi";
	if (File.exists(roiFile)) {
		open(roiFile);          // the region drawn for this image: its aBMD
		region = base + ".roi";
	} else {
		run("Select None");     // automatic femoral neck and total hip
		region = "automatic";
	}
	Ext.estimateBmdFromRadiograph(model, bmd, totalHipBmd); // the bone DRR becomes the current image

	Table.set("image", row, name);
	Table.set("region", row, region);
	Table.set("bmdGPerCm2", row, d2s(bmd, 5));  // femoral neck, or the ROI; 5 decimals (a table keeps 3)
	Table.set("totalHipBmdGPerCm2", row, d2s(totalHipBmd, 5)); // NaN with an ROI
	row++;

	if (drrs != "")
		saveAs("Tiff", drrFile);
	close("*");                 // the radiograph and its DRR: memory stays flat over a big folder
}
Table.save(csv);
print("estimated BMD of " + row + " radiographs into " + csv);

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

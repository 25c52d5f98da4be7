// Front-door test: Ext.estimateBmdFromRadiograph in plain ImageJ 1.
// Argument: "<hip radiograph>,<bone DRR output.tif>"
args = split(getArgument(), ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
Ext.estimateBmdFromRadiograph("", neck, totalHip);
getPixelSize(unit, pw, ph);
print("neck=" + d2s(neck, 6));
print("totalHip=" + d2s(totalHip, 6));
print("unit=" + unit + " pixelWidth=" + pw);
print("title=" + getTitle());
saveAs("Tiff", args[1]);
print("done");

// Front-door test: BoneXR's macro extension in plain ImageJ 1.
// Argument: "<input.tif>,<output.tif>"
args = split(getArgument(), ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
Ext.convertToAttenuation(0, i0Used);
Ext.getBackend(backend);
getPixelSize(unit, pw, ph);
print("i0Used=" + i0Used);
print("unit=" + unit + " pixelWidth=" + pw);
print("backend=" + backend);
print("title=" + getTitle());
saveAs("Tiff", args[1]);
print("done");

// Front-door test: Ext.separateBoneLayers and Ext.segmentJointBones in plain ImageJ 1.
// Argument: "<joint radiograph.tif>,<output folder>"
args = split(getArgument(), ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
input = getTitle();
Ext.separateBoneLayers("", "", rms);
print("residualRmsPercent=" + rms);
print("current=" + getTitle());
getPixelSize(unit, pw, ph);
print("unit=" + unit + " pixelWidth=" + pw);
saveAs("Tiff", args[1] + "/upper.tif");
print("rois=" + roiManager("count"));
selectImage(input);
Ext.segmentJointBones("", overlap);
print("overlap=" + overlap);
print("labels=" + getTitle());
// the masks the first run added to the ROI Manager, given back as ROIs
selectImage(input);
Ext.separateBoneLayers("", "ROI Manager", roiRms);
print("roiRms=" + roiRms);
print("done");

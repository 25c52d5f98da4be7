// Front-door test: Ext.measureArealBmdFromCt in plain ImageJ 1, whole bone
// and in two ROIs from the ROI Manager (drawn on the DRR grid: pixelMm=1, AP),
// mineral of every voxel (mg/cm3 = 0.8*HU - 32), projected area from the mask.
// Argument: "<ct.tif>,<mask.tif>,<roi1.roi>,<roi2.roi>"
args = split(getArgument(), ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
Ext.measureArealBmdFromCt(args[0], args[1], "", 0.8, -32, bmd, bmc, area, "pixelMm=1 mineralFromAllVoxels=true");
print("whole bmd=" + d2s(bmd, 6) + " bmc=" + d2s(bmc, 6) + " area=" + d2s(area, 6));
roiManager("reset");
roiManager("open", args[2]);
roiManager("open", args[3]);
print("rois=" + roiManager("count"));
Ext.measureArealBmdFromCt(args[0], args[1], "", 0.8, -32, bmd, bmc, area, "pixelMm=1 mineralFromAllVoxels=true roisFromRoiManager=true");
print("first bmd=" + d2s(bmd, 6) + " bmc=" + d2s(bmc, 6) + " area=" + d2s(area, 6));
selectWindow("Areal BMD");
for (i = 0; i < Table.size; i++)
	print("row" + i + " region=" + Table.getString("Region", i) + " bmd=" + d2s(Table.get("aBMD (g/cm2)", i), 6));
print("overlay=" + Overlay.size);
print("done");

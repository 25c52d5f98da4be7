// Front-door test: Ext.measureJointSpaceWidth in plain ImageJ 1.
// Argument: "<image>;<x,y,width,height>;<calibrated|uncalibrated>"
args = split(getArgument(), ";");
r = split(args[1], ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
if (args[2] == "uncalibrated")
	run("Properties...", "unit=pixel pixel_width=1 pixel_height=1");
makeRectangle(parseInt(r[0]), parseInt(r[1]), parseInt(r[2]), parseInt(r[3]));
Ext.measureJointSpaceWidth(minJsw, meanJsw, medianJsw);
print("minJsw=" + d2s(minJsw, 6));
print("meanJsw=" + d2s(meanJsw, 6));
print("medianJsw=" + d2s(medianJsw, 6));
print("done");

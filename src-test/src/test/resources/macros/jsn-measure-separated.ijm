// Front-door test: Ext.measureSeparatedJointSpaceWidth in plain ImageJ 1
// (the shipped demo separation model, then each margin in its own layer).
// Argument: "<image>;<x,y,width,height>"
args = split(getArgument(), ";");
r = split(args[1], ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[0]);
makeRectangle(parseInt(r[0]), parseInt(r[1]), parseInt(r[2]), parseInt(r[3]));
Ext.measureSeparatedJointSpaceWidth("", minJsw, meanJsw, medianJsw);
print("minJsw=" + d2s(minJsw, 6));
print("meanJsw=" + d2s(meanJsw, 6));
print("medianJsw=" + d2s(medianJsw, 6));
print("done");

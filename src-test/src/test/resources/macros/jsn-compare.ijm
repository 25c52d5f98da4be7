// Front-door test: Ext.compareJointSpaceBetweenVisits in plain ImageJ 1.
// Argument: "<visit 1>;<visit 2>;<x,y,width,height on visit 1>"
args = split(getArgument(), ";");
r = split(args[2], ",");
setBatchMode(true);
run("BoneXR Macro Extensions");
open(args[1]);
second = getTitle();
open(args[0]);
makeRectangle(parseInt(r[0]), parseInt(r[1]), parseInt(r[2]), parseInt(r[3]));
Ext.compareJointSpaceBetweenVisits(second, deltaJsw, uncertainty, grade);
print("deltaJsw=" + d2s(deltaJsw, 6));
print("uncertainty=" + d2s(uncertainty, 6));
print("grade=" + grade);
print("done");

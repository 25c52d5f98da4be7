// Front-door test: a radiograph without pixel size is refused with the fix.
// Argument: "<hip radiograph>"
setBatchMode(true);
run("BoneXR Macro Extensions");
open(getArgument());
run("Properties...", "unit=pixel pixel_width=1 pixel_height=1");
Ext.estimateBmdFromRadiograph("", neck, totalHip);
print("not reached");

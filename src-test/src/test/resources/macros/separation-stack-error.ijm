// Front-door test: a stack where a single radiograph is expected.
setBatchMode(true);
run("BoneXR Macro Extensions");
newImage("stack", "32-bit black", 64, 64, 3);
Ext.separateBoneLayers("", "", rms);
print("not reached");

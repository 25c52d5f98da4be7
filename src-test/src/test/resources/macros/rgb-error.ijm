// Front-door test: a BoneXR error becomes a macro error with the fix.
setBatchMode(true);
run("BoneXR Macro Extensions");
newImage("photo", "RGB black", 16, 16, 1);
Ext.convertToAttenuation(0, i0Used);
print("not reached");

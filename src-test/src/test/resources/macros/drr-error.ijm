// Front-door test: a BoneXR error in Ext.generateDrrFromCt stops the macro with the fix.
setBatchMode(true);
run("BoneXR Macro Extensions");
newImage("ct", "16-bit black", 16, 16, 8);
Ext.generateDrrFromCt("0, ninety", "");
print("not reached");

// Front-door test: a colour image given to Ext.measureJointSpaceWidth.
setBatchMode(true);
run("BoneXR Macro Extensions");
newImage("photo", "RGB black", 64, 64, 1);
makeRectangle(10, 10, 30, 30);
Ext.measureJointSpaceWidth(minJsw, meanJsw, medianJsw);
print("not reached");

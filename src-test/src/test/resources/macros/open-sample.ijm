// Front-door test: File>Open Samples>BoneXR in plain ImageJ 1.
setBatchMode(true);
run("Joint Phantom (intensity)");
getPixelSize(unit, pw, ph);
print("title=" + getTitle());
print("size=" + getWidth() + "x" + getHeight() + " unit=" + unit + " pixelWidth=" + pw);

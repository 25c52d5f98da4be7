#!/bin/sh
# Trains BoneXR's demo hip radiograph -> bone mineral DRR model (phantoms only)
# and exports it as a bioimage.io package. Usage (from the repository root):
#   training/train_hip_bmd.sh DATA OUT_FOLDER
# DATA: written by  bin/bonexr run "Write Hip Phantom Dataset" folder=DATA samples=320 seed=1 pixelMm=1.0 maxRotationDeg=20
set -e
DATA=${1:?dataset folder}
OUT=${2:?model folder}
exec /usr/bin/python3 "$(dirname "$0")/train.py" --data "$DATA" \
    --input radiograph --target bone_mineral \
    --name "BoneXR hip radiograph to bone mineral DRR (demo, phantom-trained)" \
    --description "DEMO model trained on synthetic hip phantoms only (BoneXR HipDataset), not on patients. Input: AP hip radiograph, attenuation domain (-ln I/I0), resampled to 1 mm pixels. Output: bone-only mineral projection (DRR) in g/cm2, whose values in an ROI give areal BMD. After Gu et al., Med Image Anal 2023 (radiograph -> bone DRR decomposition)." \
    --pixel-mm 1 --grad-weight 0.2 --depth 4 --base 8 --patch 96 --batch 8 \
    --epochs 100 --steps-per-epoch 40 --max-minutes 20 --lr 2e-3 --seed 1 --threads 2 --test-size 64 \
    --out "$OUT" --zip "$OUT.zip"

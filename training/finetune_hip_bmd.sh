#!/bin/sh
# Stage 2 of BoneXR's demo hip radiograph -> bone mineral DRR model (phantoms
# only): fine-tunes a stage-1 model (train_hip_bmd.sh) on a larger phantom set
# with extra low-quality JPEG and a regional-mean loss, and exports it as a
# bioimage.io package. Usage (from the repository root):
#   training/finetune_hip_bmd.sh DATA BASE_FOLDER OUT_FOLDER
# DATA: written by  bin/bonexr run "Write Hip Phantom Dataset" folder=DATA samples=1600 seed=1 pixelMm=1.0 maxRotationDeg=20
# BASE_FOLDER: the stage-1 model unzipped (rdf.yaml + weights.pt); its
# normalisation is kept and its training record is copied into the new rdf.
# Fixed step count (no time cap), deterministic torch: the same data, base,
# settings and thread count give the same weights. Stage 2 (defaults:
# EPOCHS=8 LR=7e-4 SEED=2 THREADS=2 JPEG_PROB=0.4 JPEG_Q="5 40") takes a few
# minutes on an idle 2-core CPU; the shipped model's stages 3-5 ran with
# EPOCHS=200 (8000 steps) and the settings docs/bmd-radiograph.md lists.
set -e
DATA=${1:?dataset folder}
BASE=${2:?stage-1 model folder}
OUT=${3:?model folder}
EPOCHS=${EPOCHS:-8}
LR=${LR:-7e-4}
SEED=${SEED:-2}
THREADS=${THREADS:-2}
JPEG_PROB=${JPEG_PROB:-0.4}
JPEG_Q=${JPEG_Q:-5 40}
exec /usr/bin/python3 "$(dirname "$0")/train.py" --data "$DATA" \
    --input radiograph --target bone_mineral \
    --name "BoneXR hip radiograph to bone mineral DRR (demo, phantom-trained)" \
    --description "DEMO model trained on synthetic hip phantoms only (BoneXR HipDataset), not on patients. Input: AP hip radiograph, attenuation domain (-ln I/I0), resampled to 1 mm pixels. Output: bone-only mineral projection (DRR) in g/cm2, whose values in an ROI give areal BMD. After Gu et al., Med Image Anal 2023 (radiograph -> bone DRR decomposition)." \
    --pixel-mm 1 --grad-weight 0.2 --region-weight 1 --region-px 8 --depth 4 --base 8 --patch 96 --batch 8 \
    --epochs "$EPOCHS" --steps-per-epoch 40 --lr "$LR" --seed "$SEED" --threads "$THREADS" --val-fraction 0.1 --test-size 64 \
    --init "$BASE" --jpeg-prob "$JPEG_PROB" --jpeg-quality $JPEG_Q \
    --out "$OUT" --zip "$OUT.zip"

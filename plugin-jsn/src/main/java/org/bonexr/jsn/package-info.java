/**
 * BoneXR joint space: joint space width (JSW) in mm from a radiograph or from
 * two separated bone layers, and its change between visits.
 * <p>
 * Conventions used throughout the package: images in the attenuation domain
 * (A = −ln(I/I0), bone brighter than soft tissue); pixel (i, j) covers
 * [i, i+1) × [j, j+1), so its centre is at (i + 0.5, j + 0.5), x right, y
 * down; the joint axis points from the proximal (lower) bone to the distal
 * (upper) bone; lateral positions run across it. Lengths are in mm when the
 * pixel spacing is known and in px otherwise, which every result states
 * ({@link org.bonexr.core.PixelSpacing#unit()}); areas in mm² (px²).
 */
package org.bonexr.jsn;

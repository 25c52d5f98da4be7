#!/usr/bin/env python3
"""Writes the tiny NIfTI fixtures of the CT reader tests with Python's struct
module (independent of BoneXR), then converts them to MetaImage with Debian's
plastimatch 1.9.4. Run in this folder: python3 make_fixtures.py

oblique_sform_int16.nii: 5x4x3 int16, little endian, stored value
  s = i + 10 j + 100 k - 50, scl_slope 2, scl_inter -1000 (value = 2 s - 1000);
  sform (RAS) = R_z(30 deg) . diag(0.8, 1.2, 2.5), offset (10, -20, 30); qform_code 0.
qform_float32_be.nii.gz: 4x3x2 float32, big endian, value = 0.5 (i - j) + k;
  qform: quaternion of a 90 deg rotation about x (b = sin 45, c = d = 0),
  qfac -1, pixdim (1.5, 1.0, 2.0), qoffset (-5, 6, 7); sform_code 0.
"""
import gzip, math, struct, subprocess

def header(endian, dims, datatype, bitpix, pixdim, slope, inter, qform_code,
           sform_code, quatern, srows):
    h = bytearray(352)
    struct.pack_into(endian + 'i', h, 0, 348)
    struct.pack_into(endian + '8h', h, 40, 3, *dims, 1, 1, 1, 1)
    struct.pack_into(endian + 'hh', h, 70, datatype, bitpix)
    struct.pack_into(endian + '8f', h, 76, *pixdim)
    struct.pack_into(endian + 'f', h, 108, 352.0)
    struct.pack_into(endian + 'ff', h, 112, slope, inter)
    h[123] = 2  # mm
    struct.pack_into(endian + 'hh', h, 252, qform_code, sform_code)
    struct.pack_into(endian + '6f', h, 256, *quatern)
    struct.pack_into(endian + '12f', h, 280, *srows)
    h[344:348] = b'n+1\x00'
    return h

c, s = math.cos(math.radians(30)), math.sin(math.radians(30))
sp = (0.8, 1.2, 2.5)
srows = [c * sp[0], -s * sp[1], 0, 10,
         s * sp[0], c * sp[1], 0, -20,
         0, 0, sp[2], 30]
h = header('<', (5, 4, 3), 4, 16, (1, 0.8, 1.2, 2.5, 1, 1, 1, 1), 2.0, -1000.0,
           0, 1, (0, 0, 0, 0, 0, 0), srows)
data = b''.join(struct.pack('<h', i + 10 * j + 100 * k - 50)
                for k in range(3) for j in range(4) for i in range(5))
open('oblique_sform_int16.nii', 'wb').write(bytes(h) + data)

b = math.sin(math.radians(45))
h = header('>', (4, 3, 2), 16, 32, (-1, 1.5, 1.0, 2.0, 1, 1, 1, 1), 0.0, 0.0,
           1, 0, (b, 0, 0, -5, 6, 7), [0] * 12)
data = b''.join(struct.pack('>f', 0.5 * (i - j) + k)
                for k in range(2) for j in range(3) for i in range(4))
with gzip.open('qform_float32_be.nii.gz', 'wb') as f:
    f.write(bytes(h) + data)

subprocess.run(['plastimatch', 'convert', '--input', 'oblique_sform_int16.nii',
                '--output-img', 'oblique_sform_int16.mha'], check=True)
subprocess.run(['plastimatch', 'convert', '--input', 'qform_float32_be.nii.gz',
                '--output-img', 'qform_float32_be.mhd'], check=True)

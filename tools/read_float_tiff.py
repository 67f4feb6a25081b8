#!/usr/bin/env python3
"""Reads samlad's float32 anomaly-map TIFFs with numpy and zlib only (no PIL, no tifffile), as an independent check
that the files are plain TIFF 6.0: strips, Compression 1 (none) or 8 (Deflate), SampleFormat 3, no predictor.

  python3 tools/read_float_tiff.py MAP.tiff                  # prints size, compression, min/max
  python3 tools/read_float_tiff.py --same DIR_A DIR_B        # every *.tiff under DIR_A equals, bit for bit, the one
                                                             # at the same relative path under DIR_B
"""
import os
import struct
import sys
import zlib

import numpy as np


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    order = {b"II": "<", b"MM": ">"}[data[:2]]
    magic, ifd = struct.unpack(order + "HI", data[2:8])
    assert magic == 42, "not a classic TIFF"
    (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1}
    codes = {1: "B", 2: "B", 3: "H", 4: "I", 5: "II", 7: "B"}
    tags = {}
    for i in range(count):
        tag, typ, n, raw = struct.unpack(order + "HHI4s", data[ifd + 2 + 12 * i: ifd + 14 + 12 * i])
        width = sizes[typ] * n
        blob = raw[:width] if width <= 4 else data[struct.unpack(order + "I", raw)[0]:][:width]
        tags[tag] = struct.unpack(order + codes[typ] * n, blob)
    w, h = tags[256][0], tags[257][0]
    assert tags[258][0] == 32 and tags.get(339, (1,))[0] == 3, "not float32"
    assert tags.get(277, (1,))[0] == 1, "not one channel"
    assert tags.get(317, (1,))[0] == 1, "a predictor is not expected"
    compression = tags.get(259, (1,))[0]
    strips = []
    for off, n in zip(tags[273], tags[279]):
        chunk = data[off:off + n]
        strips.append(zlib.decompress(chunk) if compression in (8, 32946) else chunk)
        assert compression in (1, 8, 32946), "compression %d" % compression
    values = np.frombuffer(b"".join(strips), dtype=order + "f4")
    assert values.size == w * h, "strips hold %d values for %dx%d" % (values.size, w, h)
    return values.reshape(h, w), compression


def main(argv):
    if argv[:1] == ["--same"]:
        a_root, b_root = argv[1], argv[2]
        n = 0
        for d, _, files in os.walk(a_root):
            for name in sorted(files):
                if not name.endswith(".tiff"):
                    continue
                a, _ = read(os.path.join(d, name))
                b, _ = read(os.path.join(b_root, os.path.relpath(os.path.join(d, name), a_root)))
                if a.shape != b.shape or not np.array_equal(a.astype("<f4").view("<u4"), b.astype("<f4").view("<u4")):
                    print("DIFFERENT:", os.path.join(d, name))
                    return 1
                n += 1
        print("%d maps identical bit for bit" % n)
        return 0
    for path in argv:
        m, c = read(path)
        print("%s: %dx%d compression %d min %.6g max %.6g" % (path, m.shape[1], m.shape[0], c, m.min(), m.max()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

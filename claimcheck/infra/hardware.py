"""What the CPU can do fast, so training and inference pick their number format by measurement.

bf16 matmuls are native (and about 3x faster than fp32) on CPUs with AMX or AVX512-BF16, and
emulated (many times slower than fp32) on AVX2-only CPUs; int8 dynamic quantisation is the
fast option there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def native_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags

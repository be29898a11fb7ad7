#!/usr/bin/env python3
"""RandomX v2 answers from cyrx (PyPI), the oracle rigtop's own engine is tested against.

Reads lines "VERSION KEY_HEX INPUT_HEX" (VERSION 1 or 2) from stdin and prints, for each, the hash
and the commitment as "HASH_HEX COMMITMENT_HEX". cyrx ships RandomX 2.0 (RANDOMX_FLAG_V2,
randomx_calculate_commitment); the commitment is taken from that C function, not recomputed here.
Light mode: one 256 MiB cache per key, reused while consecutive lines share the key. cyrx refuses
an empty input (a traceback and exit 1), so callers send 1 byte or more.
Exit 3 with a message when cyrx is not installed (pip install cyrx).
"""
import ctypes
import sys

try:
    import cyrx
    import cyrx._cyrx as native
except ImportError:
    print("cyrx is not installed (pip install cyrx)", file=sys.stderr)
    sys.exit(3)

library = ctypes.CDLL(native.__file__)
library.randomx_calculate_commitment.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p]
library.randomx_calculate_commitment.restype = None


def commitment(data: bytes, digest: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    library.randomx_calculate_commitment(data, len(data), digest, out)
    return out.raw


def main() -> None:
    flags = cyrx.get_flags()
    cache = None
    cache_key = None
    machines = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        version, key, data = int(parts[0]), bytes.fromhex(parts[1]), bytes.fromhex(parts[2] if len(parts) > 2 else "")
        if key != cache_key:
            cache = cyrx.Cache(flags)
            cache.init(key)
            cache_key = key
            machines = {}
        if version not in machines:
            machines[version] = cyrx.VM(flags | (cyrx.CYRX_FLAG_V2 if version == 2 else 0), cache, None)
        digest = machines[version].hash(data)
        print(digest.hex(), commitment(data, digest).hex(), flush=True)


main()

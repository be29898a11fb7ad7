#!/usr/bin/env python3
"""A Monero stratum pool on loopback that judges every share with cyrx (RandomX 2.0), for tests.

It speaks xmrig's Monero stratum (login with the `algo` extension, `job` notifications, `submit`)
and switches the live connection from rx/0 to rx/2 after --switch-after valid rx/0 shares, as a
pool does at Monero's v17 fork. Every share is recomputed from the job's blob and the submitted
nonce: under rx/0 `result` must be the RandomX v1 hash; under rx/2 `result` must be the commitment
Blake2b-256(blob || hash) and `commitment` the RandomX v2 hash (xmrig 6.26's fields). Both must meet
the job's target. Each verdict is one JSON line in --verdicts.

Usage: monero_test_pool.py --port-file F --verdicts F [--switch-after N] [--difficulty D]
Exit 3 when cyrx is not installed.
"""
import argparse
import asyncio
import ctypes
import json
import os
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

SEED = bytes.fromhex("6a1e6ab7a3b5d2f0e4f54bb5d3a1e2c6f6f4b3d2a1c0e9f8d7c6b5a4938271ff")
# A real Monero hashing blob (RandomX's test vector 1e), nonce bytes 39..<43 zeroed.
BLOB = bytes.fromhex(
    "0b0b98bea7e805e0010a2126d287a2a0cc833d312cb786385a7c2f9de69d25537f584a9bc9977b00000000"
    "666fd8753bf61a8631f12984e3fd44f4014eca629276817b56f32e9b68bd82f416")


def commitment(data: bytes, digest: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    library.randomx_calculate_commitment(data, len(data), digest, out)
    return out.raw


class Judge:
    def __init__(self) -> None:
        flags = cyrx.get_flags()
        self.cache = cyrx.Cache(flags)
        self.cache.init(SEED)
        self.vms = {"rx/0": cyrx.VM(flags, self.cache, None), "rx/2": cyrx.VM(flags | cyrx.CYRX_FLAG_V2, self.cache, None)}

    def judge(self, algo: str, blob: bytes, difficulty: int, params: dict) -> str | None:
        """None when the share is valid, else why not."""
        digest = self.vms[algo].hash(blob)
        result = bytes.fromhex(params.get("result", ""))
        if algo == "rx/2":
            judged = commitment(blob, digest)
            if bytes.fromhex(params.get("commitment", "")) != digest:
                return "commitment is not the RandomX v2 hash"
        else:
            judged = digest
            if "commitment" in params:
                return "rx/0 share with a commitment field"
        if result != judged:
            return "result does not match"
        # Monero's rule (check_hash): the hash as a little-endian number times the difficulty
        # stays below 2^256.
        if int.from_bytes(judged, "little") * difficulty >= 1 << 256:
            return "low difficulty share"
        return None


class Pool:
    def __init__(self, args) -> None:
        self.args = args
        self.judge = Judge()
        self.verdicts = open(args.verdicts, "a", buffering=1)
        self.algo = "rx/0"
        self.valid = {"rx/0": 0, "rx/2": 0}
        self.job_number = 0
        self.jobs = {}
        self.difficulty = max(1, args.difficulty)
        # The compact target xmrig-style pools send: the top 32 bits of 2^64 / difficulty.
        self.target_hex = (0xFFFFFFFF // self.difficulty).to_bytes(4, "little").hex()

    def new_job(self) -> dict:
        self.job_number += 1
        job_id = str(self.job_number)
        blob = bytearray(BLOB)
        blob[43] = self.job_number & 0xFF  # each job its own blob
        self.jobs[job_id] = (self.algo, bytes(blob))
        return {"job_id": job_id, "blob": bytes(blob).hex(), "target": self.target_hex,
                "seed_hash": SEED.hex(), "height": 3_500_000 + self.job_number, "algo": self.algo}

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def send(message: dict) -> None:
            writer.write((json.dumps(message) + "\n").encode())

        while line := await reader.readline():
            request = json.loads(line)
            method, params, rid = request.get("method"), request.get("params", {}), request.get("id")
            if method == "login":
                offered = params.get("algo", [])
                self.verdicts.write(json.dumps({"login_algo": offered}) + "\n")
                send({"id": rid, "jsonrpc": "2.0", "error": None,
                      "result": {"id": "session", "job": self.new_job(), "extensions": ["algo"], "status": "OK"}})
            elif method == "submit":
                job = self.jobs.get(params.get("job_id"))
                if job is None:
                    send({"id": rid, "jsonrpc": "2.0", "error": {"code": -1, "message": "Unknown job"}})
                    continue
                algo, blob = job
                nonce = bytes.fromhex(params.get("nonce", ""))
                why = "bad nonce" if len(nonce) != 4 else self.judge.judge(algo, blob[:39] + nonce + blob[43:], self.difficulty, params)
                self.verdicts.write(json.dumps({"algo": algo, "job_id": params.get("job_id"), "valid": why is None, "why": why}) + "\n")
                if why is None:
                    self.valid[algo] += 1
                    send({"id": rid, "jsonrpc": "2.0", "error": None, "result": {"status": "OK"}})
                else:
                    send({"id": rid, "jsonrpc": "2.0", "error": {"code": -1, "message": why}})
                if self.algo == "rx/0" and self.valid["rx/0"] >= self.args.switch_after:
                    self.algo = "rx/2"  # the fork: the same connection gets rx/2 work from here on
                    send({"jsonrpc": "2.0", "method": "job", "params": self.new_job()})
            elif method == "keepalived":
                send({"id": rid, "jsonrpc": "2.0", "error": None, "result": {"status": "KEEPALIVED"}})
            await writer.drain()
        writer.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--verdicts", required=True)
    parser.add_argument("--switch-after", type=int, default=3)
    parser.add_argument("--difficulty", type=int, default=4)
    args = parser.parse_args()
    pool = Pool(args)
    server = await asyncio.start_server(pool.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
    async with server:
        await server.serve_forever()


asyncio.run(main())

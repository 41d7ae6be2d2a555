"""A fast load generator for the endpoint benchmark: Debian's ``wrk`` (C, epoll) with a Lua script.

The benchmark's own client (``bench_endpoint.hammer``) is Python threads in one process: its own CPU
competes with the server's for the same cores (it topped out near 2,500 requests/s on the first 2-core
machine here, 6,000-11,000 on the AMD EPYC one), so a fast server is measured partly at the client's
speed and every ratio to it is pulled towards 1. ``wrk`` costs the client a small share of a core per
thousand requests, so the servers themselves are the limit. Both clients are run by ``bench_endpoint``
and both views are reported.

Each request takes a different query (the same query makers as the Python client, ``--paths`` of
them written to a file first), sent as ``GET <path>?query=...`` with the cell's ``Accept``;
latencies are wrk's own (microsecond histogram), requests/s over wrk's measured duration.

>>> parse_result("RESULT n=120 errors=0 p50=1.500 p95=3.250 secs=2.000")
{'n': 120, 'rps': 60.0, 'p50': 1.5, 'p95': 3.25, 'errors': 0, 'secs': 2.0}
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("SPBE_WRK_PATHS")) do paths[#paths + 1] = line end
local accept = os.getenv("SPBE_WRK_ACCEPT")
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = accept})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT n=%d errors=%d p50=%.3f p95=%.3f secs=%.3f\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration / 1e6))
end
"""
_RESULT = re.compile(r"RESULT n=(\d+) errors=(\d+) p50=([\d.]+) p95=([\d.]+) secs=([\d.]+)")


def available() -> bool:
    """Is ``wrk`` on the PATH (``make bench`` installs Debian's package)?"""
    return shutil.which("wrk") is not None


def parse_result(out: str) -> dict:
    """The line the Lua ``done`` hook writes, as the Python client's result dict (ms, req/s)."""
    m = _RESULT.search(out)
    if m is None:
        raise RuntimeError(f"wrk printed no result: {out.strip()[-300:]}")
    n, errors, secs = int(m[1]), int(m[2]), float(m[5])
    return {"n": n, "rps": n / secs if secs else 0.0, "p50": float(m[3]), "p95": float(m[4]), "errors": errors, "secs": secs}


def hammer(url: str, make: Callable[[random.Random], str], accept: str, clients: int, seconds: float,
           paths: int = 3000, threads: int = 2) -> dict:
    """``clients`` keep-alive connections from ``threads`` wrk threads for ``seconds``, each request a
    query from ``make``; the same result dict as ``bench_endpoint.hammer``."""
    parts = urllib.parse.urlsplit(url)
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="spbe-wrk-") as tmp:
        script, listing = Path(tmp) / "queries.lua", Path(tmp) / "paths.txt"
        script.write_text(LUA, encoding="utf-8")
        with listing.open("w", encoding="utf-8") as f:
            for _ in range(paths):
                f.write(f"{parts.path}?{urllib.parse.urlencode({'query': make(rnd)})}\n")
        env = {**os.environ, "SPBE_WRK_PATHS": str(listing), "SPBE_WRK_ACCEPT": accept}
        cmd = ["wrk", f"-t{max(1, min(threads, clients))}", f"-c{clients}", f"-d{max(1, round(seconds))}s",
               "--timeout", "60s", "-s", str(script), f"{parts.scheme}://{parts.netloc}"]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 120)
    return parse_result(done.stdout + done.stderr)

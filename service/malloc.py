"""jemalloc under ``spbe serve`` (issue 13): ``spbe serve`` runs itself again with jemalloc preloaded.

Measured in situ (benchmarks/results/profile-sparql.md, run L): glibc's malloc and free were ~8% of a
reader process answering lookups (pyoxigraph and RocksDB allocate per query, as does the
interpreter); with jemalloc preloaded a lookup cost 14-20% less CPU (0.251 -> 0.215 ms and 0.244 ->
0.196 ms a lookup, interleaved A/Bs under wrk) and the p95 dropped. An allocator can only be chosen
before the process starts, so :func:`preload_env` says how to start again and :func:`rerun` does it
with ``execve``: the same process id, arguments and open files, before any store is opened or any
thread started. The reader, worker and job processes ``spbe serve`` starts inherit the environment.

``serve_malloc = "system"`` (``SPBE_SERVE_MALLOC=system``) keeps glibc's malloc; without the library
(Debian: ``libjemalloc2``, which ``make system-deps`` and ``make run`` install) the server runs on
glibc's malloc as before.

>>> preload_env({"LD_PRELOAD": "/opt/libjemalloc.so.2"}, "jemalloc") is None  # already preloaded
True
>>> preload_env({}, "system") is None
True
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Mapping
from pathlib import Path

MARK = "SPBE_MALLOC_PRELOADED"  # set on the run again: never a second execve
_NAME = "libjemalloc.so.2"


def find_jemalloc() -> str | None:
    """The path of jemalloc's shared library in the usual library directories, or None."""
    arch = sysconfig.get_config_var("MULTIARCH") or ""
    for d in (f"/usr/lib/{arch}", f"/lib/{arch}", "/usr/lib64", "/usr/lib", "/usr/local/lib"):
        p = Path(d) / _NAME
        if p.is_file():
            return str(p)
    return None


def preload_env(environ: Mapping[str, str], choice: str, lib: str | None = None) -> dict[str, str] | None:
    """The environment to run ``spbe serve`` again with jemalloc preloaded, or None when it should run
    on as it is (``choice`` is ``"system"``, jemalloc is preloaded already, this is the run again, or the
    library is missing)."""
    if choice != "jemalloc" or environ.get(MARK) or "jemalloc" in environ.get("LD_PRELOAD", ""):
        return None
    lib = lib or find_jemalloc()
    if lib is None:
        return None
    env = dict(environ)
    env["LD_PRELOAD"] = " ".join(x for x in (lib, environ.get("LD_PRELOAD", "")) if x)
    env[MARK] = lib
    return env


def rerun(env: dict[str, str]) -> None:
    """Replace this process by the same command with ``env`` (returns only if ``execve`` failed)."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    try:
        os.execve(sys.executable, sys.orig_argv, env)
    except OSError as e:  # the server runs on, on glibc's malloc
        print(f"spbe serve: jemalloc: {e}", file=sys.stderr)


def in_use() -> str:
    """``"jemalloc"`` when this process has jemalloc loaded (``/proc/self/maps``), else ``"glibc"``."""
    try:
        maps = Path("/proc/self/maps").read_text(errors="replace")
    except OSError:
        maps = os.environ.get("LD_PRELOAD", "")
    return "jemalloc" if "libjemalloc" in maps else "glibc"

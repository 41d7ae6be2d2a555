"""Resident memory of a process and its descendants, read from ``/proc`` (Linux), for the benchmarks that
watch a server (``bench_growth``, ``bench_soak``): ``spbe serve`` runs its queries in worker processes,
so the server's memory is the sum over the tree.

>>> import os
>>> tree_rss_mb(os.getpid())["total"] > 0
True
"""

from __future__ import annotations

import os
from pathlib import Path


def _status(pid: int, key: str) -> int:
    """A ``kB`` field of ``/proc/PID/status`` (0 when the process is gone or has no such field)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (children, grandchildren, ...)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def tree_rss_mb(pid: int) -> dict:
    """``{"main": MB, "workers": MB, "total": MB, "processes": n}``: current resident memory (VmRSS)."""
    main = _status(pid, "VmRSS") / 1024
    kids = descendants(pid)
    workers = sum(_status(k, "VmRSS") for k in kids) / 1024
    return {"main": main, "workers": workers, "total": main + workers, "processes": 1 + len(kids)}


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident memory (VmHWM) of one process, this one by default."""
    return _status(pid or os.getpid(), "VmHWM") / 1024


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live descendants (``/proc/PID/stat``).
    Under a shared machine's load a server's CPU per answered request is steadier than its req/s.

    >>> tree_cpu_s(os.getpid()) > 0
    True
    """
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / os.sysconf("SC_CLK_TCK")

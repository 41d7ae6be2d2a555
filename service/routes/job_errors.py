"""Run a route's heavy work through :mod:`service.jobs` and turn its limits into HTTP answers."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from ..errors import ApiError
from ..jobs import JobFailed, JobLimit, run_job


async def run_limited(fn, args: tuple, settings, *, load: bool = False):
    """``fn(*args)`` in a killable, memory-capped process (from a thread). Time limit: 503 with
    Retry-After; memory limit: 413; an ApiError raised by ``fn`` comes back as itself. ``load``: the
    limits of an upload's conversion (``load_job_*``), not those of an anonymous computation."""
    timeout_s, memory_mb = ((settings.load_job_timeout_s, settings.load_job_memory_mb) if load
                            else (settings.job_timeout_s, settings.job_memory_mb))
    prefix = "load_job" if load else "job"
    try:
        return await run_in_threadpool(run_job, fn, args, timeout_s=timeout_s, memory_mb=memory_mb,
                                       workers=settings.job_workers)
    except JobLimit as e:
        if e.kind == "time":
            raise ApiError(503, "job-limit", headers={"Retry-After": str(settings.retry_after_s)},
                           detail=f"batas waktu {timeout_s:g} s ({prefix}_timeout_s) / time limit") from None
        raise ApiError(413, "job-limit", detail=f"batas memori {memory_mb} MB ({prefix}_memory_mb) / memory limit") from None
    except JobFailed as e:
        if e.payload:
            status, key, kw = e.payload
            raise ApiError(status, key, **kw) from None
        raise ApiError(500, "job-limit", detail="pemrosesan gagal / processing failed") from None

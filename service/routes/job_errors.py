"""Run a route's heavy work through :mod:`service.jobs` and turn its limits into HTTP answers."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from ..errors import ApiError
from ..jobs import JobFailed, JobLimit, run_job


async def run_limited(fn, args: tuple, settings):
    """``fn(*args)`` in a killable, memory-capped process (from a thread). Time limit: 503 with
    Retry-After; memory limit: 413; an ApiError raised by ``fn`` comes back as itself."""
    try:
        return await run_in_threadpool(run_job, fn, args, timeout_s=settings.job_timeout_s,
                                       memory_mb=settings.job_memory_mb, workers=settings.job_workers)
    except JobLimit as e:
        if e.kind == "time":
            raise ApiError(503, "job-limit", headers={"Retry-After": str(settings.retry_after_s)},
                           detail=f"batas waktu {settings.job_timeout_s:g} s (job_timeout_s) / time limit") from None
        raise ApiError(413, "job-limit", detail=f"batas memori {settings.job_memory_mb} MB (job_memory_mb) / memory limit") from None
    except JobFailed as e:
        if e.payload:
            status, key, kw = e.payload
            raise ApiError(status, key, **kw) from None
        raise ApiError(500, "job-limit", detail="pemrosesan gagal / processing failed") from None

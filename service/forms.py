"""URL-encoded form bodies read with limits and parsed off the event loop.

``parse_qsl`` of a 48 MB body takes seconds of CPU; run on the event loop it stalls every other
request (``/health`` included). :func:`read_urlencoded` refuses a body over ``form_max_bytes`` by
its Content-Length before reading, stops reading as soon as the body grows past it (413), and
decodes and parses in a worker thread with at most ``form_max_fields`` fields (400 beyond).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from .errors import ApiError


def _parse(body: bytes, max_fields: int) -> list[tuple[str, str]]:
    if body.count(b"&") + 1 > max_fields:
        raise ApiError(400, "bad-request", detail=f"lebih dari {max_fields} isian formulir / more than {max_fields} form fields")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad-request", detail="body bukan UTF-8 / body is not UTF-8") from None
    return parse_qsl(text, keep_blank_values=True, strict_parsing=False, max_num_fields=max_fields)


async def read_urlencoded(request: Request, settings) -> list[tuple[str, str]]:
    """The (name, value) pairs of an ``application/x-www-form-urlencoded`` body, within the limits."""
    limit = settings.form_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too-large", detail=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too-large", detail=limit)
        chunks.append(chunk)
    return await run_in_threadpool(_parse, b"".join(chunks), settings.form_max_fields)

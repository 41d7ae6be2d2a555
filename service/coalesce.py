"""One ``send()`` per small response: the HTTP protocol every ``spbe serve`` process runs (issue 13).

uvicorn writes a response's status line and headers, then its body, as two ``transport.write``
calls, and uvloop sends each at once: two system calls and two TCP segments per answer (socket
writes were ~12% of a serving process's CPU under lookups; on loopback a send also does the
receiver's TCP work: perf, benchmarks/results/profile-sparql.md, run J).
:class:`CoalescingTransport` holds a response head written alone and sends it with the next
write, the body, in one call -- as the Oxigraph server writes an answer. Measured: within noise
on throughput, a slightly lower p95.

A held head is never delayed past the current turn of the event loop: a callback scheduled with
it sends it alone if no body came (a streaming answer whose first chunk is not ready yet, a
bodiless answer). ``100 Continue`` is never held (the client waits for it before sending its
body), and closing the connection sends what is held first. Everything else is the real transport.

:class:`CoalescingHTTPProtocol` is uvicorn's own HTTP protocol (httptools when installed, else
h11; ``http="auto"``) over that transport; ``uvicorn.Config(app, http=CoalescingHTTPProtocol)``.

>>> import asyncio
>>> class Wire:
...     def __init__(self): self.sends = []
...     def write(self, data): self.sends.append(bytes(data))
>>> async def demo():
...     wire = Wire()
...     t = CoalescingTransport(wire)
...     t.write(b"HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\n\\r\\n")
...     t.write(b"{}")
...     t.write(b"HTTP/1.1 204 No Content\\r\\n\\r\\n")  # no body follows: sent alone, this turn
...     await asyncio.sleep(0)
...     return wire.sends
>>> asyncio.run(demo())
[b'HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\n\\r\\n{}', b'HTTP/1.1 204 No Content\\r\\n\\r\\n']
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.auto import AutoHTTPProtocol

_STATUS_LINE = b"HTTP/1."
_END_OF_HEAD = b"\r\n\r\n"


def _is_final_head(data) -> bool:
    """A whole response head of a final (not 1xx) response, as uvicorn writes it: one write."""
    return (data[:7] == _STATUS_LINE and data[-4:] == _END_OF_HEAD and len(data) > 12
            and data[9:10] != b"1")


class CoalescingTransport:
    """A transport that sends a response head together with the write that follows it (module doc).

    Order is kept whatever is written: held bytes always go out before later ones, so a body
    chunk that merely looks like a head is at worst sent one loop turn later."""

    __slots__ = ("_real", "_held", "_loop")

    def __init__(self, real, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._real = real
        self._held: bytes | None = None
        self._loop = loop

    def write(self, data) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._real.write(held + data)
        elif _is_final_head(data):
            self._held = bytes(data)
            loop = self._loop or asyncio.get_running_loop()
            loop.call_soon(self.flush)
        else:
            self._real.write(data)

    def writelines(self, lines) -> None:
        self.write(b"".join(lines))

    def flush(self) -> None:
        """Send what is held, if anything (the end of the loop turn it was written in)."""
        held = self._held
        if held is not None:
            self._held = None
            self._real.write(held)

    def write_eof(self) -> None:
        self.flush()
        self._real.write_eof()

    def close(self) -> None:
        self.flush()
        self._real.close()

    def get_write_buffer_size(self) -> int:
        return self._real.get_write_buffer_size() + len(self._held or b"")

    def __getattr__(self, name):
        return getattr(self._real, name)


class CoalescingHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP/1.1 protocol writing through a :class:`CoalescingTransport`."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))

"""A local HTTP listener that counts connections: the "internal host" an attacker aims SERVICE/LOAD at."""

from __future__ import annotations

import contextlib
import socket
import threading

SECRET = "rahasia-internal-7731"
RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"' + SECRET.encode() + b'"}}]}}'


class Listener:
    """A TCP server on 127.0.0.1 answering every request with ``status`` and ``body``; counts hits."""

    def __init__(self, status: int = 200, body: bytes = RESULTS, ctype: str = "application/sparql-results+json") -> None:
        self.status, self.body, self.ctype = status, body, ctype
        self.hits = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            with contextlib.suppress(OSError):
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    conn.recv(65536)
                head = (f"HTTP/1.1 {self.status} X\r\nContent-Type: {self.ctype}\r\n"
                        f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n").encode()
                conn.sendall(head + self.body)
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.sock.close()

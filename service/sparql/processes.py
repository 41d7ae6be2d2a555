"""The reader processes of ``spbe serve --processes N``, seen from the serving process (issue 13).

:class:`Readers` starts ``N - 1`` reader processes (``reader.py``) on the listening socket the
serving process shares with them, restarts one that dies, and stops them all (SIGTERM, then SIGKILL
after :data:`STOP_GRACE_S`) when the server stops. :func:`private_socket` makes the Unix socket the
readers forward requests to, in a directory only this user can enter.

Readers need the serving process's checkpoints (``store/checkpoints.py``), so they run only over
the embedded on-disk store with query workers (``query_workers`` > 0); otherwise the serving
process serves alone (``spbe serve`` says so).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger("spbe.readers")

STOP_GRACE_S = 5.0
RESTART_PAUSE_S = 1.0  # a reader that dies is restarted after this pause (no tight crash loop)


def private_socket() -> tuple[socket.socket, str]:
    """A listening Unix socket in a fresh 0700 directory: ``(socket, path)``."""
    directory = tempfile.mkdtemp(prefix="spbe-serve-")  # mode 0700
    path = os.path.join(directory, "primary.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    os.chmod(path, 0o600)
    sock.listen(1024)
    return sock, path


def remove_private_socket(sock: socket.socket, path: str) -> None:
    sock.close()
    for p in (path, os.path.dirname(path)):
        try:
            os.unlink(p) if p == path else os.rmdir(p)
        except OSError:
            pass


class Readers:
    """``count`` reader processes accepting on ``listener`` and forwarding to ``uds``; ``root`` is the
    store's checkpoint root; ``settings_json`` their settings (without the write token)."""

    def __init__(self, count: int, listener: socket.socket, uds: str, root: Path, settings_json: str) -> None:
        self.count = max(0, count)
        self.listener = listener
        self.uds = uds
        self.root = root
        self.settings_json = settings_json
        self.procs: list[subprocess.Popen] = []
        self._closing = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> None:
        self.listener.set_inheritable(True)
        for _ in range(self.count):
            self._watch(self._spawn())

    def _spawn(self) -> subprocess.Popen:
        fd = self.listener.fileno()
        proc = subprocess.Popen([sys.executable, "-m", "spbe_kg.service.sparql.reader", str(fd), self.uds, str(self.root)],
                                pass_fds=(fd,), stdin=subprocess.PIPE)
        assert proc.stdin is not None
        proc.stdin.write(self.settings_json.encode() + b"\n")
        proc.stdin.flush()  # kept open: the reader stops when it closes (this process went away)
        with self._lock:
            self.procs.append(proc)
        return proc

    def _watch(self, proc: subprocess.Popen) -> None:
        def wait() -> None:
            code = proc.wait()
            with self._lock:
                if proc in self.procs:
                    self.procs.remove(proc)
            if self._closing.is_set():
                return
            log.warning("reader process %s exited (%s); restarting it", proc.pid, code)
            while not self._closing.wait(RESTART_PAUSE_S):
                try:
                    self._watch(self._spawn())
                    return
                except OSError as e:  # this watcher is the only one that restarts it: try again, never give up silently
                    log.warning("reader process could not be started (%s); trying again", e)

        threading.Thread(target=wait, name=f"reader-{proc.pid}", daemon=True).start()

    def close(self) -> None:
        """Stop every reader: SIGTERM (open requests finish), SIGKILL after :data:`STOP_GRACE_S`."""
        self._closing.set()
        with self._lock:
            procs = list(self.procs)
        for p in procs:
            try:
                p.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
        end = time.monotonic() + STOP_GRACE_S
        for p in procs:
            try:
                p.wait(max(0.0, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            if p.stdin is not None:
                try:
                    p.stdin.close()
                except OSError:
                    pass

"""Progress of a conversion, reported to whoever asks (the CLI draws a bar; the loaders never print).

>>> p = CountingProgress()
>>> p.add_total(3, "a.csv"); p.advance(2); p.advance(1)
>>> (p.total, p.done)
(3, 3)
"""

from __future__ import annotations

from typing import Protocol

STEP = 250  # rows between two reports


class Progress(Protocol):
    def add_total(self, n: int, label: str) -> None:
        """``n`` more rows are to come (a table of ``label`` was read)."""

    def advance(self, n: int) -> None:
        """``n`` more rows are done."""


class CountingProgress:
    """Counts only (tests, callers that want the numbers)."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.labels: list[str] = []

    def add_total(self, n: int, label: str) -> None:
        self.total += n
        self.labels.append(label)

    def advance(self, n: int) -> None:
        self.done += n

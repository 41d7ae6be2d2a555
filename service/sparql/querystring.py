"""A request's query string as ``urllib.parse.parse_qsl(qs, keep_blank_values=True)`` gives it,
faster (issue 13).

``parse_qsl`` decodes percent-escapes in Python, one ``%XX`` at a time: 22 us for a lookup's
query string here, 30 us between the engine calls of a loaded reader process, ~6% of a lookup's
CPU (benchmarks/results/profile-sparql.md, run I). :func:`parse` decodes an ASCII value in a few C
passes (``unicode_escape`` on the text with its backslashes doubled and each ``%`` made ``\\x``),
5 us, and leaves every other case -- non-ASCII text, a ``%`` not followed by two hex digits -- to
``urllib`` itself, so the result is always ``parse_qsl``'s (a randomised comparison is in
tests/service/test_fastpath.py).

>>> parse("query=SELECT+%3Fs+%7B+%3Fs+%3Fp+%22%C3%A9%5Cn%22+%7D&x&=y&&z=%zz")
[('query', 'SELECT ?s { ?s ?p "é\\\\n" }'), ('x', ''), ('', 'y'), ('z', '%zz')]
"""

from __future__ import annotations

from urllib.parse import unquote


def parse(qs: str) -> list[tuple[str, str]]:
    """``(name, value)`` pairs of ``qs`` (latin-1 text of the raw query string, as Starlette makes it)."""
    out = []
    for part in qs.split("&"):
        if part:
            name, _, value = part.partition("=")
            out.append((_unquote(name.replace("+", " ")), _unquote(value.replace("+", " "))))
    return out


def _unquote(text: str) -> str:
    if "%" not in text:
        return text
    if not text.isascii():
        return unquote(text)
    try:
        raw = text.replace("\\", "\\\\").replace("%", "\\x").encode("ascii").decode("unicode_escape")
    except UnicodeDecodeError:  # a "%" without two hex digits after it: urllib keeps it as it is
        return unquote(text)
    return raw.encode("latin-1").decode("utf-8", "replace")

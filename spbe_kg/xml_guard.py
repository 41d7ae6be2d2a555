"""Refuse XML that carries a DTD (entity declarations: "billion laughs", external entities).

RDF/XML never needs a DTD, and pyoxigraph's RDF/XML parser expands internal entities: a 600-byte
document with nested entities becomes a 300 MB literal. A DTD can only stand in the prolog, before
the root element, so the check parses with expat (any encoding: UTF-8, UTF-16, declared ones) just
until the first element starts -- a few bytes for an ordinary document, whatever its size.

>>> refuse_dtd(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
>>> refuse_dtd(b'<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>')  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
spbe_kg.xml_guard.DtdRefused: DOCTYPE r
"""

from __future__ import annotations

import io
from xml.parsers import expat

CHUNK = 16 * 1024


class DtdRefused(ValueError):
    """The XML has a DTD (``str()``: what was found)."""


class _Stop(Exception):
    pass


def refuse_dtd(data: bytes | io.BufferedIOBase) -> None:
    """Raise :class:`DtdRefused` if ``data`` (bytes or a binary file, read from its start) declares a
    DTD or entities. Malformed XML is left to the real parser (it reports it with a position)."""
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    p = expat.ParserCreate()

    def doctype(name, *_):
        raise DtdRefused(f"DOCTYPE {name}")

    def entity(name, *_):
        raise DtdRefused(f"ENTITY {name}")

    def start(*_):
        raise _Stop

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = entity
    p.StartElementHandler = start
    try:
        while True:
            chunk = stream.read(CHUNK)
            p.Parse(chunk or b"", not chunk)
            if not chunk:
                return
    except _Stop:
        return
    except expat.ExpatError:
        return

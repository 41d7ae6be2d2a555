"""The RDF formats a resource is served in: media type, file extension, pyoxigraph format.

>>> FORMATS_BY_EXT["ttl"].media, FORMATS_BY_EXT["jsonld"].rdf_format
('text/turtle', <RdfFormat JSON-LD>)
>>> split_extension("/spbe/id/aplikasi/x.ttl"), split_extension("/spbe/ref/RAL.02.04.06")
(('/spbe/id/aplikasi/x', 'ttl'), ('/spbe/ref/RAL.02.04.06', None))
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    ext: str
    media: str
    rdf_format: ox.RdfFormat | None  # None: HTML

    @property
    def rdf(self) -> ox.RdfFormat:
        """The RDF format (HTML has none: asking is a programming error)."""
        if self.rdf_format is None:
            raise ValueError(f"{self.media} is not an RDF format")
        return self.rdf_format


HTML = Format("html", "text/html", None)
#: in server preference order: a browser's ``*/*`` gets HTML, a client that asks for nothing gets HTML too
FORMATS: tuple[Format, ...] = (
    HTML,
    Format("ttl", "text/turtle", ox.RdfFormat.TURTLE),
    Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    Format("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    Format("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
)
FORMATS_BY_EXT = {f.ext: f for f in FORMATS}
FORMATS_BY_MEDIA = {f.media: f for f in FORMATS}
#: aliases clients send for the same formats
ALIASES = {"application/xhtml+xml": "text/html", "text/n3": "text/turtle", "application/x-turtle": "text/turtle",
           "application/json": "application/ld+json", "text/plain": "application/n-triples",
           "application/xml": "application/rdf+xml"}
OFFERS: list[str] = [f.media for f in FORMATS] + list(ALIASES)


def by_media(media: str) -> Format:
    return FORMATS_BY_MEDIA[ALIASES.get(media, media)]


def split_extension(path: str) -> tuple[str, str | None]:
    """``(path without extension, extension)`` when the path ends with one of our extensions."""
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in FORMATS_BY_EXT and stem and not stem.endswith("/"):
        return stem, ext
    return path, None

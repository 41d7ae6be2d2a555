"""Which named graphs an input file may write: its own, nothing else.

A TriG or N-Quads file names graphs itself. Loaded as is, it could replace the reference code
lists, the national-application list, the duplicate findings or another file's graph (each load
replaces the graphs it names). A file may therefore write only its own graph
(``<base>graph/<file-slug>``) and graphs beneath it (``<base>graph/<file-slug>/...``); naming any
other graph is refused -- the whole load, the store unchanged -- unless an administrator says so
explicitly (``spbe load --admin`` / ``--izinkan-graf-lain``).

>>> own("https://x.go.id/spbe/graph/a-trig", "https://x.go.id/spbe/graph/a-trig/2024")
True
>>> own("https://x.go.id/spbe/graph/a-trig", "https://x.go.id/spbe/graph/a-trig-2")
False
"""

from __future__ import annotations

from .errors import LoaderError


class ForeignGraph(LoaderError):
    """A file names graphs it does not own (exit 1: the input was read but is refused)."""


def own(file_graph: str, graph: str) -> bool:
    """Is ``graph`` the file's own graph or beneath it?"""
    return graph == file_graph or graph.startswith(file_graph.rstrip("/#") + "/")


def check(result, lang: str = "id", allow_other_graphs: bool = False) -> None:
    """Raise :class:`ForeignGraph` when a converted file names a graph it does not own."""
    foreign = getattr(result, "foreign_graphs", [])
    if not foreign or allow_other_graphs:
        return
    shown = "; ".join(f"{f}: <{g}>" for f, g in foreign[:5]) + (" …" if len(foreign) > 5 else "")
    if lang == "en":
        raise ForeignGraph(f"refused, nothing was written: a file may write only its own graph, but these name other "
                           f"graphs (reference, national, findings or another file's): {shown}. Remove those graphs "
                           f"from the file, or load as administrator with --admin.")
    raise ForeignGraph(f"ditolak, tidak ada yang ditulis: sebuah berkas hanya boleh menulis grafnya sendiri, tetapi "
                       f"berkas ini menyebut graf lain (referensi, nasional, temuan atau graf berkas lain): {shown}. "
                       f"Hapus graf itu dari berkas, atau muat sebagai admin dengan --izinkan-graf-lain.")

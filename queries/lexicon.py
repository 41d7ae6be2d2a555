"""The government-application lexicon (``ontology/leksikon.ttl`` + the RAB/RAL code lists), read as data.

Everything the code suggester and the same-job detector know about words lives in Turtle an architect
can edit: application jobs (``fa:*``, SKOS concepts with alt/hidden labels, ``skos:broadMatch`` to a RAB
level-3 function and ``spbe:aplikasiUmumRujukan`` to the national Aplikasi Umum doing the same job),
synonyms on the reference concepts, and acronyms (``spbe:Singkatan``). Extra Turtle files named by the
setting ``leksikon_tambahan`` (env ``SPBE_LEKSIKON_TAMBAHAN``, a JSON list of paths) are merged in.

Words are compared after :func:`analyse`: folded to lower-case ASCII, ``e-``/``E `` prefixes joined,
acronyms expanded (``SIMPEG`` -> ``sistem informasi manajemen kepegawaian``) and stemmed with PySastrawi
(``kepegawaian`` -> ``pegawai``), except where the stem is a common word (``pendapatan`` stays).

>>> lex = load_lexicon()
>>> job = lex.jobs["https://w3id.org/spbe/ref/fungsi-aplikasi/kepegawaian"]
>>> job.rab
'https://w3id.org/spbe/ref/RAB.09.06.03'
>>> sorted(analyse("Aplikasi SIMPEG", lex))
['pegawai', 'simpeg']
>>> sorted(analyse("e-SKM", lex))
['eskm', 'masyarakat', 'puas', 'skm', 'survei']
>>> lex.ral_for_rab["https://w3id.org/spbe/ref/RAB.09.06.06"]
'https://w3id.org/spbe/ref/RAL.02.04.06'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from spbe_kg.ontology import ONTOLOGY_DIR

from .normalize import fold

SKOS = "http://www.w3.org/2004/02/skos/core#"
SPBE = "https://w3id.org/spbe/ontology#"
REF = "https://w3id.org/spbe/ref/"
JOB_SCHEME = REF + "fungsi-aplikasi"
DCTERMS_TYPE = "http://purl.org/dc/terms/type"
LEXICON_FILE = ONTOLOGY_DIR / "leksikon.ttl"
REFERENCE_FILES = ("ref-rab.ttl", "ref-ral.ttl", "ref-raa.ttl")

_WORD = re.compile(r"[a-z0-9]+")
_E_PREFIX = re.compile(r"\be\s*[-.]\s*(?=[a-z])|\be\s+(?=[a-z]{3,})")
# Stems that are common words: keep the surface form instead (pendapatan -> dapat = "can").
_STEM_KEEP_SURFACE = frozenset("dapat ada guna buat milik bagai laku oleh jadi baru duduk kena tentu hasil atur".split())
# Words that say nothing about the job.
STOP = frozenset(
    "aplikasi app apps sistem system informasi information manajemen website web situs portal online daring "
    "berbasis versi ver new baru dan di ke untuk yang dengan atau serta pada dari dalam oleh sebagai akan "
    "adalah ini itu tersebut secara dapat bisa telah sudah merupakan digunakan menggunakan guna the of and for "
    "kabupaten kab kota provinsi pemerintah pemkab pemkot daerah dinas badan kantor bagian bidang seksi sub "
    "android ios mobile desktop apk elektronik e digital terpadu terintegrasi layanan pelayanan pengelolaan data "
    "si sim my smart".split()
)


@dataclass(frozen=True)
class Label:
    tokens: tuple[str, ...]  # analysed words (a phrase matches when all of them occur)
    text: str  # as written in the lexicon
    kind: str  # pref, alt, hidden


@dataclass
class Job:
    iri: str
    label_id: str
    label_en: str
    rab: str | None
    umum: tuple[str, ...]
    labels: list[Label] = field(default_factory=list)
    raa: str | None = None  # RAA level-2 group of applications doing this job (spbe:kelompokAplikasi)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" and self.label_en else self.label_id


@dataclass
class Concept:
    iri: str
    notation: str
    label: str
    level: int
    broader: str | None
    labels: list[Label] = field(default_factory=list)


@dataclass
class Lexicon:
    jobs: dict[str, Job]
    concepts: dict[str, Concept]  # RAB/RAL/RAA concepts of the code lists
    acronyms: dict[str, tuple[str, ...]]  # folded short form -> long-form words (not stemmed)
    ral_for_rab: dict[str, str]
    version: str
    sources: tuple[str, ...]
    stem_cache: dict[str, str] = field(default_factory=dict, repr=False)
    score_cache: dict[tuple, tuple] = field(default_factory=dict, repr=False)  # suggest.record_scores
    text_cache: dict[tuple, frozenset] = field(default_factory=dict, repr=False)  # suggest._analysed
    match_cache: dict[tuple, list] = field(default_factory=dict, repr=False)  # suggest._field_matches
    job_cache: dict[tuple, object] = field(default_factory=dict, repr=False)  # suggest.job_of
    org_acronyms: frozenset[str] = frozenset()  # short forms naming an organisation (dcterms:type "instansi")
    _generic: frozenset[str] | None = field(default=None, repr=False)

    def generic_names(self) -> frozenset[str]:
        """Normalised names that are a job's common name (its altLabels: "e-Kinerja", "Lapor", "e-Office")."""
        from .normalize import normalise_name

        if self._generic is None:
            self._generic = frozenset(normalise_name(lab.text) for j in self.jobs.values() for lab in j.labels
                                      if lab.kind == "alt")
        return self._generic

    def level3(self, scheme: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.level == 3 and c.notation.startswith(scheme + ".")]


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def stem(word: str, cache: dict[str, str]) -> str:
    """PySastrawi stem of one folded word (cached); numbers and short words unchanged."""
    s = cache.get(word)
    if s is None:
        if len(word) <= 3 or not word.isalpha():
            s = word
        else:
            s = _stemmer().stem(word) or word
            if s in _STEM_KEEP_SURFACE:
                s = word
        cache[word] = s
    return s


def words(text: str) -> list[str]:
    """Folded words, e-prefixes joined ("E-Office" -> "eoffice")."""
    return _WORD.findall(_E_PREFIX.sub("e", fold(text or "")))


def analyse(text: str, lex: Lexicon, *, expand: bool = True, organisations: bool = False) -> set[str]:
    """The set of analysed words of a text: acronyms expanded, stemmed, stop words dropped.

    Both the original token and its expansion are kept ("simpeg" stays, so a hidden label "simpeg" matches).
    An organisation's acronym (BAPPEDA, BKD) is expanded only when ``organisations`` (the managing-OPD field):
    in a name or a description it says who ("server di Bappeda", "Website BKD"), not what the application does.

    >>> sorted(analyse("Server di Bappeda", load_lexicon())), "rencana" in analyse("Bappeda", load_lexicon(), organisations=True)
    (['bappeda', 'server'], True)
    """
    out: set[str] = set()
    for w in words(text):
        out.add(w)
        if expand and (organisations or w not in lex.org_acronyms):
            long_ = lex.acronyms.get(w)
            if not long_ and w.startswith("e") and len(w) >= 4 and w[1:] in lex.acronyms:
                out.add(w[1:])  # "e-SKM" -> "eskm": the e-prefix on an acronym ("skm")
                long_ = lex.acronyms[w[1:]]
            if long_:
                out.update(stem(x, lex.stem_cache) for x in long_)
        out.add(stem(w, lex.stem_cache))
    return {w for w in out if w not in STOP and len(w) >= 2}


def _phrase(text: str, lex: Lexicon, kind: str) -> Label | None:
    toks = tuple(sorted({stem(w, lex.stem_cache) for w in words(text)} - STOP))
    if not toks:  # a label made only of generic words ("aplikasi") says nothing; its joined form still may
        joined = "".join(words(text))
        toks = (joined,) if joined and joined not in STOP else ()
    return Label(toks, text, kind) if toks else None


def _labels(text: str, lex: Lexicon, kind: str) -> list[Label]:
    out = []
    lab = _phrase(text, lex, kind)
    if lab:
        out.append(lab)
    joined = "".join(words(text))
    if len(words(text)) > 1 and len(joined) >= 4 and joined not in STOP:
        out.append(Label((joined,), text, kind))  # "e-office" also matches "eoffice", "sp4n lapor" "sp4nlapor"
    return out


def _read(paths: Sequence[Path]) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for p in paths:
        with open(p, "rb") as f:
            triples.extend(ox.parse(f, format=ox.RdfFormat.TURTLE))
    return triples


def build_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """Read the bundled lexicon, the code lists and ``extra`` Turtle files into a :class:`Lexicon`."""
    paths = [ONTOLOGY_DIR / f for f in REFERENCE_FILES] + [LEXICON_FILE] + [Path(p) for p in extra]
    triples = _read(paths)
    by_s: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            by_s[t.subject.value][t.predicate.value].append(t.object)
    lex = Lexicon({}, {}, {}, {}, "", tuple(p.name for p in paths))
    orgs: set[str] = set()
    version = "1.0"

    def lit(objs, lang=None):
        for o in objs:
            if isinstance(o, ox.Literal) and (lang is None or o.language in (lang, None)):
                return o.value
        return ""

    for s, props in by_s.items():
        if s == JOB_SCHEME:
            version = lit(props.get("http://www.w3.org/2002/07/owl#versionInfo", [])) or version
        notation = lit(props.get(SKOS + "notation", []))
        if SPBE + "bentukSingkat" in props:
            org = lit(props.get(DCTERMS_TYPE, [])) == "instansi"
            for short in props[SPBE + "bentukSingkat"]:
                key = "".join(words(short.value))
                lex.acronyms[key] = tuple(w for w in words(lit(props.get(SPBE + "bentukPanjang", []))))
                if org:
                    orgs.add(key)
            continue
        inscheme = {o.value for o in props.get(SKOS + "inScheme", [])}
        if JOB_SCHEME in inscheme:
            rab = next((o.value for o in props.get(SKOS + "broadMatch", []) if o.value.startswith(REF + "RAB.")), None)
            raa = props.get(SPBE + "kelompokAplikasi", [])
            lex.jobs[s] = Job(s, lit(props.get(SKOS + "prefLabel", []), "id"), lit(props.get(SKOS + "prefLabel", []), "en"),
                              rab, tuple(sorted(o.value for o in props.get(SPBE + "aplikasiUmumRujukan", []))),
                              raa=raa[0].value if raa else None)
        elif notation.startswith(("RAB.", "RAL.", "RAA.")):
            lvl = props.get(SPBE + "level", [])
            broader = props.get(SKOS + "broader", [])
            lex.concepts[s] = Concept(s, notation, lit(props.get(SKOS + "prefLabel", []), "id"),
                                      int(lvl[0].value) if lvl else notation.count("."),
                                      broader[0].value if broader else None)
            for o in props.get(SPBE + "padananRAB", []):
                lex.ral_for_rab.setdefault(o.value, s)
    # labels (after acronyms are known)
    for s, props in by_s.items():
        target = lex.jobs.get(s) or lex.concepts.get(s)
        if target is None:
            continue
        for kind, prop in (("pref", "prefLabel"), ("alt", "altLabel"), ("hidden", "hiddenLabel")):
            for o in props.get(SKOS + prop, []):
                if isinstance(o, ox.Literal) and o.language in ("id", None):
                    target.labels.extend(_labels(o.value, lex, kind))
    lex.version = version
    lex.org_acronyms = frozenset(orgs)
    return lex


_CACHE: dict[tuple, Lexicon] = {}


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The lexicon, cached per set of extra files and their modification times."""
    key = tuple((str(p), Path(p).stat().st_mtime_ns) for p in extra) + (LEXICON_FILE.stat().st_mtime_ns,)
    lex = _CACHE.get(key)
    if lex is None:
        if len(_CACHE) > 4:
            _CACHE.clear()
        lex = _CACHE[key] = build_lexicon(extra)
    return lex


def lexicon_for(settings) -> Lexicon:
    return load_lexicon(tuple(getattr(settings, "leksikon_tambahan", ()) or ()))

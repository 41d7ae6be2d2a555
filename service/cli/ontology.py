"""``spbe ontology build|docs|check|codes``: build the ontology and code lists, render its documentation,
check it (optionally with inventory files) with HermiT, list the codes of a reference scheme.

    spbe ontology build [--reference DIR] [-o DIR]
    spbe ontology docs [-o DIR]
    spbe ontology check [FILE ...] [--instansi NAMA]
    spbe ontology codes RAL [--level 2]
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import CliError

_MSG = {
    "consistent": ("konsisten", "consistent"),
    "inconsistent": ("TIDAK konsisten", "NOT consistent"),
    "files": ("berkas inventaris diperiksa bersama graf referensi", "inventory files checked with the reference graph"),
}


def _t(key: str, lang: str) -> str:
    return _MSG[key][1 if lang == "en" else 0]


def register(subparsers) -> None:
    p = subparsers.add_parser("ontology", help="ontologi, daftar kode, dokumentasi, HermiT / ontology tools",
                              description=__doc__)
    sub = p.add_subparsers(dest="ontology_command", metavar="AKSI", required=True)
    b = sub.add_parser("build", help="bangun spbe.ttl, ref-*.ttl, enumerations.ttl, aplikasi-nasional.ttl")
    b.add_argument("--reference", type=Path, help="direktori CSV referensi (default SPBE_REFERENCE_DIR / ../shared)")
    b.add_argument("-o", "--output-dir", type=Path, help="default: folder ontology/ paket")
    b.set_defaults(func=_build)
    d = sub.add_parser("docs", help="dokumentasi HTML (pyLODE) / HTML documentation")
    d.add_argument("-o", "--output-dir", type=Path, default=Path("build/docs"))
    d.set_defaults(func=_docs)
    c = sub.add_parser("check", help="periksa konsistensi OWL dengan HermiT / OWL consistency with HermiT")
    c.add_argument("files", nargs="*", type=Path, metavar="FILE", help="berkas inventaris (opsional)")
    c.add_argument("--instansi", help='instansi pemilik berkas tanpa kolom pemda, mis. "Pemerintah Kabupaten Madiun"')
    c.add_argument("--owlready2", action="store_true",
                   help="lewat owlready2 (klasifikasi + realisasi penuh, lebih lambat) / via owlready2 (slower)")
    c.set_defaults(func=_check)
    k = sub.add_parser("codes", help="daftar kode satu skema / list the codes of one scheme")
    k.add_argument("prefix", help="RAB, RAL, RAD, RAA, RAI atau RAK")
    k.add_argument("--level", type=int, help="hanya level ini / only this level")
    k.set_defaults(func=_codes)
    for q in (b, d, c, k):
        q.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language")


def _lang(args) -> str:
    if getattr(args, "lang", None):
        return args.lang
    from spbe_kg.settings import get_settings

    return get_settings().lang


def _build(args) -> int:
    from spbe_kg.ontology.build import build_all
    from spbe_kg.ontology.build_codelists import CodeListError

    try:
        for p in build_all(args.reference, args.output_dir):
            print(p)
    except CodeListError as e:
        raise CliError(e.message(_lang(args)), 1) from None
    return 0


def _docs(args) -> int:
    from spbe_kg.ontology.docs import write_docs

    try:
        for p in write_docs(args.output_dir):
            print(p)
    except OSError as e:
        raise CliError(f"tidak dapat menulis / cannot write {args.output_dir}: {e.strerror or e}", 2) from None
    return 0


def _check(args) -> int:
    from spbe_kg.ontology.reasoning import ReasoningError, hermit_check, hermit_consistent
    from spbe_kg.ontology.reference import reference_quads

    lang = _lang(args)
    quads = reference_quads()
    if args.files:
        from spbe_kg.loaders.api import LoaderError, convert_files
        from spbe_kg.settings import Settings

        try:
            result = convert_files(args.files, settings=Settings(lang=lang), instansi=args.instansi, partial=True)
        except LoaderError as e:
            raise CliError(str(e), 2) from None
        quads += result.quads
        print(f"{len(args.files)} {_t('files', lang)}", file=sys.stderr)
    try:
        ok, message = (hermit_consistent if args.owlready2 else hermit_check)(quads)
    except ReasoningError as e:
        raise CliError(str(e), 2) from None
    print(f"{_t('consistent' if ok else 'inconsistent', lang)}: {message}")
    return 0 if ok else 1


def _codes(args) -> int:
    from spbe_kg.ontology.codes import known_codes

    try:
        codes = known_codes(args.prefix)
    except ValueError as e:
        raise CliError(str(e), 2) from None
    for code, (label, level, _parent) in codes.items():
        if args.level is None or level == args.level:
            print(f"{code}\t{level}\t{label}")
    return 0

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

from .common import CliError, add_lang_arg, h, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("ontology", help=h("help_ontology", lang), description=h("desc_ontology", lang))
    sub = p.add_subparsers(dest="ontology_command", metavar=h("metavar_action", lang), required=True,
                           title=h("commands_title", lang))
    b = sub.add_parser("build", help=h("help_ontology_build", lang), description=h("help_ontology_build", lang))
    b.add_argument("--reference", type=Path, metavar=h("metavar_dir", lang), help=h("opt_reference", lang))
    b.add_argument("-o", "--output-dir", type=Path, metavar=h("metavar_dir", lang), help=h("opt_output_dir", lang))
    b.set_defaults(func=_build)
    d = sub.add_parser("docs", help=h("help_ontology_docs", lang), description=h("help_ontology_docs", lang))
    d.add_argument("-o", "--output-dir", type=Path, default=Path("build/docs"), metavar=h("metavar_dir", lang),
                   help=h("opt_docs_output_dir", lang))
    d.set_defaults(func=_docs)
    c = sub.add_parser("check", help=h("help_ontology_check", lang), description=h("help_ontology_check", lang))
    c.add_argument("files", nargs="*", type=Path, metavar=h("metavar_file", lang), help=h("opt_check_files", lang))
    c.add_argument("--instansi", metavar=h("metavar_name", lang), help=h("opt_instansi", lang))
    c.add_argument("--owlready2", action="store_true", help=h("opt_owlready2", lang))
    c.set_defaults(func=_check)
    k = sub.add_parser("codes", help=h("help_ontology_codes", lang), description=h("help_ontology_codes", lang))
    k.add_argument("prefix", metavar=h("metavar_scheme", lang), help=h("opt_codes_prefix", lang))
    k.add_argument("--level", type=int, metavar=h("metavar_level", lang), help=h("opt_codes_level", lang))
    k.set_defaults(func=_codes)
    for q in (b, d, c, k):
        add_lang_arg(q, lang)


def _lang(args) -> str:
    return settings_of(args).lang


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
        raise CliError(h("cannot_write", _lang(args), path=args.output_dir, err=e.strerror or e), 2) from None
    return 0


def _check(args) -> int:
    from spbe_kg.ontology.reasoning import ReasoningError, hermit_check, hermit_consistent
    from spbe_kg.ontology.reference import reference_quads

    lang = _lang(args)
    quads = reference_quads()
    if args.files:
        from spbe_kg.loaders.api import LoaderError, convert_files

        try:
            result = convert_files(args.files, settings=settings_of(args), instansi=args.instansi, partial=True)
        except LoaderError as e:
            raise CliError(str(e), 2) from None
        quads += result.quads
        print(h("onto_files", lang, n=len(args.files)), file=sys.stderr)
    try:
        ok, message = (hermit_consistent if args.owlready2 else hermit_check)(quads)
    except ReasoningError as e:
        raise CliError(str(e), 2) from None
    print(f"{h('onto_consistent' if ok else 'onto_inconsistent', lang)}: {message}")
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

"""``spbe mapping suggest FILE``: print a draft mapping file (YAML) for an inventory's headers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spbe_kg.loaders.errors import LoaderError

from .common import CliError, add_lang_arg, h, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("mapping", help=h("help_mapping", lang), description=h("desc_mapping", lang))
    sub = p.add_subparsers(dest="mapping_command", metavar=h("metavar_action", lang), title=h("commands_title", lang))
    s = sub.add_parser("suggest", help=h("help_mapping_suggest", lang), description=h("desc_mapping_suggest", lang))
    s.add_argument("file", type=Path, metavar=h("metavar_file", lang), help=h("opt_mapping_file", lang))
    s.add_argument("--sheet", metavar=h("metavar_sheet", lang), help=h("opt_sheet", lang))
    s.add_argument("--delimiter", metavar=h("metavar_char", lang), help=h("opt_delimiter", lang))
    s.add_argument("--encoding", metavar="ENCODING", help=h("opt_encoding", lang))
    add_lang_arg(s, lang)
    s.set_defaults(func=run_suggest)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_suggest(args: argparse.Namespace) -> int:
    from spbe_kg.loaders.suggest import suggest

    settings = settings_of(args)
    try:
        text = suggest(args.file, lang=settings.lang, sheet=args.sheet, delimiter=args.delimiter, encoding=args.encoding)
    except LoaderError as e:
        raise CliError(str(e), 2) from None
    sys.stdout.write(text)
    return 0

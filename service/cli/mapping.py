"""``spbe mapping suggest FILE``: print a draft mapping file (YAML) for an inventory's headers."""

from __future__ import annotations

import sys
from pathlib import Path

from spbe_kg.loaders.errors import LoaderError

from . import CliError


def register(subparsers) -> None:
    p = subparsers.add_parser("mapping", help="berkas pemetaan kolom / column mapping files", description=__doc__)
    sub = p.add_subparsers(dest="mapping_command", metavar="SUB")
    s = sub.add_parser("suggest", help="draf pemetaan untuk judul kolom berkas / draft mapping for a file's headers")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--sheet")
    s.add_argument("--delimiter")
    s.add_argument("--encoding")
    s.add_argument("--lang", choices=["id", "en"])
    s.set_defaults(func=run_suggest)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_suggest(args) -> int:
    from spbe_kg.loaders.cli_common import settings_from
    from spbe_kg.loaders.suggest import suggest

    settings = settings_from(args)
    try:
        text = suggest(args.file, lang=settings.lang, sheet=args.sheet, delimiter=args.delimiter, encoding=args.encoding)
    except LoaderError as e:
        raise CliError(str(e), 2) from None
    sys.stdout.write(text)
    return 0

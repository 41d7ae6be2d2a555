"""``spbe convert FILE ... [-o OUT]``: inventory files to RDF (format from OUT's extension; Turtle on stdout)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spbe_kg.loaders.serialize import FORMATS, serialize

from .common import CliError, add_input_args, convert, h, print_summary, rejected_message, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("convert", help=h("help_convert", lang), description=h("desc_convert", lang))
    add_input_args(p, lang)
    p.add_argument("-o", "--output", type=Path, metavar=h("metavar_out", lang),
                   help=h("opt_convert_output", lang, formats=", ".join(FORMATS)))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    lang = settings.lang
    out = args.output
    if out is not None and out.suffix.lower() not in FORMATS:
        raise CliError(h("bad_output_ext", lang, ext=out.suffix, formats=", ".join(FORMATS)), 2)
    result = convert(args, settings)
    print_summary(result, settings, args)
    if not result.ok and not args.partial:
        print("spbe: " + rejected_message(result, lang), file=sys.stderr)
        return 1
    data = serialize(result, out.suffix.lower() if out else ".ttl")
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            tmp = out.with_name(out.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(out)
        except OSError as e:
            raise CliError(h("cannot_write", lang, path=out, err=e.strerror or e), 2) from None
    return 0

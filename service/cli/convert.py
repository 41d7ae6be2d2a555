"""``spbe convert FILE ... [-o OUT]``: inventory files to RDF (format from OUT's extension; Turtle on stdout)."""

from __future__ import annotations

import sys
from pathlib import Path

from spbe_kg.loaders.cli_common import add_input_args, convert, print_summary, rejected_message, settings_from
from spbe_kg.loaders.serialize import FORMATS, serialize

from . import CliError


def register(subparsers) -> None:
    p = subparsers.add_parser("convert", help="ubah berkas inventaris menjadi RDF / convert inventories to RDF",
                              description=__doc__)
    add_input_args(p)
    p.add_argument("-o", "--output", type=Path,
                   help=f"berkas keluaran; format dari ekstensi ({', '.join(FORMATS)}); default Turtle ke stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    settings = settings_from(args)
    out = args.output
    if out is not None and out.suffix.lower() not in FORMATS:
        raise CliError(
            f"ekstensi keluaran '{out.suffix}' tidak didukung; gunakan {', '.join(FORMATS)}" if settings.lang != "en"
            else f"output extension '{out.suffix}' is not supported; use {', '.join(FORMATS)}", 2)
    result = convert(args, settings)
    print_summary(result, settings, args)
    if not result.ok and not args.partial:
        print("spbe: " + rejected_message(result, settings.lang), file=sys.stderr)
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
            raise CliError(f"tidak dapat menulis / cannot write {out}: {e.strerror or e}", 2) from None
    return 0

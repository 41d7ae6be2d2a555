"""``spbe token add --instansi NAMA [--opd NAMA] | list | remove ID``: per-pemda write tokens (admin).

The token is printed once, on stdout, by ``add``; the token file (``tokens_file`` setting, default
``<store parent>/spbe-tokens.json``) keeps only a salted scrypt hash (``service/tokens.py``). A running
server reads the file again when it changes. Exit 0 done; 1 no such token; 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CliError, add_lang_arg, h, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("token", help=h("help_token", lang), description=h("desc_token", lang))
    sub = p.add_subparsers(dest="token_command", metavar=h("metavar_command", lang), title=h("commands_title", lang))
    add = sub.add_parser("add", aliases=["tambah"], help=h("help_token_add", lang), description=h("desc_token_add", lang))
    add.add_argument("--instansi", required=True, metavar=h("metavar_name", lang), help=h("opt_token_instansi", lang))
    add.add_argument("--opd", metavar=h("metavar_name", lang), help=h("opt_token_opd", lang))
    add.add_argument("--note", "--catatan", dest="note", default="", metavar="TEKS", help=h("opt_token_note", lang))
    lst = sub.add_parser("list", aliases=["daftar"], help=h("help_token_list", lang), description=h("help_token_list", lang))
    rm = sub.add_parser("remove", aliases=["hapus"], help=h("help_token_remove", lang),
                        description=h("help_token_remove", lang))
    rm.add_argument("id", metavar="ID", help=h("opt_token_id", lang))
    for q in (p, add, lst, rm):
        q.add_argument("--store", type=Path, metavar=h("metavar_dir", lang), help=h("opt_token_store", lang))
        q.add_argument("--tokens-file", type=Path, metavar=h("metavar_file", lang), help=h("opt_tokens_file", lang))
        add_lang_arg(q, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..tokens import add_token, read_tokens, remove_token, tokens_path

    extra = {"tokens_file": args.tokens_file} if getattr(args, "tokens_file", None) else {}
    settings = settings_of(args, **extra)
    lang = settings.lang
    path = tokens_path(settings)
    cmd = {"tambah": "add", "daftar": "list", "hapus": "remove"}.get(args.token_command, args.token_command)
    if cmd == "add":
        if not args.instansi.strip():
            raise CliError(h("token_no_instansi", lang), 2)
        token, rec = add_token(path, args.instansi, args.opd, args.note)
        print(token)  # the only time it is shown
        print(h("token_added", lang, id=rec.id, instansi=rec.instansi + (f" / {rec.opd}" if rec.opd else ""), path=path),
              file=sys.stderr)
        return 0
    if cmd == "list":
        recs = read_tokens(path)
        if not recs:
            print(h("token_none", lang, path=path), file=sys.stderr)
        for r in recs.values():
            print("\t".join([r.id, r.instansi, r.opd or "-", r.created, r.note]))
        return 0
    if cmd == "remove":
        if not remove_token(path, args.id):
            raise CliError(h("token_unknown", lang, id=args.id, path=path), 1)
        print(h("token_removed", lang, id=args.id), file=sys.stderr)
        return 0
    raise CliError(h("token_usage", lang), 2)

"""Argument handling shared by ``spbe convert`` and ``spbe load`` (the command modules stay thin)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import LoaderError


def add_input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="berkas inventaris: .csv .xlsx .json atau RDF (.ttl .nt .nq .trig .jsonld)")
    p.add_argument("--mapping", type=Path, help="berkas pemetaan YAML/TOML untuk tata letak kolom lain")
    p.add_argument("--instansi", help='instansi/pemda pemilik berkas, mis. "Pemerintah Kabupaten Madiun"')
    p.add_argument("--sheet", help="hanya lembar (sheet) ini dari .xlsx")
    p.add_argument("--delimiter", help="pemisah kolom csv (default: dideteksi)")
    p.add_argument("--encoding", help="encoding csv (default: dideteksi: utf-8, utf-8-sig, cp1252)")
    p.add_argument("--partial", action="store_true", help="muat baris yang baik walau ada baris bergalat")
    p.add_argument("--base-iri", help="basis IRI data (default: settings base_iri)")
    p.add_argument("--loaded-at", help="waktu muat tetap (ISO 8601) untuk keluaran yang dapat direproduksi")
    p.add_argument("--all-warnings", action="store_true", help="tampilkan semua peringatan di ringkasan")
    p.add_argument("--quiet", "-q", action="store_true", help="tanpa ringkasan kecuali ada baris bergalat")
    p.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language")


def settings_from(args: argparse.Namespace, **extra):
    """Settings from the environment, overridden by the command-line options given."""
    from pydantic import ValidationError

    from spbe_kg.service.cli import CliError
    from spbe_kg.settings import Settings

    kw = {k: v for k, v in extra.items() if v is not None}
    if getattr(args, "lang", None):
        kw["lang"] = args.lang
    if getattr(args, "base_iri", None):
        kw["base_iri"] = args.base_iri
    if getattr(args, "loaded_at", None):
        kw["loaded_at"] = args.loaded_at
    try:
        return Settings(**kw)
    except ValidationError as e:
        bad = "; ".join(f"{'.'.join(map(str, er['loc']))}: {er['msg']}" for er in e.errors())
        raise CliError(f"pengaturan tidak sah / invalid settings: {bad}", 2) from None


def convert(args: argparse.Namespace, settings):
    """Run convert_files for the parsed arguments; LoaderError becomes a CliError (exit 2)."""
    from spbe_kg.service.cli import CliError

    from .api import convert_files

    try:
        return convert_files(args.files, settings=settings, mapping=args.mapping, instansi=args.instansi,
                             sheet=args.sheet, partial=args.partial, delimiter=args.delimiter,
                             encoding=args.encoding)
    except LoaderError as e:
        raise CliError(str(e), 2) from None


def print_summary(result, settings, args) -> None:
    from .summary import render_summary

    if getattr(args, "quiet", False) and result.ok:
        return
    from spbe_kg.text_safety import strip_controls

    text = render_summary(result, settings.lang, max_warnings=None if args.all_warnings else 30)
    print(strip_controls(text), file=sys.stderr)  # cell values may carry terminal escapes


def rejected_message(result, lang: str) -> str:
    n = sum(1 for r in result.rows if r.status == "error")
    if lang == "en":
        return f"{n} rows in error: nothing written (fix the rows listed above, or use --partial to keep the good rows)"
    return f"{n} baris bergalat: tidak ada yang ditulis (perbaiki baris di atas, atau gunakan --partial untuk baris yang baik)"

"""``spbe`` help follows --lang / SPBE_LANG like the messages: Bahasa Indonesia by default, English on request."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spbe_kg import i18n
from spbe_kg.service.cli import build_parser, help_lang, main

SPBE = [str(Path(sys.executable).parent / "spbe")]
CLI = i18n.catalogue("cli")
SAME_IN_BOTH = {e["id"] for e in CLI.values() if e["id"] == e["en"]}


def _parsers(parser: argparse.ArgumentParser, path=()):
    """Every (command path, parser) pair, the top-level one included."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _texts(parser: argparse.ArgumentParser) -> list[str]:
    out = [parser.description or "", parser.epilog or ""]
    for action in parser._actions:
        out.append(action.help or "")
        if isinstance(action, argparse._SubParsersAction):
            out += [a.help or "" for a in action._choices_actions]
    return [x for x in out if x]


def _help(argv, capsys, env=None, monkeypatch=None) -> str:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 0
    return capsys.readouterr().out


def test_every_help_text_differs_by_language_and_names_no_internals():
    pid, pen = dict(_parsers(build_parser("id"))), dict(_parsers(build_parser("en")))
    assert pid.keys() == pen.keys() and len(pid) >= 13  # spbe, 8 commands, mapping suggest, 4 ontology actions
    for path in pid:
        tid, ten = _texts(pid[path]), _texts(pen[path])
        assert len(tid) == len(ten), path
        for a, b in zip(tid, ten):
            assert a != b or a in SAME_IN_BOTH, f"{' '.join(path)}: untranslated help {a!r}"
            for text in (a, b):
                assert "spbe_kg" not in text and "``" not in text and ".py" not in text, (path, text)
        # every subcommand has a description of its own, not just a usage line
        assert pid[path].description and pen[path].description, path


@pytest.mark.parametrize("argv", [["--help"], ["load", "--help"], ["validate", "--help"], ["ontology", "codes", "--help"],
                                  ["mapping", "suggest", "--help"], ["serve", "--help"]])
def test_help_is_indonesian_by_default_and_english_on_request(argv, capsys, monkeypatch):
    monkeypatch.delenv("SPBE_LANG", raising=False)
    out_id = _help(argv, capsys)
    assert out_id.startswith("penggunaan: ") and "opsi:" in out_id and "tampilkan bantuan ini" in out_id
    assert "usage:" not in out_id and "show this help" not in out_id
    out_en = _help(["--lang", "en", *argv], capsys)
    assert out_en.startswith("usage: ") and "options:" in out_en and "show this help message" in out_en
    assert "penggunaan" not in out_en and "tampilkan bantuan" not in out_en
    assert _help([*argv, "--lang", "en"], capsys) == out_en
    monkeypatch.setenv("SPBE_LANG", "en")
    assert _help(argv, capsys) == out_en
    assert _help(["--lang", "id", *argv], capsys) == out_id


def test_load_help_in_english_names_its_options_in_english(capsys, monkeypatch):
    monkeypatch.delenv("SPBE_LANG", raising=False)
    out = _help(["--lang", "en", "load", "--help"], capsys)
    assert "Load inventory files into the store" in out
    assert "load the good rows even when some rows are in error" in out
    assert "embedded store directory" in out and "muat" not in out and "berkas" not in out


def test_help_lang_reads_the_command_line_then_the_environment(monkeypatch):
    monkeypatch.delenv("SPBE_LANG", raising=False)
    assert help_lang(["load", "x.csv"]) == "id"
    assert help_lang(["--lang=en", "load"]) == "en"
    assert help_lang(["load", "--", "--lang", "en"]) == "id"
    monkeypatch.setenv("SPBE_LANG", "en")
    assert help_lang(["load"]) == "en" and help_lang(["load", "--lang", "id"]) == "id"
    monkeypatch.setenv("SPBE_LANG", "xx")  # invalid settings: the command reports them; help stays Indonesian
    assert help_lang(["load"]) == "id"


def test_the_global_lang_reaches_the_command_messages(capsys, monkeypatch):
    monkeypatch.delenv("SPBE_LANG", raising=False)
    assert main(["--lang", "en", "query"]) == 2
    assert "give a query name" in capsys.readouterr().err
    assert main(["query"]) == 2
    assert "sebutkan nama kueri" in capsys.readouterr().err


def test_the_installed_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SPBE_LANG"}
    r = subprocess.run([*SPBE, "--lang", "en", "load", "--help"], capture_output=True, text=True, env=env,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("usage: spbe load") and "Load inventory files" in r.stdout
    r = subprocess.run([*SPBE, "load", "--help"], capture_output=True, text=True, env={**env, "SPBE_LANG": "en"},
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and "Load inventory files" in r.stdout
    r = subprocess.run([*SPBE, "load", "--help"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("penggunaan: spbe load") and "Muat berkas inventaris" in r.stdout


def test_usage_errors_follow_the_language_too(capsys, monkeypatch):
    monkeypatch.delenv("SPBE_LANG", raising=False)
    with pytest.raises(SystemExit) as e:
        main(["load"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.startswith("penggunaan: spbe load") and "spbe load: kesalahan pemakaian:" in err
    with pytest.raises(SystemExit) as e:
        main(["--lang", "en", "query", "--format", "x"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.startswith("usage: spbe query") and "spbe query: usage error:" in err

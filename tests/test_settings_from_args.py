"""One settings builder for every ``spbe`` command: ``settings_from_args`` (spbe_kg/settings.py)."""

from __future__ import annotations

import ast
from argparse import Namespace
from pathlib import Path

import pytest

from spbe_kg.service.cli import build_parser
from spbe_kg.settings import Settings, SettingsError, remote_urls, settings_from_args

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("query,update,store", [
    # the regression: a trailing slash made http://x//update
    ("http://x/query/", "http://x/update", "http://x/store"),
    ("http://x/query", "http://x/update", "http://x/store"),
    ("http://x:7878/ds/query", "http://x:7878/ds/update", "http://x:7878/ds/store"),
    ("http://x/ds/query?timeout=5", "http://x/ds/update?timeout=5", "http://x/ds/store?timeout=5"),
    ("http://x/query/?a=1&b=2", "http://x/update?a=1&b=2", "http://x/store?a=1&b=2"),
    # any other path takes updates on the same URL and has no Graph Store URL
    ("http://x:8890/sparql", "http://x:8890/sparql", None),
    ("http://x:8890/sparql/", "http://x:8890/sparql/", None),
    ("http://x/sparql?default-graph-uri=urn:g", "http://x/sparql?default-graph-uri=urn:g", None),
    ("http://x/query-service", "http://x/query-service", None),
])
def test_remote_urls(query, update, store):
    assert remote_urls(query) == (update, store)
    assert "//update" not in update.split("://", 1)[1]


@pytest.mark.parametrize("command", ["load", "serve", "query", "duplicates", "validate"])
def test_every_command_derives_the_same_urls(command, monkeypatch, tmp_path):
    monkeypatch.delenv("SPBE_ENDPOINT_UPDATE_URL", raising=False)
    argv = {"load": ["load", "f.csv"], "serve": ["serve"], "query": ["query", "x"], "duplicates": ["duplicates"],
            "validate": ["validate"]}[command]
    args = build_parser("id").parse_args([*argv, "--endpoint", "http://x/query/"])
    s = settings_from_args(args)
    assert (s.store, s.endpoint_query_url, s.endpoint_update_url, s.endpoint_store_url) == (
        "remote", "http://x/query/", "http://x/update", "http://x/store")
    args = build_parser("id").parse_args([*argv, "--endpoint", "http://x/query", "--update-endpoint", "http://y/u",
                                          "--store-endpoint", "http://y/s"])
    s = settings_from_args(args)
    assert (s.endpoint_update_url, s.endpoint_store_url) == ("http://y/u", "http://y/s")
    args = build_parser("id").parse_args([*argv, "--store", str(tmp_path / "st")])
    s = settings_from_args(args)
    assert (s.store, s.data_dir) == ("embedded", tmp_path / "st")


def test_options_override_the_environment_and_absent_options_keep_it(monkeypatch):
    monkeypatch.setenv("SPBE_LANG", "en")
    monkeypatch.setenv("SPBE_PORT", "9000")
    s = settings_from_args(Namespace(lang=None, port=None, host="0.0.0.0"))
    assert (s.lang, s.port, s.host) == ("en", 9000, "0.0.0.0")
    s = settings_from_args(Namespace(lang="id", port=8001, query_timeout=5.0, workers=0, enable_updates=True))
    assert (s.lang, s.port, s.query_timeout_s, s.query_workers, s.enable_updates) == ("id", 8001, 5.0, 0, True)
    assert settings_from_args(Namespace(), lang="en").lang == "en"


def test_bad_values_are_a_settings_error_naming_the_field():
    with pytest.raises(SettingsError, match="loaded_at"):
        settings_from_args(Namespace(loaded_at="kemarin"))


def test_a_bad_option_is_a_clear_cli_error(capsys):
    from spbe_kg.service.cli import main

    assert main(["convert", "x.csv", "--loaded-at", "kemarin"]) == 2
    err = capsys.readouterr().err
    assert "pengaturan tidak sah" in err and "loaded_at" in err and "Traceback" not in err
    assert main(["--lang", "en", "convert", "x.csv", "--loaded-at", "kemarin"]) == 2
    assert "invalid settings" in capsys.readouterr().err


def test_no_command_builds_settings_itself():
    """Every command goes through settings_from_args (service/cli/common.settings_of): no Settings(...) calls,
    no endpoint URL arithmetic in the command modules."""
    for f in (ROOT / "service" / "cli").glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        calls = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and getattr(n.func, "id", getattr(n.func, "attr", None)) in ("Settings", "model_copy")]
        assert calls == [], f"{f.name}: lines {calls}"
        assert '"/update"' not in f.read_text(encoding="utf-8"), f.name


def test_settings_is_the_type_passed():
    s = settings_from_args(Namespace(lang="en"))
    assert isinstance(s, Settings)

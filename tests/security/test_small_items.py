"""Issue 12, smaller items: ``spbe serve`` refuses a bad port or endpoint with exit 2 (no traceback);
HTML pages send a Content-Security-Policy (scripts from this origin only)."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest


def _serve(*args, env=None) -> subprocess.CompletedProcess:
    e = {"PATH": "/usr/bin:/bin", **(env or {})}
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), "serve", *args], capture_output=True,
                          text=True, timeout=60, env=e, cwd="/tmp")


@pytest.mark.parametrize("args,env,says", [
    (["--port", "99999"], None, "65535"),
    (["--port", "abc"], None, "65535"),
    (["--endpoint", "not a url"], None, "http(s)"),
    (["--endpoint", "ftp://x.example/sparql"], None, "http(s)"),
    (["--endpoint", "http://127.0.0.1:7878/query", "--update-endpoint", "nope"], None, "http(s)"),
    ([], {"SPBE_PORT": "99999"}, "port"),
])
def test_serve_refuses_bad_port_or_endpoint_with_exit_2(args, env, says):
    r = _serve(*args, env=env)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert says in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("path,accept", [("/", "text/html"), ("/sparql", "text/html"), ("/rules", "text/html"),
                                         ("/duplicates", "text/html")])
def test_html_pages_send_a_content_security_policy(make_client, path, accept):
    r = make_client().get(path, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "*" not in script_src
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_inline_script_of_the_page_is_allowed_by_hash_only(make_client):
    r = make_client().get("/duplicates", headers={"Accept": "text/html"})
    script_src = next(d for d in r.headers["content-security-policy"].split("; ") if d.startswith("script-src"))
    inline = re.findall(r"<script>(.*?)</script>", r.text, flags=re.S)  # the report's own scripts
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(js.encode()).digest()).decode() + "'" for js in inline}
    assert inline and script_src.count("'sha256-") == len(hashes)  # exactly the page's inline scripts
    assert all(h in script_src for h in hashes)


def test_json_answers_carry_no_html_policy(make_client):
    r = make_client().get("/health")
    assert "content-security-policy" not in r.headers

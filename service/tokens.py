"""Per-pemda (optionally per-OPD) write tokens, stored hashed in one JSON file.

A token reads ``spbe_<id>_<secret>``: the id finds the record, the secret is checked against a salted
``hashlib.scrypt`` hash with a constant-time compare. The file (``settings.tokens_file``, default
``<data_dir parent>/spbe-tokens.json``) holds ids, agencies, salts and hashes, never a token; it is
re-read when it changes, so ``spbe token add`` takes effect on a running server. The single
``write_token`` of the settings stays the admin token.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "t.json"
>>> tok, rec = add_token(f, "Kab. Karo")
>>> rec.instansi, verify(f, tok).id == rec.id, verify(f, tok + "x")
('Pemerintah Kabupaten Karo', True, None)
>>> remove_token(f, rec.id), verify(f, tok)
(True, None)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

PREFIX = "spbe_"
_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~16 MB and a few tens of ms per check


@dataclass(frozen=True)
class TokenRecord:
    id: str
    instansi: str  # canonical agency name (``canonical_instansi``)
    opd: str | None
    salt: str
    hash: str
    created: str
    note: str = ""


def tokens_path(settings) -> Path:
    """Where the token file lives for ``settings``."""
    if settings.tokens_file is not None:
        return Path(settings.tokens_file)
    d = Path(settings.data_dir).resolve()
    return d.parent / "spbe-tokens.json"


def _hash(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024, dklen=32).hex()


_cache: dict[Path, tuple[float, int, dict[str, TokenRecord]]] = {}
_lock = threading.Lock()


def read_tokens(path: Path) -> dict[str, TokenRecord]:
    """The records by id (``{}`` when the file does not exist); cached per file modification."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    with _lock:
        hit = _cache.get(path)
        if hit and hit[0] == st.st_mtime and hit[1] == st.st_size:
            return hit[2]
    data = json.loads(path.read_text(encoding="utf-8") or "{}")
    recs = {r["id"]: TokenRecord(**r) for r in data.get("tokens", [])}
    with _lock:
        _cache[path] = (st.st_mtime, st.st_size, recs)
    return recs


def _write(path: Path, recs: dict[str, TokenRecord]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # hashes only, still nobody else's business
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"tokens": [asdict(r) for r in recs.values()]}, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)
    with _lock:
        _cache.pop(path, None)


def add_token(path: Path, instansi: str, opd: str | None = None, note: str = "") -> tuple[str, TokenRecord]:
    """A new token for ``instansi`` (and ``opd``): returns (the token, shown once; its record)."""
    from spbe_kg.loaders.normalize import canonical_instansi

    recs = dict(read_tokens(path))
    tid = secrets.token_hex(4)
    while tid in recs:
        tid = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    rec = TokenRecord(id=tid, instansi=canonical_instansi(instansi), opd=(opd or "").strip() or None, salt=salt.hex(),
                      hash=_hash(secret, salt), created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                      note=note)
    recs[tid] = rec
    _write(Path(path), recs)
    return f"{PREFIX}{tid}_{secret}", rec


def remove_token(path: Path, token_id: str) -> bool:
    recs = dict(read_tokens(path))
    if recs.pop(token_id, None) is None:
        return False
    _write(Path(path), recs)
    return True


def verify(path: Path, token: str) -> TokenRecord | None:
    """The record of ``token`` when it is a valid pemda token, else None (constant-time compare)."""
    if not token.startswith(PREFIX):
        return None
    tid, _, secret = token[len(PREFIX):].partition("_")
    rec = read_tokens(path).get(tid)
    if rec is None or not secret:
        return None
    return rec if hmac.compare_digest(_hash(secret, bytes.fromhex(rec.salt)), rec.hash) else None

"""Value normalisation that keeps the raw value beside the derived one.

>>> clean_name("  Dinas  Sosial\\n")
'Dinas Sosial'
>>> is_placeholder("tidak ada"), is_placeholder(" - "), is_placeholder("SIDA")
(True, True, False)
>>> parse_urls("https://tidakada.invalid | Sumber: tidak ada")
([], [])
>>> parse_urls("https://Srikandi.ARSIP.go.id/ | Sumber: srikandi,arsip")
(['https://srikandi.arsip.go.id'], ['srikandi,arsip'])
>>> derive_jenis("Aplikasi Pusat/Umum"), derive_jenis("Khusus"), derive_jenis("Lainnya")
(('RAA.01', 'pusat'), ('RAA.02', None), (None, None))
>>> derive_status("Tidak Aktif"), derive_status("aktif"), derive_status("https://x")
('tidak-aktif', 'aktif', None)
>>> derive_basis("Web & Mobile")
('web', 'mobile')
>>> parse_year("2019.0"), parse_year("Tahun 2021"), parse_year("kemarin")
('2019', '2021', None)
>>> parse_codes("RAL.02.04; ral.02.05.01", "RAL")
(['RAL.02.04', 'RAL.02.05.01'], [])
>>> split_multi("Dinas Sosial; Bappeda\\nInspektorat")
('Dinas Sosial', 'Bappeda', 'Inspektorat')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

_WS = re.compile(r"\s+")
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_KEY = re.compile(r"[^a-z0-9]+")

PLACEHOLDER_FILE = Path(__file__).resolve().parent / "placeholders.yaml"


@lru_cache(maxsize=1)
def placeholder_keys() -> frozenset[str]:
    """The placeholder vocabulary (``placeholders.yaml``) as :func:`loose_key` keys."""
    data = yaml.safe_load(PLACEHOLDER_FILE.read_text(encoding="utf-8"))
    return frozenset(k for k in (loose_key(str(v)) for v in data["placeholders"]) if k)


_URL_TOKEN = re.compile(
    r"(?P<url>(?:https?|ftp)://[^\s|,;\"'<>]+)"
    r"|(?P<host>\b(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:go\.id|ac\.id|co\.id|or\.id|id|com|net|org|info|systems|app|io|gov|web\.id|my\.id|sch\.id|desa\.id)(?::\d{2,5})?(?:/[^\s|,;\"'<>]*)?)"
    r"|(?P<ip>\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:/[^\s|,;\"'<>]*)?)",
    re.I,
)
_SUMBER = re.compile(r"\bsumber\s*:\s*", re.I)


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """NFC, trimmed, inner whitespace (including newlines) collapsed to one space."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean_text(text: str) -> str:
    """NFC and trimmed; inner line breaks kept (descriptions)."""
    return unicodedata.normalize("NFC", text).strip()


def loose_key(text: str) -> str:
    """Lower-case alphanumerics only (for value maps and look-ups)."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _KEY.sub("", norm)


@lru_cache(maxsize=65536)
def is_placeholder(text: str) -> bool:
    """True for "tidak ada", "-", "N/A", empty and punctuation-only values (vocabulary: ``placeholders.yaml``)."""
    return bool(_PUNCT_ONLY.match(text)) or loose_key(text) in placeholder_keys()


def is_placeholder_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith((".invalid", ".example", ".test", ".localhost")) or host in ("localhost", "example.com") \
        or "tidakada" in host.replace("-", "")


@lru_cache(maxsize=65536)
def normalise_url(raw: str) -> str | None:
    """Scheme added (https) where missing, scheme and host lower-cased, default port and a bare "/" dropped."""
    s = raw.strip().rstrip(".)")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", s, re.I):
        s = "https://" + s
    try:
        parts = urlsplit(s)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    scheme = parts.scheme.lower()
    netloc = host.lower()
    if port and not ((scheme == "https" and port == 443) or (scheme == "http" and port == 80)):
        netloc += f":{port}"
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def parse_urls(cell: str) -> tuple[list[str], list[str]]:
    """See :func:`read_urls` (cached; returns fresh lists of the URLs and the leftover text)."""
    u, r, _, _ = read_urls(cell)
    return list(u), list(r)


_GLUED_TAIL = re.compile(r"[^\s|,;\"'<>]*")


def _repair_host(url: str, host: str, path_head: str) -> str:
    parts = urlsplit(url)
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, "/" + path_head + parts.path, parts.query, ""))


@lru_cache(maxsize=65536)
def read_urls(cell: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(URLs found in a cell, normalised, placeholders dropped; leftover non-URL text pieces; repairs
    ``(as written, as read)``; addresses whose top-level domain does not exist, as written).

    Handles the census style "https://a | Sumber: b" and several URLs separated by ``|``, ``;``,
    ``,`` or whitespace. A path glued to the host ("x.go.idlayanan") is read as "x.go.id/layanan" and reported
    as a repair; hosts are checked against the public suffix list (:mod:`.tlds`).

    >>> read_urls("sida.madiunkab.go.idlayanan")[::2]
    (('https://sida.madiunkab.go.id/layanan',), (('sida.madiunkab.go.idlayanan', 'https://sida.madiunkab.go.id/layanan'),))
    >>> read_urls("https://simpeg.magetankab.go.ig")
    ((), (), (), ('https://simpeg.magetankab.go.ig',))
    """
    from .tlds import unglue, valid_host

    urls: list[str] = []
    rest: list[str] = []
    repaired: list[tuple[str, str]] = []
    invalid: list[str] = []
    for piece in re.split(r"\s*\|\s*|\s*;\s*|\n", cell):
        piece = _SUMBER.sub("", piece).strip()
        if not piece or is_placeholder(piece):
            continue
        found = False
        consumed = 0
        for m in _URL_TOKEN.finditer(piece):
            if m.start() < consumed:
                continue
            token = m.group(0)
            if m.group("host") and m.end() < len(piece) and piece[m.end()].isalnum():
                token += _GLUED_TAIL.match(piece, m.end()).group(0)  # type: ignore[union-attr]
            consumed = m.start() + len(token)
            u = normalise_url(token)
            if u is None:
                continue
            found = True
            if is_placeholder_url(u):
                continue
            host = host_of(u)
            if not valid_host(host):
                glued = unglue(host)
                if glued is None:
                    if token not in invalid:
                        invalid.append(token)
                    continue
                u = _repair_host(u, glued[0], glued[1])
                repaired.append((token, u))
            if u not in urls:
                urls.append(u)
        if not found and not (piece.lower() in ("http", "https") or piece.lower().startswith(("http:", "https:"))):
            rest.append(piece)
    return tuple(urls), tuple(rest), tuple(repaired), tuple(invalid)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


_DOMAIN_NAME = re.compile(r"^(?:https?://)?((?:[a-z0-9-]+\.)+([a-z]{2,}))(?:/\S*)?$", re.I)
_TLDS = frozenset("id com net org info io app systems gov edu co go ac web my sch desa".split())


def looks_like_domain(text: str) -> bool:
    """'sida.madiunkab.go.id' is a domain, not an application name; 'My.SAPK' is not.

    >>> looks_like_domain("sida.madiunkab.go.id"), looks_like_domain("E.Pegawai")
    (True, False)
    """
    m = _DOMAIN_NAME.match(text.strip())
    return m is not None and m.group(2).lower() in _TLDS


@lru_cache(maxsize=16384)
def derive_jenis(text: str) -> tuple[str | None, str | None]:
    """(RAA level-1 code, lingkup) from loose text such as "Aplikasi Pusat/Umum"."""
    t = text.lower()
    umum = "umum" in t or "bersama" in t
    khusus = "khusus" in t
    jenis = "RAA.01" if umum and not khusus else "RAA.02" if khusus and not umum else None
    pusat = "pusat" in t or "nasional" in t
    daerah = "daerah" in t or "pemda" in t or "lokal" in t
    lingkup = "pusat" if pusat and not daerah else "daerah" if daerah and not pusat else None
    return jenis, lingkup


_INACTIVE = re.compile(r"\b(tidak\s*aktif|non[\s-]*aktif|nonaktif|naktif|mati|tidak\s+digunakan|tidak\s+dipakai|"
                       r"sudah\s+tidak|dihentikan|inactive|tidak\s+berjalan|off)\b", re.I)
_ACTIVE = re.compile(r"\b(aktif|active|berjalan|digunakan|dipakai|operasional|on)\b", re.I)


@lru_cache(maxsize=16384)
def derive_status(text: str) -> str | None:
    """'aktif' | 'tidak-aktif' | None (not understood)."""
    t = clean_name(text)
    if _INACTIVE.search(t):
        return "tidak-aktif"
    if _ACTIVE.search(t):
        return "aktif"
    return None


@lru_cache(maxsize=16384)
def derive_basis(text: str) -> tuple[str, ...]:
    t = text.lower()
    out = []
    if re.search(r"web|browser|online|daring|situs", t):
        out.append("web")
    if re.search(r"mobile|android|ios|apk|seluler|hp\b|smartphone", t):
        out.append("mobile")
    if re.search(r"desktop|dekstop|destop|windows|offline|instal", t):
        out.append("desktop")
    return tuple(out)


@lru_cache(maxsize=16384)
def derive_lisensi(text: str) -> str | None:
    t = text.lower()
    if not t.strip() or is_placeholder(t):
        return None
    if re.search(r"open\s*-?\s*source|opensource|gpl|mit\b|apache|sumber\s+terbuka|kode\s+terbuka", t):
        return "open-source"
    if re.search(r"freeware|gratis|free\b", t):
        return "freeware"
    if re.search(r"propriet|berbayar|komersial|berlisensi|tertutup|closed|lisensi\s+vendor", t):
        return "proprietary"
    return "lainnya"


@lru_cache(maxsize=16384)
def derive_hosting(text: str) -> str | None:
    t = text.lower()
    if not t.strip() or is_placeholder(t):
        return None
    if re.search(r"\bpdn\b|pusat\s+data\s+nasional|pdns", t):
        return "pdn"
    if re.search(r"cloud|aws|azure|google|gcp|alibaba|awan", t):
        return "cloud"
    if re.search(r"pihak\s*(ke)?\s*(3|tiga)|vendor|sewa|penyedia|swasta", t):
        return "pihak-ketiga"
    if re.search(r"sendiri|diskominfo|kominfo|data\s*cent|server|lokal|local|on[\s-]*prem|pemda|internal|ruang", t):
        return "server-sendiri"
    return None


@lru_cache(maxsize=16384)
def derive_integrasi(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\bsplp\b|penghubung\s+layanan", t):
        return "splp"
    if re.search(r"\bapi\b|web\s*service|rest|soap|bridging|terintegrasi|integrasi", t) and not re.search(r"tidak|belum", t):
        return "api"
    if re.search(r"tidak|belum|none|^\s*-\s*$", t):
        return "tidak-ada"
    return None


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|2100)(?!\d)")


@lru_cache(maxsize=16384)
def parse_year(text: str) -> str | None:
    t = text.strip()
    if re.fullmatch(r"\d{4}\.0+", t):
        t = t.split(".")[0]
    m = _YEAR.search(t)
    return m.group(1) if m else None


_CODE_RE: dict[str, re.Pattern] = {}


def parse_codes(text: str, prefix: str, repaired: list | None = None) -> tuple[list[str], list[str]]:
    """Reference codes of ``prefix`` in a cell (several allowed), and the pieces that are not codes.

    A bare "02.04" in a Kode RAL column is read as RAL.02.04; ``repaired`` (if given) collects
    ``(as written, as read)`` for every code that was not written in the standard form.

    >>> fixed = []
    >>> parse_codes("RAL 01.25.06", "RAL", fixed), fixed
    ((['RAL.01.25.06'], []), [('RAL 01.25.06', 'RAL.01.25.06')])
    """
    codes, bad, fixed = _parse_codes(text, prefix)
    if repaired is not None:
        repaired.extend(fixed)
    return list(codes), list(bad)


@lru_cache(maxsize=65536)
def _parse_codes(text: str, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    repaired: list[tuple[str, str]] = []
    pat = _CODE_RE.get(prefix)
    if pat is None:
        pat = _CODE_RE[prefix] = re.compile(rf"^(?:{prefix}\s*[.\-]?\s*)?(\d{{1,2}}(?:\s*\.\s*\d{{1,2}})*)$", re.I)
    codes: list[str] = []
    bad: list[str] = []
    for piece in re.split(r"[;,|\n/]+|\s{2,}|\s+(?=[A-Za-z]{3}\.\d)", text):
        p = piece.strip().rstrip(".")
        if not p or is_placeholder(p):
            continue
        m = pat.match(p)
        if not m:
            # "RAL.02.04 Pengaduan" -> take the code in front of a label
            m2 = re.match(rf"^({prefix}(?:\.\d{{1,2}})+)\b", p, re.I)
            if m2:
                m = pat.match(m2.group(1))
        if not m:
            bad.append(p)
            continue
        segs = [s.strip().zfill(2) for s in m.group(1).split(".")]
        code = prefix + "." + ".".join(segs)
        if len(segs) > 7:
            bad.append(p)
        elif code not in codes:
            codes.append(code)
            if p != code:
                repaired.append((p, code))
    return tuple(codes), tuple(bad), tuple(repaired)


@lru_cache(maxsize=16384)
def split_multi(text: str) -> tuple[str, ...]:
    """Split a many-valued cell on ``;`` or newlines, or on ``,`` when neither is used."""
    if ";" in text or "\n" in text:
        parts = re.split(r"[;\n]+", text)
    else:
        parts = text.split(",")
    out = []
    for p in parts:
        c = clean_name(p)
        if c and not is_placeholder(c) and c not in out:
            out.append(c)
    return tuple(out)


_PEMDA_PREFIX = [
    (re.compile(r"^(?:pemerintah\s+)?(?:kabupaten|kab\.?|pemkab\.?)\s+", re.I), "Pemerintah Kabupaten "),
    (re.compile(r"^(?:pemerintah\s+)?(?:kota|pemkot\.?)\s+", re.I), "Pemerintah Kota "),
    (re.compile(r"^(?:pemerintah\s+)?(?:provinsi|prov\.?|pemprov\.?)\s+", re.I), "Pemerintah Provinsi "),
]


@lru_cache(maxsize=4096)
def canonical_instansi(name: str) -> str:
    """One spelling for a regional government, so "Kab. Madiun" and "Pemerintah Kabupaten Madiun" are one IRI.

    >>> canonical_instansi("Kab. Madiun"), canonical_instansi("kota medan"), canonical_instansi("Kementerian Sosial")
    ('Pemerintah Kabupaten Madiun', 'Pemerintah Kota Medan', 'Kementerian Sosial')
    """
    n = clean_name(name)
    for pat, prefix in _PEMDA_PREFIX:
        m = pat.match(n)
        if m:
            rest = n[m.end():].strip()
            if rest:
                if rest.isupper() or rest.islower():
                    rest = rest.title()
                return prefix + rest
    return n


def instansi_class(name: str) -> str:
    """Class local name for an agency name."""
    t = name.lower()
    if t.startswith("pemerintah provinsi"):
        return "PemerintahProvinsi"
    if t.startswith(("pemerintah kabupaten", "pemerintah kota")):
        return "PemerintahKabupatenKota"
    if t.startswith("pemerintah"):
        return "PemerintahDaerah"
    return "KementerianLembaga"


def count_listed_names(name: str) -> int:
    """How many application names a name cell seems to list ("A, B, C; D" -> 4); 1 for a normal name."""
    if len(name) < 25:
        return 1
    body = re.sub(r"[^:;]*:\s*", "", name) if ":" in name else name
    parts = [p for p in re.split(r"[,;]+", body) if p.strip()]
    return len(parts) if len(parts) >= 3 else 1

"""Indonesian application-name normalisation: the generic naming rules the duplicate finder relies on.

Nothing here knows a particular inventory; the rules are the patterns of Indonesian government
application names in general:

* ``SIM`` = Sistem Informasi Manajemen, ``SI`` = Sistem Informasi (expanded both ways),
* ``e-``/``E-``/``E ``/``e.`` prefixes ("e-Office" = "eOffice" = "E Office"),
* noise words: "Aplikasi", "Website", "Kabupaten X", "Kab X", "Kota X", "Provinsi X", years,
* an acronym in brackets ("Sistem Informasi Administrasi Kependudukan (SIAK)"),
* the acronym of the initials of a long name,
* a domain name written where the name belongs ("sida.madiunkab.go.id" -> "sida").

>>> normalise_name("E-Office Kabupaten Madiun 2021")
'eoffice'
>>> normalise_name("Aplikasi SIMPEG")
'simpeg'
>>> normalise_name("SI Kepegawaian") == normalise_name("Sistem Informasi Kepegawaian")
True
>>> normalise_name("SIM Gaji") == normalise_name("Sistem Informasi Manajemen Gaji") == normalise_name("Simgaji")
True
>>> normalise_name("sida.madiunkab.go.id")
'sida'
>>> bracket_acronyms("Sistem Informasi dan Administrasi Kependudukan (SIAK)")
['siak']
>>> initials("Sistem Informasi Manajemen Kepegawaian")
'simk'
>>> url_host("https://Srikandi.arsip.go.id/beranda")
'srikandi.arsip.go.id'
>>> is_compound("Aplikasi Pusat : SIPD-RI, e-Billing Pajak; Aplikasi Daerah : SIMPEG, e-Presensi")
True
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from spbe_kg.loaders.normalize import is_placeholder as _loader_is_placeholder

_WORD = re.compile(r"[a-z0-9]+")
_BRACKET = re.compile(r"\(([^()]{2,40})\)")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DOMAIN_NAME = re.compile(r"^(?:https?://)?([a-z0-9-]+)(?:\.[a-z0-9-]+)+\.(?:go\.id|id|com|net|org|co\.id|ac\.id|desa\.id|info|site|cc|my\.id)/?$")
# Region qualifiers: "Kabupaten Madiun", "Kab. Madiun", "Kota Medan", "Provinsi Sumatera Utara".
_REGION = re.compile(r"\b(?:pemerintah\s+)?(?:kabupaten|kab|kota|provinsi|prov|pemkab|pemkot|pemprov)\.?\s+[a-z]+(?:\s+(?:utara|selatan|barat|timur|tengah|raya))?\b")
# Words that say nothing about which application it is.
STOPWORDS = frozenset(
    "aplikasi app apps website web situs portal online daring berbasis versi ver new baru "
    # channels of one application (web / Android / iOS / mobile / desktop client): one application
    "android ios mobile desktop apk playstore "
    "dan di ke untuk yang dengan atau serta pada dari the of and for".split()
    # central agencies and regions appended to a name ("SIPD Kemendagri", "MyASN BKN", "Sirup LKPP")
    # the agency side of a shared application ("SIASN Instansi", "X - Instansi"): the same application
    + "instansi ".split()
    + "ri pusat nasional kemendagri kemenkeu kemenpan menpan kemenpanrb panrb bkn lkpp kpk kemendesa "
    "kemensos kemenkes kemkes kemendikbud kemendikbudristek kemdikbud kominfo kemkominfo komdigi anri bps "
    "bappenas djp dukcapil jatim jateng jabar sumut sumbar sumsel kaltim kalsel kalbar sulsel diy ntb ntt".split()
)
# Long forms folded to their usual short forms, so "Sistem Informasi Manajemen Gaji" == "SIM Gaji"
# == "Simgaji" once tokens are joined (longest phrase first).
_PHRASES = [
    (("sistem", "informasi", "manajemen"), "sim"),
    (("sistem", "manajemen", "informasi"), "sim"),
    (("sistem", "informasi"), "si"),
    (("electronic",), "e"),
    (("elektronik",), "e"),
]
_PLATFORM_WORDS = frozenset("android ios mobile desktop web website apk versi".split())
# Bracketed words about who built it or its state, not which application it is ("(pihak ke-3)", "(uji coba)"):
# the same words in many unrelated rows must not become a shared short name.
_STATE_WORDS = frozenset("pihak ketiga ke ke3 vendor rekanan swakelola development dev pengembangan uji coba ujicoba "
                         "testing trial beta lama baru old new aktif nonaktif tidak belum sudah dipakai digunakan".split())
_E_PREFIX = re.compile(r"\be\s*[-.]?\s*(?=[a-z])")


def fold(text: str) -> str:
    """Lower-case ASCII (accents stripped, NFKD)."""
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()


def url_host(url: str | None) -> str | None:
    """Lower-case host of a URL-ish string (scheme optional, ``www.`` dropped); None if there is none."""
    if not url:
        return None
    u = url.strip().split()[0].strip("\"'<>()[],;")
    if "://" not in u:
        u = "http://" + u
    try:
        host = (urlsplit(u).hostname or "").lower().strip(".")
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or host.endswith(".invalid") or host in ("localhost",):
        return None
    return host


_TRIVIAL_PATH = frozenset(
    "login auth signin sign-in masuk beranda home index index.php index.html landing admin halamanadmin "
    "portal user account id en web app public site main dashboard login.php".split()
)


def url_path_key(url: str | None) -> str:
    """The application-identifying part of a URL's path ("" when the URL is just a host or a login page).

    >>> url_path_key("https://aplikasi.dinas.go.id/Apps/WBS/index.php")
    'apps/wbs'
    >>> url_path_key("https://srikandi.arsip.go.id/auth/login")
    ''
    """
    if not url:
        return ""
    u = url.strip().split()[0]
    if "://" not in u:
        u = "http://" + u
    try:
        path = urlsplit(u).path
    except ValueError:
        return ""
    segs = [x for x in fold(path).split("/") if x and x not in _TRIVIAL_PATH and "." not in x]
    return "/".join(segs[:2])


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def is_private_ip(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return False


def is_compound(name: str) -> bool:
    """A cell that lists several applications ("Aplikasi Pusat : A, B; Aplikasi Daerah : C, D")."""
    n = name or ""
    seps = n.count(",") + n.count(";") + n.count("\n")
    return seps >= 2 or (seps >= 1 and ":" in n)


def bracket_acronyms(name: str) -> list[str]:
    """Acronyms/short names written in brackets, normalised."""
    out = []
    for m in _BRACKET.finditer(fold(name)):
        inner = m.group(1)
        if _URL_IN_TEXT.search(inner):
            continue  # an address in brackets is where the application lives, not its short name
        tokens = [t for t in _WORD.findall(inner) if t not in STOPWORDS and t not in _PLATFORM_WORDS]
        if all(t in _STATE_WORDS or t.isdigit() for t in tokens):
            continue
        if 1 <= len(tokens) <= 6:
            out.append("".join(tokens))
    return out


def _tokens(name: str) -> list[str]:
    s = fold(name)
    m = _DOMAIN_NAME.match(s.strip())
    if m:  # a domain name written as the application name
        s = m.group(1)
    else:
        s = _URL_IN_TEXT.sub(" ", s)  # an address inside a name is its host, not its name
    s = _BRACKET.sub(" ", s)
    s = _REGION.sub(" ", s)
    s = _YEAR.sub(" ", s)
    s = _E_PREFIX.sub("e", s)  # e-Office / E Office / e.Office -> eoffice
    raw = [t for t in _WORD.findall(s) if t not in STOPWORDS]
    toks: list[str] = []
    i = 0
    while i < len(raw):
        for phrase, short in _PHRASES:
            if tuple(raw[i : i + len(phrase)]) == phrase:
                toks.append(short)
                i += len(phrase)
                break
        else:
            toks.append(raw[i])
            i += 1
    return toks


def name_tokens(name: str) -> list[str]:
    """Meaningful tokens of a name after the Indonesian rules above."""
    toks = _tokens(name)
    return toks or _WORD.findall(fold(name))


def normalise_name(name: str) -> str:
    """Canonical key: meaningful tokens joined without spaces (so "E Office" == "eOffice")."""
    return "".join(name_tokens(name))


def region_qualifiers(name: str) -> frozenset[str]:
    """The regions a name names ("SIMPEG Kota Madiun" -> {"kota madiun"}): different ones discriminate.

    >>> sorted(region_qualifiers("e-Kinerja Kabupaten Magetan")), sorted(region_qualifiers("e-Kinerja"))
    (['kabupaten magetan'], [])
    """
    out = set()
    for m in _REGION.finditer(fold(name or "")):
        words = m.group().replace(".", " ").split()
        words = [w for w in words if w not in ("pemerintah",)]
        if words and words[0] in ("kab", "pemkab"):
            words[0] = "kabupaten"
        if words and words[0] == "pemkot":
            words[0] = "kota"
        out.add(" ".join(words))
    return frozenset(out)


def qualifiers(name: str) -> frozenset[str]:
    """Bracketed qualifiers of a name that are not channels ("Monitoring (Program A)" -> {"programa"})."""
    return frozenset(a for a in bracket_acronyms(name) if a)


def object_key(tokens) -> str:
    """A name's object once a generic head is dropped (["si", "pelanggan"] -> "pelanggan")."""
    toks = list(tokens)
    while toks and toks[0] in ("si", "sim", "sistem", "my", "smart"):
        toks = toks[1:]
    return "".join(toks)


def domain_host(name: str) -> str | None:
    """The host when a domain or URL is written where the name belongs ("simpeg.pemda.go.id/x")."""
    n = (name or "").strip()
    if not n or " " in n or "." not in n:
        return None
    return url_host(n)


_URL_IN_TEXT = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:go\.id|co\.id|ac\.id|or\.id|web\.id|desa\.id|my\.id|id|com|net|org|info|site)"
    r"(?::\d+)?(?:/[^\s()\[\],;]*)?(?=$|[\s()\[\],;])")


def name_urls(name: str) -> list[str]:
    """Addresses written in a name: the whole name ("simpeg.pemda.go.id") or an address inside it
    ("Modul X (app.pemda.go.id/x)"), so a census without an address column still gives hosts and paths.

    >>> name_urls("Modul Renja (e-planning.pemda-a.go.id/renja)"), name_urls("SIMPEG"), name_urls("Sistem v2.0")
    (['e-planning.pemda-a.go.id/renja'], [], [])
    """
    n = (name or "").strip()
    if domain_host(n):
        return [n]
    return [m.group() for m in _URL_IN_TEXT.finditer(fold(n)) if url_host(m.group())]


_SECOND_LEVEL = (".go.id", ".co.id", ".ac.id", ".or.id", ".web.id", ".my.id", ".desa.id")


def tenant_of(host: str, known: dict[str, str] | set[str]) -> str | None:
    """The known (national) host a tenant subdomain lives under ("pemda-a.sipd.kemendagri.go.id" ->
    "sipd.kemendagri.go.id"): a pemda reaching a national application through its own tenant uses that
    application. A bare agency domain ("lapor.go.id", "bkn.go.id") is not a parent: its subdomains are
    other applications of the agency.

    >>> tenant_of("kab-a.sipd.kemendagri.go.id", {"sipd.kemendagri.go.id"}), tenant_of("sirusa.bps.go.id", {"bps.go.id"})
    ('sipd.kemendagri.go.id', None)
    """
    labels = host.split(".")
    for i in range(1, len(labels) - 2):
        parent = ".".join(labels[i:])
        if len(labels) - i == 3 and parent.endswith(_SECOND_LEVEL):
            break
        if parent in known:
            return parent
    return None


def head_key(name: str, drop: frozenset[str] = frozenset()) -> str:
    """The product name before a bar ("X | unit or output"): a qualifier after the bar names the user unit
    or the output of one product, so "X | Bagian A" and "X | Laporan" share the key of X ("" without a bar,
    or when the part before the bar says nothing on its own).

    >>> head_key("SIMONEV | Bagian Umum"), head_key("Website | Dinas A"), head_key("SIMONEV")
    ('simonev', '', '')
    """
    if "|" not in (name or ""):
        return ""
    k = "".join(t for t in _tokens(name.split("|", 1)[0]) if t not in drop)
    return k if len(k) >= 4 else ""


def initials(name: str) -> str:
    """Acronym from the initials of the meaningful tokens (only for names of 3+ tokens)."""
    toks = [t for t in _WORD.findall(_REGION.sub(" ", fold(_BRACKET.sub(" ", name or ""))))
            if t not in STOPWORDS and not t.isdigit() and t not in ("dan", "di")]
    return "".join(t[0] for t in toks) if len(toks) >= 3 else ""


def place_tokens(pemda_name: str | None) -> frozenset[str]:
    """The place words of a pemda's name ("Pemerintah Kota Medan" -> {"medan"}), to drop from its app names.

    >>> sorted(place_tokens("Pemerintah Kabupaten Deli Serdang"))
    ['deli', 'serdang']
    """
    generic = {"pemerintah", "kabupaten", "kota", "provinsi", "kab", "pemkab", "pemkot", "pemprov", "daerah"}
    return frozenset(t for t in _WORD.findall(fold(pemda_name or "")) if t not in generic and len(t) >= 3)


def name_keys(name: str, short: str | None = None, aliases: tuple[str, ...] = (), drop: frozenset[str] = frozenset()) -> set[str]:
    """Every normalised form a record can be known by (name, short name, aliases, bracket acronyms).

    ``drop``: place words of the record's own pemda, removed ("e-Kinerja Karo" in Kabupaten Karo ->
    "ekinerja"); a name that is only a place ("Website Medan") gives no key.

    >>> sorted(name_keys("e-Kinerja Karo", drop=frozenset({"karo"}))), name_keys("Website Medan", drop=frozenset({"medan"}))
    (['ekinerja'], set())
    """
    keys = set()
    for n in (name, short, *aliases):
        if not n or is_compound(n):
            continue
        toks = name_tokens(n)
        kept = [t for t in toks if t not in drop]
        k = "".join(kept)
        if len(k) >= 2:
            keys.add(k)
        keys.update(a for a in bracket_acronyms(n) if len(a) >= 3 and a not in drop)
        if head := head_key(n, drop):
            keys.add(head)
    return keys


def is_placeholder(name: str) -> bool:
    """A name that records no application ("tidak ada", "-", "belum ada"): the loaders' one vocabulary
    (``spbe_kg/loaders/placeholders.yaml``), so a record the loader kept is judged the same way here.

    >>> is_placeholder("Tidak Ada Aplikasi"), is_placeholder("dummy"), is_placeholder("SIMPEG")
    (True, True, False)
    """
    return _loader_is_placeholder(name or "")

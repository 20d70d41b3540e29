"""Normal forms used to recognise the same work entered twice.

* :func:`url_key` - a URL with scheme, host case, ``www.``, default ports, trailing slashes,
  fragments and tracking parameters ("query noise") taken away.
* :func:`doi_of` - the DOI in a bare id, ``doi:``, ``doi.org/...`` or a publisher page such as
  ``dl.acm.org/doi/pdf/10.1145/...`` or ``link.springer.com/chapter/10.1007/...``.
* :func:`arxiv_id_of` - the arXiv id of an ``abs``/``pdf``/``html`` page (``.pdf`` and the
  ``vN`` version dropped), an ``arxiv:`` id or a bare id.
* :func:`title_key` - a title folded for comparison (NFKC, case, punctuation, spaces).
* :func:`ascii_slug` - :func:`~sphinx_awesome.entries.slugify` after folding accents.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, parse_qsl, unquote, urlencode, urlsplit

from .entries import slugify

#: Query parameters that never change what a URL points to.
NOISE_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "source",
        "spm",
        "share",
        "si",
        "from",
        "feature",
        "utm",
        "igshid",
        "via",
        "trk",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "cmpid",
        "sc_channel",
    }
)
_NOISE_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}

DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>#?]+)", re.I)
_DOI_TAIL = re.compile(r"(\.pdf|/pdf|/abstract|/full|/epdf|/meta|\.html?|[.,;:)\]}/]+)$", re.I)
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?", re.I)
_ARXIV_HOSTS = (
    "arxiv.org",
    "export.arxiv.org",
    "ar5iv.org",
    "ar5iv.labs.arxiv.org",
    "alphaxiv.org",
)
_ARXIV_PATH = re.compile(
    rf"^/(?:abs|pdf|html|format|ps|papers|overview)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?/?$",
    re.I,
)


def _http_parts(url: str) -> tuple[SplitResult, str] | None:
    """The parts of an http(s) URL and its host, lower-cased without ``www.``; ``None`` for
    anything else (including URLs with a malformed port)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return parts, host.removeprefix("www.")


def _host_of(url: str) -> tuple[str, str, str] | None:
    """``(scheme, host, path)`` of an http(s) URL, host lower-cased without ``www.``."""
    found = _http_parts(url)
    if found is None:
        return None
    parts, host = found
    return parts.scheme.lower(), host, parts.path


def url_key(url: str) -> str | None:
    """A comparison key for an http(s) URL, or ``None`` when *url* is not one.

    ``HTTP://WWW.Example.org/a/?utm_source=x#top`` and ``https://example.org/a`` share a key.
    """
    found = _http_parts(url)
    if found is None:
        return None
    parts, host = found
    port = parts.port
    if port is not None and str(port) not in _DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", unquote(parts.path)).rstrip("/")
    if path.lower().endswith(("/index.html", "/index.htm", "/index.php")):
        path = path.rsplit("/", 1)[0]
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in NOISE_PARAMS and not key.lower().startswith(_NOISE_PREFIXES)
    ]
    query.sort()
    key = f"{host}{path}"
    if query:
        key += "?" + urlencode(query)
    return key


def doi_of(value: str) -> str | None:
    """The DOI (lower case) in a bare DOI, a ``doi:`` id or a URL, else ``None``."""
    text = unquote(value.strip())
    if not text:
        return None
    host = _host_of(text)
    if host is not None:
        _, name, path = host
        if name == "arxiv.org" or name.endswith(".arxiv.org"):
            return None
        text = unquote(path)
        if name.endswith("doi.org"):
            text = text.lstrip("/")
    else:
        text = re.sub(r"^doi:\s*", "", text, flags=re.I)
    match = DOI_IN_TEXT.search(text)
    if not match:
        return None
    doi = match.group(1)
    while True:
        trimmed = _DOI_TAIL.sub("", doi)
        if trimmed == doi:
            break
        doi = trimmed
    if not re.match(r"10\.\d{4,9}/.+", doi):
        return None
    return doi.lower()


def arxiv_id_of(value: str, *, bare_ok: bool = False) -> str | None:
    """The version-less arXiv id of an arXiv URL, an ``arXiv:`` id, an arXiv DOI or (with
    *bare_ok*) a bare id such as ``2201.12023v2``; else ``None``."""
    text = value.strip()
    host = _host_of(text)
    if host is not None:
        _, name, path = host
        if name in _ARXIV_HOSTS or name.endswith(".arxiv.org"):
            match = _ARXIV_PATH.match(path)
            return match.group(1).lower() if match else None
        if name == "huggingface.co":
            match = re.match(rf"^/papers/({_ARXIV_NEW})/?$", path)
            return match.group(1) if match else None
        doi = doi_of(text)
    else:
        prefixed = re.fullmatch(r"arxiv:\s*(\S+)", text, flags=re.I)
        if prefixed:
            bare_ok, text = True, prefixed.group(1)
        doi = doi_of(text) if text.startswith(("10.", "doi:")) else None
    if doi and doi.startswith("10.48550/arxiv."):
        text, bare_ok = doi[len("10.48550/arxiv.") :], True
    if bare_ok:
        match = _ARXIV_ID.fullmatch(text)
        if match:
            return match.group(1).lower()
    return None


#: Short words that neither tell titles apart nor end a readable id.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "in",
        "on",
        "to",
        "with",
        "via",
        "using",
        "by",
        "from",
        "at",
        "towards",
        "toward",
        "is",
        "are",
    ]
)


def title_key(title: str) -> str:
    """*title* folded for comparison: NFKC, case-folded, without punctuation or spaces."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def fold_accents(text: str) -> str:
    """``Résumé`` -> ``Resume``; characters without an ASCII form are dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def ascii_slug(text: str) -> str:
    """A slug of *text* after folding accents; empty when nothing ASCII remains.

    Full stops are kept only between digits (``gpt-3.5``), not after words.
    """
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", fold_accents(text))
    return re.sub(r"-{2,}", "-", slugify(text))


_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
)
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def cjk_lang(text: str) -> str | None:
    """``zh``, ``ja`` or ``ko`` for a title written (partly) in that script, else ``None``."""
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if re.search("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", text):
        return "zh"
    return None

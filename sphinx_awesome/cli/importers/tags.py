"""The small forms real lists use around a title: venue and year tags, dates, link labels.

* ``[OSDI'22]``, ``[Eurosys'24]``, ``[NeurIPS 2021 Oral]``, ``(NeurIPS 2021)``, ``OSDI 2022``
  -> :func:`parse_venue_year`
* ``[Jun.5 2024]``, ``[Apr. 2024]``, ``[2024-06-05]``, ``[5 June 2024]`` -> :func:`parse_date`
* ``[Blog]``, ``[Talk]`` -> :data:`KIND_WORDS`
* link texts such as Paper, PDF, Code, Repo, GitHub, Post, Blog, Site, Slides, Video, arXiv
  -> :func:`label_of_text`; bare links -> :func:`label_of_url`
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from ...entries import KINDS
from ...venues import VenueList

#: Link texts (folded) -> contract link label.
LABEL_WORDS: dict[str, str] = {
    "paper": "paper", "papers": "paper", "abstract": "paper", "openreview": "paper",
    "acm": "paper", "ieee": "paper", "acl anthology": "paper", "proceedings": "paper",
    "html": "paper", "full paper": "paper", "publication": "paper",
    "pdf": "pdf", "paper pdf": "pdf", "full text": "pdf",
    "code": "code", "source code": "code", "implementation": "code", "official code": "code",
    "repo": "repo", "repository": "repo", "github": "repo", "gitlab": "repo", "gitee": "repo",
    "post": "post", "posts": "post", "blog": "post", "blogs": "post", "blog post": "post",
    "article": "post", "zhihu": "post", "知乎": "post", "medium": "post", "substack": "post",
    "tweet": "post", "thread": "post", "news": "post",
    "site": "site", "website": "site", "homepage": "site", "home page": "site", "home": "site",
    "web": "site", "web page": "site", "webpage": "site",
    "slides": "slides", "slide": "slides", "ppt": "slides", "deck": "slides", "poster": "slides",
    "video": "video", "videos": "video", "talk": "video", "youtube": "video", "bilibili": "video",
    "recording": "video",
    "arxiv": "arxiv", "doi": "doi",
    "docs": "docs", "doc": "docs", "documentation": "docs", "manual": "docs",
    "project": "project", "project page": "project", "project website": "project",
    "project site": "project", "page": "project",
}  # fmt: skip

#: Bracketed words that give an entry's kind: ``[Blog] Title``.
KIND_WORDS: dict[str, str] = {kind: kind for kind in KINDS} | {
    "blog": "post", "blog post": "post", "website": "site", "repository": "repo",
}  # fmt: skip

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_FIRST = re.compile(
    r"(?P<m>[A-Za-z]{3,9})\.?\s*(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*)?(?P<y>(?:19|20)\d{2})"
)
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>(?:19|20)\d{2})")  # fmt: skip
_NUMERIC = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?")
_TWO_DIGIT_PIVOT = 50
_BRACKET_SUFFIXES = frozenset(
    ["oral", "spotlight", "poster", "best", "paper", "award", "workshop", "short", "long", "findings", "demo", "industry", "track", "distinguished"]
)  # fmt: skip


def fold(text: str) -> str:
    """Text folded for word lookups: NFKC, lower case, symbols and brackets dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(
        ch if (ch.isalnum() or ch.isspace() or ch in "-'") else " "
        for ch in text
        if unicodedata.category(ch)[0] != "S"
    )
    return " ".join(kept.split())


def parse_date(text: str) -> str | None:
    """``Jun.5 2024`` -> ``2024-06-05``; ``Apr. 2024`` -> ``2024-04``; else ``None``."""
    text = text.strip().strip("[]()").strip()
    for pattern in (_NUMERIC, _DAY_FIRST, _MONTH_FIRST):
        match = pattern.fullmatch(text)
        if not match:
            continue
        month_text = match.group("m")
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
        if month is None:
            return None
        year = int(match.group("y"))
        day = match.group("d")
        try:
            dt.date(year, month, int(day) if day else 1)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{int(day):02d}" if day else f"{year:04d}-{month:02d}"
    return None


def _year(text: str) -> int:
    value = int(text)
    if value < 100:
        value += 2000 if value < _TWO_DIGIT_PIVOT else 1900
    return value


def venue_shaped(text: str, venues: VenueList, *, strict: bool) -> bool:
    """Whether *text* can be a venue name: known, or (unless *strict*) short and name-like.

    *strict* (used for text at the end of a title) asks for an acronym such as ``SIGOPS``.
    """
    text = text.strip()
    if not text or len(text) > 48 or not text[0].isalpha():
        return False
    if venues.normalise(text):
        return True
    words = text.split()
    if len(words) > 6 or re.search(r"[.!?;:,]\s|[\"“”()\[\]{}]", text):
        return False
    if strict:
        return any(sum(ch.isupper() for ch in word) >= 2 for word in words) and all(
            word[0].isupper() or word[0].isdigit() or word in ("on", "of", "and", "&", "for")
            for word in words
        )
    return all(word[0].isalnum() or word[0] in "&+-/" for word in words)


def parse_venue_year(
    text: str, venues: VenueList, *, strict: bool = False, allow_suffix: bool = False
) -> tuple[str | None, int | None, list[str]] | None:
    """``OSDI'22`` -> ``("OSDI", 2022, [])``; ``2021`` -> ``(None, 2021, [])``.

    A venue alone counts only when *venues* knows it. *allow_suffix* (inside brackets)
    accepts trailing words such as ``Oral``, returned as tags. ``None`` when *text* is not a
    venue/year form.
    """
    text = " ".join(text.strip().split())
    if not text:
        return None
    suffix: list[str] = []
    if allow_suffix:
        words = text.split()
        while len(words) > 1 and words[-1].lower().strip("()") in _BRACKET_SUFFIXES:
            suffix.insert(0, words.pop().lower().strip("()"))
        text = " ".join(words)
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return None, int(text), suffix
    match = re.fullmatch(r"(.+?)\s*['’`‘]\s*(\d{2}|(?:19|20)\d{2})", text) or re.fullmatch(
        r"(.+?)[\s,-]*((?:19|20)\d{2})", text
    )
    if match:
        venue = match.group(1).strip(" ,-")
        if venue_shaped(venue, venues, strict=strict):
            return venue, _year(match.group(2)), suffix
        return None
    match = re.fullmatch(r"([A-Za-z][A-Za-z&-]*?)(\d{2})", text)
    if match and venues.normalise(match.group(1)):
        return match.group(1), _year(match.group(2)), suffix
    if venues.normalise(text) and venue_shaped(text, venues, strict=False):
        return text, None, suffix
    return None


def kind_of_tag(text: str) -> str | None:
    return KIND_WORDS.get(fold(text))


def label_of_text(text: str) -> str | None:
    """The contract label a link text names (``[Paper]``, ``[[pdf]]``, ``📄 Code``), else None."""
    return LABEL_WORDS.get(fold(text.strip().strip("[](){}<>")))


_VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com", "vimeo.com", "b23.tv")
_REPO_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org", "codeberg.org")
_POST_HOSTS = (
    "medium.com", "substack.com", "zhuanlan.zhihu.com", "blogspot.com", "dev.to",
    "mp.weixin.qq.com", "wordpress.com", "hashnode.dev", "ghost.io",
)  # fmt: skip


def label_of_url(url: str) -> str:
    """A label guessed from a URL for links whose text names none."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "paper"
    path = parts.path.lower()
    if host.startswith("www."):
        host = host[4:]

    def on(hosts: tuple[str, ...]) -> bool:
        return any(host == h or host.endswith("." + h) for h in hosts)

    if on(("arxiv.org",)):
        return "arxiv"
    if on(("doi.org",)):
        return "doi"
    if on(_REPO_HOSTS):
        return "repo" if path.strip("/").count("/") <= 1 else "code"
    if on(_VIDEO_HOSTS):
        return "video"
    if on(("slideshare.net", "speakerdeck.com")):
        return "slides"
    if path.endswith(".pdf"):
        return "pdf"
    if on(("readthedocs.io", "readthedocs.org")) or host.startswith("docs."):
        return "docs"
    if on(_POST_HOSTS) or "/blog" in path or host.startswith("blog."):
        return "post"
    if path in ("", "/"):
        return "site"
    return "paper"


_NUMBERING = re.compile(
    r"^(?:(?:[IVXLCDM]{1,7}|\d{1,3}(?:\.\d{1,3})*)[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(?:[-–—:]\s+)?"
)


def clean_heading(text: str) -> str:
    """A heading's title without decoration: roman numerals, numbering, arrows, emoji."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("So", "Sm", "Sk", "Cf", "Co")
    )
    text = " ".join(text.split())
    text = _NUMBERING.sub("", text)
    text = text.strip(" \t#*_=~`|:-–—·•")
    return text

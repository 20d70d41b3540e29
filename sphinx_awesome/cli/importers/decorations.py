"""The small forms real lists write around a title, one field at a time.

Each function reads one field from a piece of text and nothing else, so that the entry
model's field descriptions can point at them:

* venue and year: ``[OSDI'22]``, ``(NeurIPS 2021)``, ``OSDI 2022``, ``ICS 22``,
  ``accepted by OSDI'23``, ``In MLSys'20.``, ``22-NSDI-``, a venue cell such as
  ``IEEE ICDCS 2026 main track``, a badge ``Conference-NeurIPS'23`` ->
  :func:`parse_venue_year`, :func:`find_venue_year`, :func:`accepted_venue`,
  :func:`badge_venue`
* date: ``[Jun.5 2024]``, ``2024.04`` -> :func:`parse_date`
* kind: ``[Blog]``, ``[Talk]`` -> :func:`kind_of_tag`
* affiliation: ``(@NVIDIA etc)``, ``| ByteDance``, ``Google, UCB`` -> :func:`trailing_affiliation`,
  :func:`affiliation_list`
* authors: ``A, B and C``, ``Zheng, L.; Li, Z.``, ``Xiao, Wencong, et al.`` -> :func:`split_authors`
* link labels: ``[Paper]``, ``[[pdf]]``, ``📄 Code``, a GitHub URL -> :func:`label_of_text`,
  :func:`label_of_url`
* headings: ``III. Distributed Training``, ``📖Contents ([©️back👆🏻](#top))``
  -> :func:`clean_heading`
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from ...entries import KINDS
from ...venues import VenueList

#: Link texts (folded) -> contract link label.
LABEL_WORDS: dict[str, str] = {
    "paper": "paper",
    "papers": "paper",
    "abstract": "paper",
    "openreview": "paper",
    "acm": "paper",
    "ieee": "paper",
    "acl anthology": "paper",
    "proceedings": "paper",
    "html": "paper",
    "full paper": "paper",
    "publication": "paper",
    "link": "paper",
    "report": "paper",
    "tech report": "paper",
    "technical report": "paper",
    "usenix": "paper",
    "springer": "paper",
    "semantic scholar": "paper",
    "dl": "paper",
    "pdf": "pdf",
    "paper pdf": "pdf",
    "full text": "pdf",
    "code": "code",
    "source code": "code",
    "implementation": "code",
    "official code": "code",
    "codes": "code",
    "src": "code",
    "repo": "repo",
    "repository": "repo",
    "github": "repo",
    "gitlab": "repo",
    "gitee": "repo",
    "post": "post",
    "posts": "post",
    "blog": "post",
    "blogs": "post",
    "blog post": "post",
    "article": "post",
    "zhihu": "post",
    "知乎": "post",
    "medium": "post",
    "substack": "post",
    "tweet": "post",
    "thread": "post",
    "news": "post",
    "notes": "post",
    "note": "post",
    "site": "site",
    "website": "site",
    "homepage": "site",
    "home page": "site",
    "home": "site",
    "web": "site",
    "web page": "site",
    "webpage": "site",
    "slides": "slides",
    "slide": "slides",
    "ppt": "slides",
    "deck": "slides",
    "poster": "slides",
    "pptx": "slides",
    "video": "video",
    "videos": "video",
    "talk": "video",
    "youtube": "video",
    "bilibili": "video",
    "recording": "video",
    "arxiv": "arxiv",
    "doi": "doi",
    "docs": "docs",
    "doc": "docs",
    "documentation": "docs",
    "manual": "docs",
    "project": "project",
    "project page": "project",
    "project website": "project",
    "project site": "project",
    "page": "project",
    "demo": "project",
}

#: Bracketed words that give an entry's kind: ``[Blog] Title``.
KIND_WORDS: dict[str, str] = {kind: kind for kind in KINDS} | {
    "blog": "post",
    "blog post": "post",
    "website": "site",
    "repository": "repo",
    "tutorial": "talk",
    "keynote": "talk",
    "lecture": "talk",
}

#: Bracketed words kept as tags: ``[Survey]``, ``[Survey :mag:]``.
TAG_WORDS = frozenset(
    [
        "survey",
        "benchmark",
        "dataset",
        "position",
        "vision",
        "tutorial",
        "oral",
        "spotlight",
        "poster",
        "best paper",
        "workshop",
        "wip",
        "findings",
        "short",
        "demo",
        "review",
        "thesis",
        "book",
        "toolkit",
        "library",
        "framework",
    ]
)

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

_MONTH_FIRST = re.compile(
    r"(?P<m>[A-Za-z]{3,9})\.?\s*(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*)?(?P<y>(?:19|20)\d{2})"
)
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>(?:19|20)\d{2})"
)
_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})日?)?月?"
)
#: An ISO date says it is one: any four-digit year (the others guess, so 1900 to 2099 only).
_ISO = re.compile(r"(?P<y>[1-9]\d{3})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
_TWO_DIGIT_PIVOT = 50
_BRACKET_SUFFIXES = frozenset(
    [
        "oral",
        "spotlight",
        "poster",
        "best",
        "paper",
        "award",
        "workshop",
        "short",
        "long",
        "findings",
        "demo",
        "industry",
        "track",
        "distinguished",
        "tutorial",
        "main",
        "highlight",
        "accepted",
        "submission",
        "under",
        "review",
    ]
)
_VENUE_PREFIXES = re.compile(
    r"^(?:(?:ACM|IEEE|USENIX|IFIP|SIAM|CVF|SPEC)(?:[/-](?:ACM|IEEE|USENIX|IFIP|CVF|SPEC))*\s+|ACM\s+SIGPLAN\s+|the\s+)",
    re.I,
)
_APOSTROPHES = "'’`‘′"


def fold(text: str) -> str:
    """Text folded for word lookups: NFKC, lower case, symbols and brackets dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(
        ch if (ch.isalnum() or ch.isspace() or ch in "-'&") else " "
        for ch in text
        if unicodedata.category(ch)[0] != "S"
    )
    return " ".join(kept.split())


# -- dates ------------------------------------------------------------------------------------


def parse_date(text: str) -> str | None:
    """``Jun.5 2024`` -> ``2024-06-05``; ``Apr. 2024``, ``2024.04`` -> ``2024-04``; else None."""
    text = text.strip().strip("[]()").strip()
    for pattern in (_ISO, _NUMERIC, _DAY_FIRST, _MONTH_FIRST):
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


# -- venues and years -------------------------------------------------------------------------


def _year(text: str) -> int:
    value = int(text)
    if value < 100:
        value += 2000 if value < _TWO_DIGIT_PIVOT else 1900
    return value


def known_venue(text: str, venues: VenueList) -> str | None:
    """The canonical name of *text*, also behind a publisher prefix (``IEEE ICDCS``)."""
    text = text.strip().strip("*_").strip()
    found = venues.normalise(text)
    if found is None:
        bare = _VENUE_PREFIXES.sub("", text)
        if bare != text and bare:
            found = venues.normalise(bare)
    return found


def venue_shaped(text: str, venues: VenueList, *, strict: bool) -> bool:
    """Whether *text* can be a venue name: known, or (unless *strict*) short and name-like.

    *strict* (used for text at the end of a title) asks for an acronym such as ``SIGOPS``.
    """
    text = text.strip()
    if not text or len(text) > 48 or not text[0].isalpha():
        return False
    if known_venue(text, venues):
        return True
    words = text.split()
    if len(words) > 6 or re.search(r"[.!?;:,]\s|[\"“”()\[\]{}]", text):
        return False
    if strict:
        return any(sum(ch.isupper() for ch in word) >= 2 for word in words) and all(
            word[0].isupper() or word[0].isdigit() or word in ("on", "of", "and", "&", "for")
            for word in words
        )
    return all(word[0].isalnum() or word[0] in "&+-/@" for word in words)


def _suffix_words(text: str) -> tuple[str, list[str]]:
    words = text.split()
    suffix: list[str] = []
    while len(words) > 1 and words[-1].lower().strip("()") in _BRACKET_SUFFIXES:
        suffix.insert(0, words.pop().lower().strip("()"))
    return " ".join(words), suffix


def parse_venue_year(
    text: str, venues: VenueList, *, strict: bool = False, allow_suffix: bool = False
) -> tuple[str | None, int | None, list[str]] | None:
    """``OSDI'22`` -> ``("OSDI", 2022, [])``; ``2021`` -> ``(None, 2021, [])``.

    A venue alone counts only when *venues* knows it. *allow_suffix* (inside brackets)
    accepts trailing words such as ``Oral``, returned as tags. ``None`` when *text* is not a
    venue/year form.
    """
    text = " ".join(text.strip().strip("*_").split())
    if not text or len(text) > 80:
        return None
    suffix: list[str] = []
    if allow_suffix:
        text, suffix = _suffix_words(text)
        extra = re.fullmatch(
            rf"(.+?\s*[{_APOSTROPHES}]\s*\d{{2}}|.+?\s(?:19|20)\d{{2}})\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){{0,2}})",
            text,
        )
        if extra:
            head = parse_venue_year(extra.group(1), venues, strict=strict)
            if head and head[0] and known_venue(head[0], venues):
                return head[0], head[1], [*extra.group(2).lower().split(), *suffix]
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return None, int(text), suffix
    match = re.fullmatch(
        rf"(.+?)\s*[{_APOSTROPHES}]\s*(\d{{2}}|(?:19|20)\d{{2}})", text
    ) or re.fullmatch(r"(.+?)[\s,-]*((?:19|20)\d{2})", text)
    if match:
        venue = match.group(1).strip(" ,-")
        if venue.lower().rstrip(".") in MONTHS:  # "Jan, 2024" is a date
            return None
        if venue_shaped(venue, venues, strict=strict):
            return venue, _year(match.group(2)), suffix
        return None
    match = re.fullmatch(r"([A-Za-z][A-Za-z&-]*?)[\s-]?(\d{2})", text)
    if match and known_venue(match.group(1), venues):
        return match.group(1), _year(match.group(2)), suffix
    if known_venue(text, venues) and venue_shaped(text, venues, strict=False):
        return text, None, suffix
    return None


def _venue_name(text: str, venues: VenueList) -> bool:
    """A venue name as lists spell it in full: ``Proceedings of the ACM on Management of
    Data``, ``International Conference on Autonomic and Autonomous Systems``."""
    if venue_shaped(text, venues, strict=False):
        return True
    words = text.split()
    return (
        2 <= len(words) <= 12
        and len(text) <= 80
        and not re.search(r"[.!?;:]\s|[\"“”()\[\]{}]", text)
        and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(2, len(words) // 2)
    )


def paren_venue_year(text: str, venues: VenueList) -> tuple[str, int] | None:
    """What a list writes in parentheses after a title: ``(Distributed and Parallel
    Databases 2020)``, ``( 2018 ArXiv)``, ``(CHEOPS 22)``, ``(SIGMOD 2021 Best Paper!)``:
    ``(venue, year)`` or ``None``."""
    text = " ".join(text.replace("*", "").split()).strip(" !.,;")
    parsed = parse_venue_year(text, venues, strict=True, allow_suffix=True)
    if parsed and parsed[0] and parsed[1]:
        return parsed[0], parsed[1]
    match = re.fullmatch(r"(.{1,80}?)[\s,]*((?:19|20)\d{2})(?:\s+[A-Za-z][\w-]*){0,3}", text)
    if match and _venue_name(match.group(1).strip(" ,"), venues):
        return match.group(1).strip(" ,"), int(match.group(2))
    match = re.fullmatch(r"((?:19|20)\d{2})[\s,]+(.{1,80})", text)
    if match and _venue_name(match.group(2), venues):
        return match.group(2), int(match.group(1))
    match = re.fullmatch(rf"([A-Za-z][\w&+-]*)\s*[{_APOSTROPHES}]?\s*(\d{{2}})", text)
    if match and venue_shaped(match.group(1), venues, strict=True):
        return match.group(1), _year(match.group(2))
    return None


def trusted_venue(venue: str, venues: VenueList) -> bool:
    """Whether *venue*, found at the end of a title without brackets, surely names a venue:
    written as the list spells it (case too), or an upper-case acronym the list knows."""
    if venues.spelled(venue) or venues.spelled(_VENUE_PREFIXES.sub("", venue)):
        return True
    return bool(known_venue(venue, venues)) and sum(ch.isupper() for ch in venue) >= 2


_YEAR_IN_TEXT = re.compile(r"(?<![\d.:/-])((?:19|20)\d{2})(?![\d]|[-–]\d)")


def find_venue_year(text: str, venues: VenueList) -> tuple[str | None, int | None]:
    """A known venue and a year anywhere in *text* (a venue cell such as ``IEEE ICDCS
    2026 official main technical sessions``, or a citation ``In Proceedings of the 18th
    ACM/IFIP/USENIX Middleware Conference, pp. 109-120. 2017``)."""
    text = " ".join(text.replace("*", " ").replace("_", " ").split())
    parsed = parse_venue_year(text, venues, allow_suffix=True)
    if parsed and (parsed[0] is None or known_venue(parsed[0], venues)):
        return (known_venue(parsed[0], venues) if parsed[0] else None), parsed[1]
    year_match = _YEAR_IN_TEXT.search(text)
    year = int(year_match.group(1)) if year_match else None
    words = re.findall(r"[A-Za-z][\w&+.-]*(?:'\d{2})?|\d+", text)
    best: tuple[int, str] | None = None
    for start in range(len(words)):
        for size in range(min(8, len(words) - start), 0, -1):
            chunk = " ".join(words[start : start + size]).strip(".")
            name = venues.normalise(chunk) if not chunk.isdigit() else None
            base = re.sub(r"'\d{2}$", "", chunk)
            if name and (size > 1 or trusted_venue(base, venues)):
                if best is None or size > best[0]:
                    best = (size, name)
                if year is None:
                    short = re.fullmatch(r"(.+?)'(\d{2})", chunk)
                    year = _year(short.group(2)) if short else None
                break
    return (best[1] if best else None), year


_ACCEPTED = re.compile(
    r"(?i)(?:\ba?accepted|\bpublished|\bappear(?:s|ed)?|\bpresented|\bto\s+appear)"
    r"\s+(?:by|in|at|to|on|@)\s+(?:the\s+)?"
    r"(?P<venue>[A-Za-z][\w&+./ -]*?"
    r"(?:\s*[" + _APOSTROPHES + r"]\s*\d{2}|[\s'-]*(?:19|20)\d{2}|\d{2})?)"
    r"(?=$|[\s,;.!()\]|])"
)


def accepted_venue(text: str, venues: VenueList) -> tuple[str, int | None, int, int] | None:
    """``accepted by OSDI'23`` (also ``published in``, ``to appear at``) anywhere in
    *text*: ``(venue, year, start, end)`` of the phrase, or ``None``."""
    for match in _ACCEPTED.finditer(text):
        candidate = match.group("venue").strip(" .")
        for size in range(len(candidate.split()), 0, -1):
            chunk = " ".join(candidate.split()[:size])
            parsed = parse_venue_year(chunk, venues, allow_suffix=True)
            if (
                parsed
                and parsed[0]
                and (
                    known_venue(parsed[0], venues)
                    or (parsed[1] and venue_shaped(parsed[0], venues, strict=True))
                )
            ):
                end = (
                    match.start("venue") + len(chunk)
                    if candidate.startswith(chunk)
                    else match.end()
                )
                return parsed[0], parsed[1], match.start(), end
    return None


_YY_VENUE = re.compile(r"\s*(\d{2})\s*-\s*([A-Za-z][\w&+.]*)\s*-\s*(\S.*)", re.S)
_YY_VENUE2 = re.compile(
    r"\s*(\d{2})\s*-\s*([A-Za-z][\w&+.]*[- ][A-Za-z][\w&+.]*)\s*-\s*(\S.*)", re.S
)


def prefix_venue(
    text: str, venues: VenueList, *, before_link: bool = False
) -> tuple[str, int | None, str] | None:
    """A venue written before the title: ``22-NSDI-Tiara: ...``, ``OSDI '20 / Caladan``,
    ``SIGCOMM 2019, Title``: ``(venue, year, rest)`` or ``None``. *before_link*: the text
    is all that precedes a linked title, so ``Cluster Computing 2019,`` counts too."""
    for pattern in (_YY_VENUE, _YY_VENUE2):
        match = pattern.match(text)
        if match and (
            known_venue(match.group(2), venues)
            or (pattern is _YY_VENUE and venue_shaped(match.group(2), venues, strict=True))
        ):
            return match.group(2), _year(match.group(1)), match.group(3)
    match = re.match(r"\s*([^,/|:\[\]()]{2,40}?)\s*(?:,|\s/\s|\s\|\s|:\s|:$)\s*(.*)", text, re.S)
    if match:
        parsed = parse_venue_year(match.group(1), venues, allow_suffix=True)
        if parsed and parsed[0] and known_venue(parsed[0], venues):
            return parsed[0], parsed[1], match.group(2)
        if parsed and parsed[0] and parsed[1] and venue_shaped(parsed[0], venues, strict=True):
            return parsed[0], parsed[1], match.group(2)
        if before_link and parsed and parsed[0] and parsed[1] and not match.group(2).strip():
            return parsed[0], parsed[1], ""
    return None


_BADGE = re.compile(
    r"img\.shields\.io/badge/(?P<label>[^/?#]*?)-(?P<message>[^/?#]*?)-[^/?#-]*(?:\.svg)?(?:$|[?#])"
)
_BADGE_VENUE_LABELS = frozenset(
    [
        "conference",
        "venue",
        "publish",
        "published",
        "publication",
        "pub",
        "journal",
        "accepted",
        "conf",
    ]
)


def badge_venue(alt: str, src: str, venues: VenueList) -> tuple[str, int | None] | None:
    """The venue of a shields.io badge such as ``badge/Conference-NeurIPS'23-blue``."""
    match = _BADGE.search(src)
    if not match:
        return None
    label = unquote(match.group("label")).replace("--", "-").replace("_", " ")
    message = unquote(match.group("message")).replace("--", "-").replace("_", " ")
    if fold(label) not in _BADGE_VENUE_LABELS and fold(alt) not in _BADGE_VENUE_LABELS:
        parsed = parse_venue_year(message, venues, strict=True)
        if not (parsed and parsed[0] and parsed[1] and known_venue(parsed[0], venues)):
            return None
    parsed = parse_venue_year(message, venues, allow_suffix=True)
    if parsed and parsed[0]:
        return parsed[0], parsed[1]
    return None


# -- kinds, tags and link labels ---------------------------------------------------------------


def kind_of_tag(text: str) -> str | None:
    return KIND_WORDS.get(fold(text)) if len(text) <= 80 else None


def tag_of_text(text: str) -> str | None:
    """A tag a bracket names: ``[Survey :mag:]`` -> ``survey``."""
    words = fold(re.sub(r":[a-z_]+:", " ", text))
    return words.replace(" ", "-") if words in TAG_WORDS else None


_LABEL_FILLERS = frozenset(
    [
        "version",
        "link",
        "here",
        "full",
        "official",
        "the",
        "our",
        "preprint",
        "extended",
        "long",
        "short",
        "open",
        "access",
        "available",
        "at",
        "on",
        "in",
        "camera",
        "ready",
        "camera-ready",
        "page",
        "v1",
        "v2",
    ]
)


def label_of_text(text: str) -> str | None:
    """The contract label a link text names (``[Paper]``, ``[[pdf]]``, ``📄 Code``,
    ``arxiv version``), else None."""
    if len(text) > 80:  # a label is a word or two
        return None
    folded = fold(text.strip().strip("[](){}<>"))
    label = LABEL_WORDS.get(folded)
    if label or not folded:
        return label
    words = folded.split()
    if len(words) <= 3:
        named = [LABEL_WORDS[w] for w in words if w in LABEL_WORDS]
        if len(named) == 1 and all(w in LABEL_WORDS or w in _LABEL_FILLERS for w in words):
            return named[0]
    return None


_VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com", "vimeo.com", "b23.tv")
_REPO_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org", "codeberg.org")
_POST_HOSTS = (
    "medium.com",
    "substack.com",
    "zhuanlan.zhihu.com",
    "blogspot.com",
    "dev.to",
    "mp.weixin.qq.com",
    "wordpress.com",
    "hashnode.dev",
    "ghost.io",
)


def label_of_url(url: str) -> str:
    """A label guessed from a URL for links whose text names none."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "paper"
    path = parts.path.lower()
    host = host.removeprefix("www.")

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


# -- affiliations -----------------------------------------------------------------------------

_AFFILIATION_AT = re.compile(r"\s*[(（]\s*@\s*(?P<orgs>[^()（）]{1,120}?)\s*[)）]\s*$")
_ETC = re.compile(r"(?i)[\s,]*(?:\betc\.?|\bet\.?\s*al\.?|等)\s*$")


def affiliation_list(text: str) -> list[str]:
    """``NVIDIA etc``, ``Google, UCB``, ``Tsinghua & Huawei`` -> names."""
    text = _ETC.sub("", " ".join(text.split())).strip(" ,;")
    if not text:
        return []
    parts = re.split(r"\s*(?:,|;|、|，|\s&\s|\sand\s|\s/\s|&|@)\s*", text)
    names: list[str] = []
    for part in parts:
        part = part.strip(" .")
        if names and re.fullmatch(r"(?:Inc|Ltd|LLC|Corp|Co|GmbH|S\.?A)\.?", part):
            names[-1] = f"{names[-1]}, {part}"  # "Meta Platforms, Inc"
        elif part:
            names.append(part)
    return names


def trailing_affiliation(title: str) -> tuple[str, list[str]]:
    """``Title(@NVIDIA etc)`` -> ``("Title", ["NVIDIA"])``."""
    match = _AFFILIATION_AT.search(title)
    if not match:
        return title, []
    return title[: match.start()].rstrip(), affiliation_list(match.group("orgs"))


def org_shaped(text: str) -> bool:
    """Whether *text* reads as institution names (``ByteDance``, ``Google, UCB``,
    ``Sea AI Lab``) rather than a description."""
    text = " ".join(text.split()).strip(" .")
    if not text or len(text) > 80 or re.search(r"[.!?:;]\s|\d{4}", text):
        return False
    names = affiliation_list(text)
    if not names or len(names) > 6:
        return False
    lower = {"of", "and", "for", "de", "the", "at", "in", "&"}
    for name in names:
        words = name.split()
        if (
            not 1 <= len(words) <= 5
            or not words[0][0].isalpha()
            or not (words[0][0].isupper() or not words[0][0].isascii())
        ):
            return False
        if any(
            not (w[0].isupper() or w[0].isdigit() or w in lower or not w[0].isascii())
            for w in words
        ):
            return False
    return True


# -- authors ----------------------------------------------------------------------------------

_NAME_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "le",
        "la",
        "del",
        "della",
        "dos",
        "das",
        "bin",
        "al.",
        "al",
        "et",
        "and",
    ]
)
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.?[\s-]?){1,4}")


def names_like(chunks: list[str]) -> bool:
    """Whether every chunk reads as a person's name (capitalised words, ``et al.``)."""
    if not chunks:
        return False
    for chunk in chunks:
        words = chunk.replace("et al.", "").replace("et al", "").split()
        if len(words) > 5:
            return False
        for word in words:
            if not (
                word[0].isupper()
                or word.lower() in _NAME_PARTICLES
                or not word[0].isalpha()
                or not word[0].isascii()
            ):
                return False
    return True


def _pair_names(parts: list[str]) -> list[str]:
    """``Gujarati, A., Karimi, R.`` -> ``A. Gujarati, R. Karimi``; ``Xiao, Wencong, et al.``
    -> ``Wencong Xiao, et al.``."""
    out: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else ""
        surname = len(part.split()) == 1 and part[:1].isupper()
        if surname and following and _INITIALS.fullmatch(following.strip()):
            out.append(f"{following.strip()} {part}")
            index += 2
            continue
        if (
            surname
            and index == 0
            and following
            and len(following.split()) <= 2
            and following != "et al."
        ):
            rest = parts[2:]
            if not rest or all(len(r.split()) >= 2 or r == "et al." for r in rest):
                out.append(f"{following} {part}")  # MLA: "Last, First, First Last, and ..."
                index += 2
                continue
        out.append(part)
        index += 1
    return out


def split_authors(text: str) -> list[str]:
    """``A, B, and C`` / ``A and B`` / ``A et al.`` / ``Zheng, L.; Li, Z.`` -> a list
    (``et al.`` kept as an item)."""
    text = " ".join(text.split()).strip(" ,;*_")
    text = re.sub(r",?\s*(?:19|20)\d{2}[a-z]?\.?$", "", text).strip(" ,;")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1].rstrip(" ,;")
    if not text:
        return []
    separators = r"[;；]" if re.search(r"[;；]", text) else r"[,，、]"
    text = re.sub(r"\s+(?:and|&)\s+", "; " if separators == r"[;；]" else ", ", text)
    text = re.sub(r"(?<=\S)\s+et\.?\s*al\.?", ", et al.", text) if separators != r"[;；]" else text
    parts: list[str] = []
    for part in re.split(separators, text):
        part = re.sub(r"^(?:and|&)\s+", "", part.strip())
        if not part:
            continue
        match = re.fullmatch(r"(.*?)\s*\bet\.?\s*al\.?", part)
        if match:
            if match.group(1).strip():
                parts.append(match.group(1).strip())
            parts.append("et al.")
        else:
            parts.append(part)
    if separators == r"[;；]":
        return parts
    return _pair_names(parts)


# -- headings ---------------------------------------------------------------------------------

_JOINERS = frozenset("\ufe0e\ufe0f\u200d\u20e3")
_NUMBERING = re.compile(
    r"^(?:(?:[IVXLCDM]{1,7}|\d{1,3}(?:\.\d{1,3})*)[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(?:[-–—:]\s+)?"
)


def clean_heading(text: str) -> str:
    """A heading's title without decoration: roman numerals, numbering, arrows, emoji and a
    trailing ``(back to top)`` link text."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in ("So", "Sm", "Sk", "Cf", "Co") and ch not in _JOINERS
    )
    text = re.sub(
        r"\s*[(\[]\s*(?:back(?:\s*to\s*(?:top|contents|toc))?|top|返回顶部|返回目录)\s*[)\]]\s*$",
        "",
        " ".join(text.split()),
        flags=re.I,
    )
    text = _NUMBERING.sub("", text)
    text = text.strip(" \t#*_=~`|:-–—·•")
    return text


_PLACEHOLDER = re.compile(
    r"(?i)(todo|tbd|tba|wip|coming soon|n/?a|none|to be (?:added|continued)|-+|…|\.{2,}|—)\W*"
)


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.fullmatch(text.strip()))

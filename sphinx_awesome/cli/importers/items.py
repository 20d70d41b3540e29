"""Reading one bullet, paragraph line or table row into entry data.

The result of a read is a :class:`Found`: a dict in the entry-file format (the contract's
field names) and where it was read. Bullet shapes understood (and their mixtures)::

    - [OSDI'22] [Alpa: Automating ...](https://...)             tag, linked title
    - [x] ⭐ [Alpa](https://...): Automating ... | OSDI' 22       checkbox, name + subtitle, venue
    - [Alpa: Automating ...](https://...) - description          linked title, description
    - Alpa: Automating ... [[pdf]](https://...) [[code]](...)    plain title, labelled links
    - **Alpa: Automating ...** by L. Zheng et al., OSDI 2022     bold title, authors, venue
    - 🔥[**DMC**] Dynamic Memory ...(@NVIDIA etc)                 nickname tag, affiliation
    - [Title](https://...): a survey by UCB, accepted by OSDI'24 description with the venue
    - Wanling Gao, Fei Tang, et al. "AIBench: ...". [[Paper]](...)  citation with a quoted title

Table rows are read cell by cell after :func:`column_roles` names each column from its
header text. Field-specific forms (venues, dates, affiliations, authors, labels) are in
:mod:`.decorations`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...entries import ID_RE, link_url, slugify
from ...problems import Code, Problem
from ...venues import VenueList
from .decorations import (
    TAG_WORDS,
    accepted_venue,
    affiliation_list,
    badge_venue,
    find_venue_year,
    fold,
    is_placeholder,
    kind_of_tag,
    known_venue,
    label_of_text,
    label_of_url,
    names_like,
    org_shaped,
    paren_venue_year,
    parse_date,
    parse_venue_year,
    prefix_venue,
    split_authors,
    tag_of_text,
    trailing_affiliation,
    trusted_venue,
    venue_shaped,
)
from .document import Anchor, Break, CodeText, Image, Link, Literal, Strong, Text, Token, plain

_ALTERNATE_LABEL = {
    "paper": "pdf",
    "pdf": "paper",
    "code": "repo",
    "repo": "code",
    "site": "project",
    "project": "site",
    "post": "site",
    "arxiv": "paper",
}
_TITLE_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+[-–—]{1,2}\s+|\s*[–—]\s+")
_SENTENCE = re.compile(
    r"(?<!\b[A-Z])(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\bet al)(?<!\bal)(?<!\bNo)(?<!\bSt)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bInc)(?<!\bLtd)(?<!\bCo)\.\s+(?=\S)"
)
_QUOTED = re.compile(r"[\"“”](?P<title>[^\"“”]{8,}?)[,.]?[\"“”]")
_CHECKBOX = re.compile(r"\s*\[\s?[xX✓✔ ]?\s?\]\s*")
_SHORTCODE = re.compile(r"\s*:[a-z0-9_+-]+:\s*")  # GitHub's emoji shortcodes, such as :star:


class Unparsed(Exception):
    """A row or bullet that cannot become an entry; the message says why."""


@dataclass(slots=True)
class Found:
    """One item read from a list: its entry data (contract field names) and where it was
    read. *id* is an explicit id (``<a id>``); *marked* a linked or bold title, which
    surely means an entry."""

    data: dict[str, Any]
    path: str
    line: int
    id: str | None = None
    marked: bool = False
    lines: set[int] = field(default_factory=set)

    def put(self, key: str, value: Any) -> None:
        """Set a field unless it is set already."""
        if value and not self.data.get(key):
            self.data[key] = value

    def tag(self, word: str) -> None:
        slug = slugify(word)
        if slug:
            tags = self.data.setdefault("tags", [])
            if slug not in tags:
                tags.append(slug)

    def affiliate(self, names: Sequence[str]) -> None:
        current = self.data.get("affiliation")
        found = [current] if isinstance(current, str) else list(current or [])
        for name in names:
            if name and name not in found:
                found.append(name)
        if found:
            self.data["affiliation"] = found[0] if len(found) == 1 else found

    def summarise(self, text: str, *, cleaned: bool = True) -> None:
        text = clean_fragment(text) if cleaned else " ".join(text.split())
        if any(ch.isalnum() for ch in text):
            current = self.data.get("summary")
            self.data["summary"] = f"{current} {text}" if current else text

    @property
    def sure(self) -> bool:
        """With a link, venue, year, date, kind or id this is an entry (not prose)."""
        data = self.data
        return bool(
            data.get("links")
            or data.get("venue")
            or data.get("year")
            or data.get("date")
            or data.get("kind")
            or self.id
        )


def clean_fragment(text: str) -> str:
    """A description or leftover text without separators and unbalanced bracket residue."""
    text = " ".join(text.split())
    text = re.sub(r"\[\s*[,;|]?\s*\]|\(\s*[,;|]?\s*\)", " ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = text.strip(" ,;:|·•–—-")
        for opening, closing in ("[]", "()"):
            if text.startswith(closing) or (
                text.startswith(opening) and text.count(opening) > text.count(closing)
            ):
                text = text[1:]
            if text.endswith(opening) or (
                text.endswith(closing) and text.count(closing) > text.count(opening)
            ):
                text = text[:-1]
    return text


def strip_decoration(text: str) -> str:
    """*text* without leading emoji, stars, bullets, check boxes and numbering."""
    index = 0
    while True:
        match = _CHECKBOX.match(text, index) or _SHORTCODE.match(text, index)
        if match and match.end() > index:
            index = match.end()
            continue
        if index < len(text) and (
            text[index].isspace()
            or unicodedata.category(text[index]) in ("So", "Sk", "Cf", "Mn", "Co")
            or text[index] in "·•-–—|:"
        ):
            index += 1
            continue
        break
    return text[index:]


_HELD = 0xE000  # escaped characters of one line are held out of the text's syntax


_HELD_CHARS = frozenset(",;&|-()[]#:.*_")


def _hold(text: str) -> str:
    """An escaped character (``\\,`` inside an author's name) kept from splitting the
    text after a title; :func:`_release` gives it back before the line's data is used."""
    return "".join(chr(_HELD + ord(ch)) if ch in _HELD_CHARS else ch for ch in text)


def _escaped_names(text: str) -> list[str]:
    """Authors as export writes them: separated by commas, a comma inside a name escaped."""
    return [" ".join(name.split()) for name in text.split(",") if name.strip()]


def _release(data: dict[str, Any]) -> None:
    def back(value: Any) -> Any:
        if isinstance(value, str):
            return "".join(
                chr(ord(ch) - _HELD) if _HELD <= ord(ch) < _HELD + 128 else ch for ch in value
            )
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    for key, value in data.items():
        data[key] = back(value)


def _bare(text: str, url: str) -> bool:
    """Whether a link shows its own URL (a plain URL made a link)."""
    text = text.strip().rstrip("/")
    return bool(text) and (
        text == url.rstrip("/") or re.sub(r"^https?://", "", url).rstrip("/") == text
    )


def _title_case(text: str) -> bool:
    """Whether *text* reads as a subtitle (most long words capitalised)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3]
    if len(words) < 1 or not text[:1].isupper():
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


@dataclass(slots=True)
class _Reading:
    """The working state of one read."""

    found: Found
    tokens: list[Token]
    title: str = ""
    title_label: str | None = None
    title_url: str | None = None
    title_line: int = 0
    bold: bool = False
    literal: bool = False  # escaped brackets in the line: its brackets are text, not tags


class ItemReader:
    """Reads the items of one file, collecting the problems of single links."""

    def __init__(self, path: str, venues: VenueList, problems: list[Problem]) -> None:
        self.path = path
        self.venues = venues
        self.problems = problems
        #: Whether this list writes ``[Name](url): Subtitle`` (True), ``[Title](url):
        #: comment`` (False) or neither often enough to tell (None); see :func:`subtitle_habit`.
        self.subtitles: bool | None = None

    # -- links --------------------------------------------------------------------------------

    def add_link(self, found: Found, label: str, url: str, line: int) -> None:
        url = url.strip()
        if not url or url.startswith("#"):
            return  # a link within the page, such as a table of contents
        title = found.data.get("title") or "an entry"
        if link_url(label, url) is None or not url.lower().startswith(("http://", "https://")):
            self.problems.append(
                Problem(
                    Code.IMPORT_LINK,
                    f"link {url!r} of {title!r} is not an absolute http(s) URL; it is dropped",
                    self.path,
                    line,
                )
            )
            return
        value = url  # the forms export writes for bare ids read back as bare ids
        if label == "doi":
            value = re.sub(r"^https://doi\.org/(?=10\.)", "", url)
        elif label == "arxiv":
            match = re.fullmatch(r"https://arxiv\.org/abs/([^/?#]+)", url)
            value = match.group(1) if match else url
        links = found.data.setdefault("links", {})
        if value in links.values() or url in links.values():
            return
        if label in links:
            alternate = _ALTERNATE_LABEL.get(label)
            if alternate and alternate not in links:
                label = alternate
            else:
                self.problems.append(
                    Problem(
                        Code.IMPORT_LINK,
                        f"a second {label!r} link of {title!r} ({url}) is dropped: an entry holds one link per label",
                        self.path,
                        line,
                    )
                )
                return
        links[label] = value

    def title_link_label(self, url: str, found: Found) -> str:
        """The label of a linked title: from the URL, but a generic page of a post, site,
        repo or video entry (or of a dated item without a venue) is that kind's link."""
        label = label_of_url(url)
        if label == "paper":
            by_kind = {
                "post": "post",
                "site": "site",
                "repo": "repo",
                "video": "video",
                "talk": "video",
            }
            data = found.data
            label = by_kind.get(
                data.get("kind") or "",
                "post" if data.get("date") and not data.get("venue") else "paper",
            )
        return label

    def link_label(self, link: Link, default: str | None) -> str:
        if link.image:  # a badge: its target says more than its alt text
            by_url = label_of_url(link.url)
            return by_url if by_url != "paper" else (label_of_text(link.text) or default or by_url)
        label = None if link.bare else label_of_text(link.text)
        return label or default or label_of_url(link.url)

    def take_link(self, found: Found, link: Link, default: str | None) -> None:
        """A link after the title: a venue tag, a badge, or a labelled link."""
        if link.image:
            badge = badge_venue(link.text, link.src, self.venues)
            if badge:
                found.put("venue", badge[0])
                found.put("year", badge[1])
            if not link.url or link.url.startswith("#") or "img.shields.io/badge" in link.url:
                return
        elif self.is_tag_text(link.text) and not label_of_text(link.text):
            self.apply_tag(link.text.strip("[] "), found)
            return
        self.add_link(found, self.link_label(link, default), link.url, link.line)

    # -- tags ---------------------------------------------------------------------------------

    def apply_tag(
        self, text: str, found: Found, *, paren: bool = False, loose: bool = False
    ) -> bool:
        """Take a bracketed tag (date, kind, venue/year, affiliation) into *found*; False
        when it is none."""
        text = " ".join(text.replace("*", "").split())
        if not text:
            return False
        if text.startswith("@"):
            found.affiliate(affiliation_list(text[1:]))
            return True
        venue_prefix = re.fullmatch(r"(?i)venue:\s*(.+)", text)
        if venue_prefix:
            parsed = parse_venue_year(venue_prefix.group(1), self.venues, strict=False)
            found.put("venue", parsed[0] if parsed else venue_prefix.group(1).strip())
            found.put("year", parsed[1] if parsed else None)
            return True
        date = parse_date(text)
        if date:
            found.put("date", date)
            return True
        if not paren:
            kind = kind_of_tag(text)
            if kind:
                found.put("kind", kind)
                return True
        if self.venue_tag(text, found, paren=paren, loose=loose):
            return True
        tag = tag_of_text(text)
        if tag and not paren:
            found.tag(tag)
            return True
        return False

    def venue_tag(self, text: str, found: Found, *, paren: bool, loose: bool) -> bool:
        """``OSDI'22``, ``NeurIPS'22 Oral``, ``NAIC @ SIGCOMM'25``, ``KDD'20 Tutorial``."""
        if "@" in text and not paren:  # a workshop at a conference
            workshop, _, host = text.rpartition("@")
            if self.venue_tag(host.strip(), found, paren=paren, loose=loose):
                found.tag(workshop.strip())
                return True
        text = text.strip(" !")
        parsed = parse_venue_year(
            text, self.venues, strict=paren and not loose, allow_suffix=not paren or loose
        )
        if (
            parsed is None
            and loose
            and venue_shaped(text, self.venues, strict=True)
            and not re.search(r"\d{4}", text)
        ):
            parsed = (text, None, [])
        if parsed is None and paren:
            venue, year = find_venue_year(text, self.venues)
            lead = re.match(r"\s*[A-Za-z][\w&+./-]*(?:\s*['’]\s*\d{2}|\s+(?:19|20)\d{2})", text)
            if (
                venue
                and year
                and lead
                and known_venue(
                    lead.group(0).split("'")[0].split("’")[0].strip().rsplit(" ", 1)[0], self.venues
                )
            ):
                parsed = (venue, year, [])
        if parsed is None:
            return False
        venue, year, suffix = parsed
        found.put("venue", venue)
        found.put("year", year)
        for word in suffix:
            found.tag(word)
        return True

    def is_tag_text(self, text: str) -> bool:
        """Whether a link's text is a venue/date tag (``[[OSDI'22]](proceedings)``) rather
        than a title: bracketed inside the link, or a known venue with a year."""
        stripped = text.strip()
        bracketed = stripped.startswith("[") and stripped.endswith("]")
        inner = stripped.strip("[] ")
        if not inner or label_of_text(inner):
            return False
        if parse_date(inner):
            return bracketed
        parsed = parse_venue_year(inner, self.venues, strict=not bracketed, allow_suffix=True)
        if parsed is None:
            return False
        return bracketed or (
            parsed[0] is not None and known_venue(parsed[0], self.venues) is not None
        )

    # -- titles -------------------------------------------------------------------------------

    def strip_title_tags(self, title: str, found: Found, *, guess_venue: bool = True) -> str:
        """Take leading/trailing ``[tags]``, a trailing ``(VENUE YEAR)``, an affiliation
        ``(@NVIDIA)`` and (with *guess_venue*) a trailing ``, VENUE YEAR`` out of a title."""
        title = re.sub(r"^[\s\])]+|[\s\[(]+$", "", " ".join(title.split()))
        cut_end = False
        while True:
            title, names = trailing_affiliation(title)
            if names:
                found.affiliate(names)
                cut_end = True
                continue
            match = re.match(r"\[([^\[\]]{1,60})\]\s*", title)
            if match and match.end() < len(title) and self.apply_tag(match.group(1), found):
                title = title[match.end() :]
                continue
            match = re.search(r"\s*\[([^\[\]]{1,60})\]$", title)
            if match and match.start() > 0 and self.apply_tag(match.group(1), found):
                title, cut_end = title[: match.start()], True
                continue
            if match and match.start() > 0 and re.match(r"(?i)(also|see)\b", match.group(1)):
                found.summarise(match.group(1))  # "[also in 2.1]": a note
                title, cut_end = title[: match.start()], True
                continue
            match = re.search(r"\s*[(（]([^()（）]{1,80})[)）]$", title)
            if match and match.start() > 0 and self.apply_tag(match.group(1), found, paren=True):
                title, cut_end = title[: match.start()], True
                continue
            stated = (
                paren_venue_year(match.group(1), self.venues)
                if match and match.start() > 0
                else None
            )
            if stated and not found.data.get("year"):
                found.put("venue", stated[0])
                found.put("year", stated[1])
                title, cut_end = title[: match.start()], True  # type: ignore[union-attr]
                continue
            note = re.search(r"\s*[(（\[]([^()（）\[\]]{1,80})[)）\]]$", title)
            before = title[: note.start()] if note else ""
            if note and re.search(r"[(（][^()（）]*(?:19|20)\d{2}[^()（）]*[)）]$", before):
                found.summarise(note.group(1))  # "(VLDB 2011) (short version)": a note
                title, cut_end = before, True
                continue
            break
        if guess_venue and not found.data.get("date"):
            shorter = self.trailing_venue(title, found)
            cut_end = cut_end or shorter != title
            title = shorter
        title = re.sub(r"^[\s\])]+|[\s\[(]+$", "", title)
        if cut_end:
            title = title.rstrip(" ,;:|-–—·")
        return title.strip()

    def trailing_venue(self, title: str, found: Found) -> str:
        """Take ``, VENUE YEAR`` / ``. In VENUE'YY.`` / `` VENUE'YY`` off the end of a
        title; in the citation shape ``Title. A. Author et al. VENUE YEAR`` the authors go
        too."""
        separators = list(re.finditer(r",|;|\||\s[-–—]\s|[.?!]\s", title))
        for match in reversed(separators[-4:]):
            chunk = title[match.end() :].strip().rstrip(" .")
            chunk = re.sub(r"(?i)^in\s+(?:proc(?:eedings|\.)?\s+(?:of\s+)?)?(?:the\s+)?", "", chunk)
            if not chunk or len(chunk) > 60:
                continue
            parsed = parse_venue_year(chunk, self.venues, strict=True)
            if (
                parsed
                and parsed[0]
                and parsed[1]
                and self.agrees(parsed, found)
                and (known_venue(parsed[0], self.venues) or len(parsed[0].split()) == 1)
            ):
                found.put("venue", parsed[0])
                found.put("year", parsed[1])
                head = title[: match.start() + (match.group(0)[0] in "?!")]
                byline = re.fullmatch(
                    r"(.{8,}?[.?!])\s+([^.?!]{2,80}?\bet al\.?|(?:[A-Z][\w.'-]*\s?){1,4}(?:,\s*(?:and\s+)?(?:[A-Z][\w.'-]*\s?){1,4})+)\s*\.?",
                    head,
                )
                if byline and not found.data.get("authors"):
                    found.data["authors"] = split_authors(byline.group(2))
                    head = byline.group(1).rstrip(".")
                return head
        words = title.split()
        for count in (1, 2, 3, 4):
            if len(words) <= count:
                break
            chunk = " ".join(words[-count:])
            parsed = parse_venue_year(chunk, self.venues, strict=True)
            if not (parsed and parsed[0] and parsed[1]):
                continue
            apostrophe = re.search(r"['’`]\s*\d{2}$|['’`]\s*(?:19|20)\d{2}$|[A-Za-z]\d{2}$", chunk)
            if not self.agrees(parsed, found):
                continue
            if trusted_venue(parsed[0], self.venues) or (
                apostrophe and known_venue(parsed[0], self.venues)
            ):
                found.put("venue", parsed[0])
                found.put("year", parsed[1])
                return " ".join(words[:-count])
        return title

    def agrees(self, parsed: tuple[str | None, int | None, list[str]], found: Found) -> bool:
        """Whether a venue and year found at the end of a title fit those already read."""
        year, venue = found.data.get("year"), found.data.get("venue")
        if year and parsed[1] and year != parsed[1]:
            return False
        if venue and parsed[0]:
            return (known_venue(venue, self.venues) or venue.casefold()) == (
                known_venue(parsed[0], self.venues) or parsed[0].casefold()
            )
        return True

    # -- one line of tokens -------------------------------------------------------------------

    def prepare(self, tokens: Sequence[Token], found: Found) -> list[Token]:
        """Anchors to the id, badges to venues, in-page links to text, soft breaks to
        spaces, adjacent texts merged, blank texts dropped."""
        out: list[Token] = []
        tokens = list(tokens)
        for index, token in enumerate(tokens):
            if isinstance(token, CodeText):
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if (
                    out
                    and isinstance(out[-1], Text)
                    and out[-1].text.rstrip().endswith("(")
                    and isinstance(following, Text)
                    and following.text.lstrip().startswith(")")
                ):
                    out[-1] = Text(out[-1].text.rstrip()[:-1])  # "Title (`Nickname`)": a nickname
                    tokens[index + 1] = Text(following.text.lstrip()[1:])
                    continue
                token = Text(token.text)
            if isinstance(token, Anchor):
                name = token.name.strip().lower()
                if found.id is None and ID_RE.match(name):
                    found.id = name
                continue
            if isinstance(token, Image):
                badge = badge_venue(token.alt, token.src, self.venues)
                if badge:
                    found.put("venue", badge[0])
                    found.put("year", badge[1])
                continue
            if isinstance(token, Break) and token.soft:
                token = Text(" ")
            if isinstance(token, Link):
                found.lines.add(token.line)
                if not token.image and (not token.url or token.url.startswith("#")):
                    token = Text(token.text)  # navigation within the page
                elif not token.image and _bare(token.text, token.url):
                    token = Link(
                        token.text,
                        token.url,
                        token.line,
                        bare=True,
                        strong=token.strong,
                        literal=token.literal,
                    )
            if isinstance(token, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + token.text)
            else:
                out.append(token)
        while out and isinstance(out[-1], Break):
            out.pop()

        def blank(index: int) -> bool:
            token = out[index]
            if not isinstance(token, Text) or token.text.strip():
                return False
            neighbours = out[max(0, index - 1) : index] + out[index + 1 : index + 2]
            return not any(isinstance(t, Literal) for t in neighbours)  # "\\_a\\_ \\[b": a space

        return [t for i, t in enumerate(out) if not blank(i)]

    def take_leading(self, state: _Reading) -> None:
        """Decoration, check boxes, ``[tags]``, tag links, badges and a venue prefix before
        the title."""
        tokens = state.tokens
        while tokens:
            first = tokens[0]
            if isinstance(first, Break):
                tokens.pop(0)
                continue
            if isinstance(first, Text):
                text = first.text.lstrip() if state.literal else strip_decoration(first.text)
                if text.strip() == "[" and self.bracketed_link(state):
                    continue
                if text.startswith("["):
                    taken = self.leading_bracket(state)
                    if taken:
                        continue
                if not text.strip():
                    tokens.pop(0)
                    continue
                before_link = len(tokens) > 1 and isinstance(tokens[1], Link)
                prefix = (
                    None
                    if state.literal
                    else prefix_venue(text, self.venues, before_link=before_link)
                )
                if prefix and (prefix[2].strip() or len(tokens) > 1):
                    state.found.put("venue", prefix[0])
                    state.found.put("year", prefix[1])
                    text = strip_decoration(prefix[2])
                tokens[0] = Text(text)
                if not text.strip():
                    tokens.pop(0)
                    continue
                return
            if isinstance(first, Strong):
                prefix = prefix_venue(first.text, self.venues)
                if prefix and prefix[2].strip():  # "**18-SIGCOMM-Title**"
                    state.found.put("venue", prefix[0])
                    state.found.put("year", prefix[1])
                    tokens[0] = Strong(prefix[2].strip())
                return
            if isinstance(first, Link) and len(tokens) > 1:
                if first.image:
                    self.take_link(state.found, first, None)
                    tokens.pop(0)
                    continue
                if self.is_tag_text(first.text) and not label_of_text(first.text):
                    self.apply_tag(first.text.strip("[] "), state.found)
                    tokens.pop(0)
                    continue
            return

    def bracketed_link(self, state: _Reading) -> bool:
        """``[[OSDI'22](https://...)] Title``: a tag link in brackets before the title."""
        tokens = state.tokens
        if len(tokens) < 3 or not isinstance(tokens[1], Link) or not isinstance(tokens[2], Text):
            return False
        closing = tokens[2].text.lstrip()
        if not closing.startswith("]"):
            return False
        link = tokens[1]
        if not (self.is_tag_text(f"[{link.text}]") and self.apply_tag(link.text, state.found)):
            return False
        tokens[:3] = [Text(closing[1:])]
        return True

    def leading_bracket(self, state: _Reading) -> bool:
        """A ``[tag]`` at the start, possibly around bold text (``[**DMC**]``): taken into
        the entry (venue, date, kind, tag) or dropped as a nickname when a title follows."""
        tokens = state.tokens
        first = tokens[0]
        assert isinstance(first, Text)
        text = strip_decoration(first.text)
        inner_parts: list[str] = []
        rest = text[1:]
        index = 0
        while "]" not in rest:  # the tag goes on in bold: "[**DMC**] Title"
            inner_parts.append(rest)
            strong = tokens[index + 1] if index + 1 < len(tokens) else None
            following = tokens[index + 2] if index + 2 < len(tokens) else None
            if not isinstance(strong, Strong) or not isinstance(following, Text):
                return False
            inner_parts.append(strong.text)
            rest = following.text
            index += 2
        close = rest.find("]")
        if "[" in rest[:close]:
            return False
        inner_parts.append(rest[:close])
        remainder = rest[close + 1 :]
        inner = " ".join("".join(inner_parts).split())
        after = [Text(remainder), *tokens[index + 1 :]]
        if not plain(after) and not any(isinstance(t, Link) for t in after):
            return False  # the bracket is all there is: not a tag
        if len(inner) > 60 or not inner:
            return False
        if not self.apply_tag(inner, state.found) and re.search(r"https?://", inner):
            return False
        state.tokens[:] = after
        return True

    def read(
        self,
        tokens: Sequence[Token],
        line: int,
        *,
        default_label: str | None = None,
        guess_venue: bool = True,
        split_pipes: bool = True,
    ) -> Found:
        """An item from the inline content of a bullet, a paragraph line or a title cell;
        raises :class:`Unparsed` when there is no title. *guess_venue* allows reading an
        unmarked ``VENUE YEAR`` at the end of the title (not in tables with a venue or
        year column)."""
        found = Found({}, self.path, line)
        literal = any(
            isinstance(t, Literal) or (isinstance(t, (Strong, Link)) and t.literal) for t in tokens
        )
        state = _Reading(found, self.prepare(tokens, found), literal=literal)
        self.take_leading(state)
        if not state.tokens:
            raise Unparsed("nothing but tags")
        after = self.title(state, split_pipes=split_pipes)
        if not state.title:
            raise Unparsed("no title")
        found.data["title"] = state.title
        self.meta(after, found, default_label, literal=literal)
        if literal:  # written with escapes (as export writes): the title is as written
            title = " ".join(state.title.split())
        else:
            title = self.strip_title_tags(
                state.title, found, guess_venue=guess_venue and not state.bold
            )
        if not title:
            raise Unparsed("no title")
        found.data["title"] = title
        if state.title_url is not None:
            later = found.data.pop("links", {})
            label = state.title_label or self.title_link_label(state.title_url, found)
            self.add_link(found, label, state.title_url, state.title_line or line)
            links = found.data.setdefault("links", {})
            for label, value in later.items():
                if value in links.values():
                    continue
                if label in links:
                    label = _ALTERNATE_LABEL.get(label, label)
                if label in links:
                    self.problems.append(
                        Problem(
                            Code.IMPORT_LINK,
                            f"a second {label!r} link of {title!r} ({value}) is dropped: an entry holds one link per label",
                            self.path,
                            line,
                        )
                    )
                    continue
                links[label] = value
        if not found.data.get("links"):
            found.data.pop("links", None)
        return found

    def title(self, state: _Reading, *, split_pipes: bool) -> list[Token]:
        """Find the title among the leading tokens; the tokens after it are returned."""
        tokens = state.tokens
        first = tokens[0]
        after = tokens[1:]
        found = state.found
        if isinstance(first, Text) and after and isinstance(after[0], Link) and not after[0].image:
            label = label_of_text(first.text)
            if label and label_of_text(after[0].text) is None:  # "paper [Title](url)"
                first, after = after[0], after[1:]
                state.title_label = label
        if (
            isinstance(first, Link)
            and not first.image
            and not first.bare
            and first.text.strip()
            and label_of_text(first.text) is None
        ):
            state.title = first.text.strip()
            found.marked = True
            state.title_url, state.title_line = first.url, first.line
            after = self.title_continuation(state, after)
            return after
        if isinstance(first, Strong) and first.text.strip():
            state.title, state.bold = first.text.strip(), True
            found.marked = True
            if (
                after
                and isinstance(after[0], Text)
                and after[0].text.startswith(":")
                and len(first.text.split()) <= 3
            ):
                state.bold = False
                return self.title_continuation(state, after)
            return after
        if isinstance(first, (Text, Literal)):
            parts = [first.text]
            while after and isinstance(after[0], (Text, Literal)):
                parts.append(after.pop(0).text)  # type: ignore[union-attr]
            return self.text_title(
                state, "".join(parts), after, split_pipes=split_pipes and not state.literal
            )
        raise Unparsed("links without a title")

    def title_continuation(self, state: _Reading, after: list[Token]) -> list[Token]:
        """``[GPipe](url): Efficient Training ...``, ``[Oobleck:](url) Resilient ...``: the
        text after a short linked name (or one that ends with a colon) continues the title."""
        if not after or not isinstance(after[0], Text):
            return after
        text = after[0].text
        title = state.title
        colon_next = re.match(r"\s*[:：]\s*", text)
        if not (title.endswith((":", "：")) or colon_next):
            return after
        body = text[colon_next.end() :] if colon_next else text.lstrip()
        pieces = _TITLE_SEPARATOR.split(body, maxsplit=1)
        subtitle = pieces[0].strip()
        if not subtitle:
            return after
        words = len(title.split())
        paper = state.title_url is None or label_of_url(state.title_url) in (
            "paper",
            "pdf",
            "arxiv",
            "doi",
            "site",
        )
        if not title.endswith((":", "：")):
            if ":" in title or not paper or subtitle.startswith(title + ":"):
                return self.repeated_name(state, subtitle, after, body, pieces)
            if not self.continues(words, subtitle):
                return after
        joiner = " " if title.endswith((":", "：")) else ": "
        consumed = len(pieces[0])
        while True:  # "Meeting SLOs, Slashing Hours - Automated Enterprise LLM Optimization"
            more = _TITLE_SEPARATOR.match(body, consumed)
            if not more or "|" in more.group(0) or "｜" in more.group(0):
                break
            following = _TITLE_SEPARATOR.split(body[more.end() :], maxsplit=1)[0]
            if not _title_case(following) or self.venue_chunk(
                following.strip(" ."), Found({}, "", 0), strict=True
            ):
                break
            subtitle = f"{subtitle}{more.group(0)}{following.strip()}"
            consumed = more.end() + len(following)
        state.title = f"{title}{joiner}{subtitle}"
        rest = body[consumed:]
        return [Text(rest), *after[1:]] if rest.strip() else after[1:]

    def continues(self, words: int, subtitle: str) -> bool:
        """Whether ``[Name](url): text`` is a name and its subtitle (one title) rather than
        a title and a description. Decided by the list's own habit (:attr:`subtitles`):
        in a list of ``[Name](url): Subtitle`` bullets short names and title-cased texts
        continue the title; in a list of ``[Full title](url): comment`` bullets only a
        one- or two-word name before a title-cased text does."""
        if self.subtitles is True:
            return words <= 3 or _title_case(subtitle)
        if self.subtitles is False:
            return words <= 2 and _title_case(subtitle)
        return words == 1 or (words <= 3 and _title_case(subtitle))

    def repeated_name(
        self, state: _Reading, subtitle: str, after: list[Token], body: str, pieces: list[str]
    ) -> list[Token]:
        """``[SpargeAttention](url): SpargeAttention: Accurate ...``: the text repeats the
        name and gives the whole title."""
        if not subtitle.startswith(state.title + ":"):
            return after
        state.title = subtitle
        rest = body[len(pieces[0]) :]
        return [Text(rest), *after[1:]] if rest.strip() else after[1:]

    def text_title(
        self, state: _Reading, text: str, after: list[Token], *, split_pipes: bool
    ) -> list[Token]:
        """A title written as text: a quoted title in a citation, else the text up to a
        description separator or the first sentence."""
        found = state.found
        if state.literal:  # written with escapes (as export writes): the text is the title
            state.title = text.strip()
            return after
        quoted = _QUOTED.search(text)
        if quoted and len(quoted.group("title").split()) >= 3:
            before = text[: quoted.start()].strip(" .,")
            if not before or names_like([c for c in re.split(r",|\band\b", before) if c.strip()]):
                if before:
                    found.put("authors", split_authors(before))
                state.title = quoted.group("title").strip().rstrip(",.")
                found.marked = True
                rest = text[quoted.end() :]
                return [Text(rest), *after] if rest.strip() else after
        bracketed = re.match(r"\s*\[([^\[\]]{8,})\]", text)
        if bracketed:  # "[Title]: description" (a link that lost its target)
            text = bracketed.group(1) + text[bracketed.end() :]
        head, rest = text, ""
        if split_pipes:
            head, rest = self.split_title_text(text)
        sentences = _SENTENCE.split(head, maxsplit=1) if split_pipes else [head]
        if len(sentences) == 2 and len(sentences[0].split()) >= 2:
            tail = sentences[1]
            if not re.match(r"[a-z]", tail):
                head, rest = sentences[0], head[len(sentences[0]) :] + rest
        head = head.strip()
        if (
            split_pipes
            and re.search(r"[^.\s]{2}\.$", head)
            and not re.search(r"(?i)\b(?:al|etc|inc|ltd|co|vs|e\.g|i\.e)\.$|\.\w+\.$", head)
        ):
            head = head[:-1]  # "Title. [[Paper]](...)": the sentence ends, the title does not
        state.title = head
        return [Text(rest), *after] if rest.strip() else after

    def split_title_text(self, text: str) -> tuple[str, str]:
        """A text title up to its first ``|`` or a `` - `` that starts a description
        rather than a subtitle (``TRAINS - Auto-Magical Experiment Manager`` stays whole)."""
        for match in _TITLE_SEPARATOR.finditer(text):
            if match.start() == 0:
                continue
            following = _TITLE_SEPARATOR.split(text[match.end() :], maxsplit=1)[0]
            pipe = "|" in match.group(0) or "｜" in match.group(0)
            short = len(following.split()) <= 3 and following[:1].isupper()
            subtitle = (_title_case(following) or short) and not parse_venue_year(
                following.strip(" ."), self.venues, strict=True
            )
            if pipe or not subtitle:
                return text[: match.start()], text[match.start() :]
        return text, ""

    # -- after the title ----------------------------------------------------------------------

    def meta(
        self, tokens: list[Token], found: Found, default_label: str | None, *, literal: bool = False
    ) -> None:
        """The links and text after a title: labelled links, venue tags, badges, and text
        giving authors, venue and year, affiliations or a description."""
        texts: list[str] = []
        for token in tokens:
            if isinstance(token, Link):
                label = default_label
                named = (
                    re.search(r"(?:^|[\s\-–—|,;(\[]+)([^\W\d][\w .]{0,20}?)\s*[:：]\s*$", texts[-1])
                    if texts
                    else None
                )
                if named and (label_of_text(named.group(1)) or len(named.group(1).split()) <= 2):
                    texts[-1] = texts[-1][: named.start(1)]  # "Notes: [zhihu](url)"
                    label = label_of_text(named.group(1)) or label
                self.take_link(found, token, label)
                texts.append("\0")
            elif isinstance(token, (Text, Strong)):
                texts.append(token.text.replace("|", "\n") if literal else token.text)
            elif isinstance(token, Literal):
                texts.append(_hold(token.text))
            elif isinstance(token, Break):
                texts.append("\n")
        text = "".join(texts)
        for piece in re.split(r"\n", text):
            self.meta_text(piece, found, literal=literal)
        if literal:
            _release(found.data)

    def meta_text(
        self, text: str, found: Found, *, sub: bool = False, literal: bool = False
    ) -> None:
        """Authors, venue and year, affiliations and a description from free text."""
        text = text.replace("\0", " ")
        text = re.sub(r"\[\s*\]|\(\s*[,;\s]*\)", " ", text)
        text = " ".join(text.split())
        if not text.strip(" ,;|·•-–—:[]()"):
            return
        text = self.hashtags(text, found)
        accepted = accepted_venue(text, self.venues)
        if accepted:
            found.put("venue", accepted[0])
            found.put("year", accepted[1])
            text = (text[: accepted[2]] + " " + text[accepted[3] :]).strip()
            text = re.sub(r"[,;]\s*$|^\s*[,;]", "", text.strip())
        if literal:  # escaped brackets are text: only a leading "(VENUE YEAR)" is a tag
            lead = re.match(r"\s*\(([^()]{1,80})\)", text)
            if lead and self.apply_tag(lead.group(1), found, paren=True, loose=True):
                text = text[lead.end() :]
        else:
            text = self.brackets_anywhere(text, found)
        body = " ".join(text.split()).strip(" ,;·•")
        if not body.strip(" .|"):
            return
        pieces = [body] if literal else [p.strip() for p in re.split(r"\s*[|｜]\s*", body)]
        for index, piece in enumerate(pieces):
            if not piece:
                continue
            lead = re.match(r"^[-–—:：]+\s*", piece)
            if lead:
                if literal:
                    found.summarise(piece[lead.end() :])
                else:
                    self.described(piece[lead.end() :], found, dash=":" not in lead.group(0))
                continue
            if index > 0 or len(pieces) > 1:
                if self.venue_chunk(piece, found, strict=False):
                    continue
                if org_shaped(piece) and (
                    not names_like(piece.split(",")[:1]) or (index == len(pieces) - 1 and index > 0)
                ):
                    found.affiliate(affiliation_list(piece))
                    continue
            self.meta_piece(piece, found, sub=sub, literal=literal)

    def described(self, text: str, found: Found, *, dash: bool) -> None:
        """The text after ``:`` or `` - `` behind a title: a venue, an institution
        (``- DeepSeek``) or a description."""
        text = text.strip()
        if self.venue_chunk(text, found, strict=True):
            return
        if dash and org_shaped(text) and len(text.split()) <= 4:
            found.affiliate(affiliation_list(text))
            return
        found.summarise(text)

    def hashtags(self, text: str, found: Found) -> str:
        """Trailing ``#tag #other`` words become tags."""
        match = re.search(r"(?:(?:^|\s)#[a-z0-9][a-z0-9._-]*)+\s*$", text)
        if not match:
            return text
        for word in match.group(0).split():
            found.tag(word[1:].rstrip("._-"))
        return text[: match.start()]

    def brackets_anywhere(self, text: str, found: Found) -> str:
        """Take every ``[tag]``, ``(VENUE YEAR)`` and ``(@Org)`` out of *text*."""

        def take(match: re.Match[str]) -> str:
            inner = (match.group(1) if match.group(1) is not None else match.group(2)).strip(" ,;")
            paren = match.group(0).startswith(("(", "（"))
            first = not text[: match.start()].strip(" :-–—,")  # right after the title
            if self.apply_tag(inner, found, paren=paren, loose=paren and first):
                return " "
            head, _, rest = inner.partition(",")
            if paren and rest and self.apply_tag(head, found, paren=True, loose=first):
                for word in rest.split(","):  # "(CVPR'19, oral)"
                    if fold(word) in TAG_WORDS:
                        found.tag(word.strip())
                    elif word.strip():
                        found.summarise(word)
                return " "
            return match.group(0)

        return re.sub(r"\[([^\[\]]{1,80})\]|[(（]([^()（）]{1,80})[)）]", take, text)

    def meta_piece(self, text: str, found: Found, *, sub: bool, literal: bool = False) -> None:
        """One separator-free piece of text after a title."""
        kept = text.strip(" ,;|·•")
        body = kept.strip(" .")
        if not body:
            return
        split = re.split(r"\s[-–—]\s", body, maxsplit=1)
        if len(split) == 2:
            self.meta_piece(split[0], found, sub=sub, literal=literal)
            found.summarise(re.split(r"\s[-–—]\s", kept, maxsplit=1)[-1])
            return
        by = re.match(r"(?i)by\s+(.*)$", body)
        if by:
            separator = ";" if ";" in by.group(1) else ","
            chunks = [c.strip() for c in by.group(1).split(separator) if c.strip()]
            if len(chunks) > 1 and self.venue_chunk(chunks[-1], found):
                chunks.pop()
            if literal:
                found.put("authors", _escaped_names(by.group(1)))
                return
            if names_like(chunks):
                found.put("authors", split_authors(f"{separator} ".join(chunks)))
                return
        citation = re.match(
            r"(?i)^(?:in\s+(?:proc(?:eedings|\.)?\b|the\s|\d{4}\s|[A-Z])|.*\bpreprint\b|.*\bproceedings\b)",
            body,
        )
        if sub and citation and not found.data.get("venue"):
            venue, year = find_venue_year(body, self.venues)
            if venue or (year and re.search(r"(?i)\bin\b|preprint|proceedings|journal", body)):
                found.put("venue", venue)
                found.put("year", year)
                return
        chunks = [c.strip() for c in re.split(r"[,;]", body) if c.strip()]
        if chunks and ". " in chunks[-1]:  # "B. Author. ICML 2023": the venue is the last sentence
            head, _, last = chunks[-1].rpartition(". ")
            chunks[-1:] = [head, last]
        if chunks and self.venue_chunk(
            chunks[-1], found, strict=not sub and not text.lstrip().startswith((",", "|", "."))
        ):
            chunks.pop()
        if not chunks:
            return
        rest = ", ".join(chunks)
        if kept.endswith(".") and rest == body:
            rest = kept
        has_venue = bool(found.data.get("venue") or found.data.get("year"))
        if (
            names_like(chunks)
            and (has_venue or sub or "et al" in rest)
            and not found.data.get("authors")
        ):
            found.put("authors", split_authors(rest))
        elif sub and re.match(r"(?i)summary\s*:", rest):
            found.summarise(rest.split(":", 1)[1])
        else:
            found.summarise(rest)

    def venue_chunk(self, chunk: str, found: Found, *, strict: bool = False) -> bool:
        chunk = re.sub(r"(?i)^in\s+", "", chunk.rstrip(" .").strip("*_ "))
        parsed = parse_venue_year(chunk, self.venues, strict=strict, allow_suffix=True)
        if parsed is None:
            return False
        venue, year, suffix = parsed
        if suffix and not (venue and known_venue(venue, self.venues)):
            return False
        for word in suffix:
            found.tag(word)
        if venue and not known_venue(venue, self.venues) and not year:
            return False
        found.put("venue", venue)
        found.put("year", year)
        return True

    # -- nested metadata ----------------------------------------------------------------------

    def sub_meta(self, tokens: Sequence[Token], parent: Found) -> None:
        """A nested bullet without a title of its own: authors, venue, links or a
        description of its parent (``  - Xiao, Wencong, et al. (*OSDI 2018*)``)."""
        parent.lines.update(t.line for t in tokens if isinstance(t, Link))
        texts: list[str] = []
        for token in self.prepare(tokens, parent):
            if isinstance(token, Link):
                self.take_link(parent, token, None)
                texts.append(" ")
            elif isinstance(token, (Text, Strong)):
                texts.append(token.text)
            elif isinstance(token, Break):
                texts.append("\n")
        for piece in "".join(texts).split("\n"):
            self.meta_text(strip_decoration(piece), parent, sub=True)

    # -- table rows ---------------------------------------------------------------------------

    def read_row(
        self, cells: Sequence[Sequence[Token]], roles: Sequence[tuple[str, str | None]], line: int
    ) -> Found | None:
        """An item from one table row; ``None`` for placeholder and empty rows."""
        title_column = next((i for i, (role, _) in enumerate(roles) if role == "title"), 0)
        title_tokens = list(cells[title_column]) if title_column < len(cells) else []
        other_links = any(
            isinstance(t, Link) and not t.image and t.url and not t.url.startswith("#")
            for i, cell in enumerate(cells)
            if i != title_column
            for t in cell
        )
        title_text = plain(title_tokens)
        has_title_link = any(
            isinstance(t, Link) and not t.image and t.text.strip() for t in title_tokens
        )
        if not title_text.strip() or (is_placeholder(title_text) and not has_title_link):
            if other_links:
                raise Unparsed("row has links but no title")
            return None
        single = len(cells) == 1 and len(roles) > 1
        if single and len(title_text) < 3 and not has_title_link:
            return None  # a spanning row such as "-" or "…"
        dated = any(role in ("venue", "year") for role, _ in roles)
        found = self.read(title_tokens, line, guess_venue=not dated, split_pipes=False)
        for index, cell in enumerate(cells):
            if index != title_column:
                role, default = roles[index] if index < len(roles) else ("other", None)
                self.read_cell(found, role, default, list(cell), line)
        if not found.data.get("links"):
            found.data.pop("links", None)
        return found

    def read_cell(
        self, found: Found, role: str, default: str | None, cell: list[Token], line: int
    ) -> None:
        text = plain(cell).strip()
        for token in cell:
            if isinstance(token, Anchor) and found.id is None and ID_RE.match(token.name.lower()):
                found.id = token.name.lower()
            elif isinstance(token, Image):
                badge = badge_venue(token.alt, token.src, self.venues)
                if badge:
                    found.put("venue", badge[0])
                    found.put("year", badge[1])
        links = [t for t in cell if isinstance(t, Link)]
        for link in links:
            found.lines.add(link.line)
            if role == "venue" and link.text.strip() and not link.image:
                continue
            self.take_link(found, link, default)
        if not text or is_placeholder(text):
            return
        if role == "venue":
            self.venue_cell(text, found)
        elif role == "year":
            date = parse_date(text)
            if date:
                found.put("date", date)
            elif re.fullmatch(r"(?:19|20)\d{2}", text):
                found.put("year", int(text))
            elif not self.apply_tag(text, found):
                found.put("year", find_venue_year(text, self.venues)[1])
        elif role == "authors":  # an escaped comma ("Zheng\\, Lianmin") stays in a name
            literal = any(isinstance(t, Literal) for t in cell)
            held = "".join(
                _hold(t.text)
                if isinstance(t, Literal)
                else t.text
                if isinstance(t, (Text, Strong, CodeText))
                else plain([t])
                for t in cell
            )
            names = {"authors": _escaped_names(held) if literal else split_authors(held)}
            _release(names)
            found.put("authors", names["authors"])
        elif role == "affiliation":
            found.affiliate(affiliation_list(text))
        elif role == "summary":
            found.summarise(text, cleaned=False)  # a cell is all description
        elif role == "tags":
            for word in re.split(r"[,;/]|\s{2,}", text):
                found.tag(word.strip(" `#"))
        elif role == "kind":
            found.put("kind", kind_of_tag(text))

    def venue_cell(self, text: str, found: Found) -> None:
        """``OSDI'22``, ``SOSP 2023``, ``IEEE ICDCS 2026 official program``, ``Jan,2024``."""
        parsed = parse_venue_year(text, self.venues, allow_suffix=True)
        if parsed is None or (parsed[0] and not known_venue(parsed[0], self.venues)):
            venue, year = find_venue_year(text, self.venues)
            if venue:
                found.put("venue", venue)
                found.put("year", year or (parsed[1] if parsed else None))
                return
        if self.apply_tag(text, found):
            return
        date = parse_date(text) or parse_date(text.replace(",", " "))
        if date:
            found.put("date", date)
            return
        venue, year = find_venue_year(text, self.venues)
        if venue or year:
            found.put("venue", venue)
            found.put("year", year)
        elif len(text) <= 60:
            found.put("venue", text)


#: Header words -> (role, default link label).
_TITLE_STRONG = (
    "title",
    "name",
    "paper title",
    "paper name",
    "project name",
    "title & authors",
    "title and authors",
    "论文",
    "论文名称",
    "标题",
    "题目",
    "名称",
)
_TITLE_WEAK = (
    "paper",
    "papers",
    "paper / post",
    "paper / posts",
    "paper/post",
    "paper/posts",
    "work",
    "article",
    "project",
    "system",
    "model",
    "method",
    "post",
    "posts",
    "resource",
    "item",
    "entry",
    "framework",
    "tool",
    "library",
    "engine",
    "repo",
    "repository",
    "publication",
    "survey",
)
_LINK_WORDS = (
    "source",
    "sources",
    "link",
    "links",
    "resources",
    "materials",
    "url",
    "urls",
    "ref",
    "refs",
    "reference",
    "references",
    "download",
    "paper link",
    "链接",
    "资源",
)
_VENUE_WORDS = (
    "venue",
    "conference",
    "conf",
    "conf.",
    "published",
    "publication venue",
    "published in",
    "journal",
    "where",
    "proceedings",
    "venue / year",
    "venue/year",
    "conference / year",
    "conference/year",
    "pub.",
    "pub",
    "pub. & date",
    "pub & date",
    "publish",
    "conference/journal",
    "venue & year",
    "会议",
    "会议/期刊",
    "期刊",
    "发表",
    "来源",
)
_YEAR_WORDS = (
    "year",
    "date",
    "time",
    "when",
    "published date",
    "release",
    "released",
    "release date",
    "年份",
    "时间",
    "日期",
)
_AUTHOR_WORDS = ("author", "authors", "by", "team", "people", "作者")
_AFFILIATION_WORDS = (
    "affiliation",
    "affiliations",
    "institution",
    "institutions",
    "org",
    "organization",
    "organisation",
    "company",
    "lab",
    "institute",
    "单位",
    "机构",
)
_SUMMARY_WORDS = (
    "description",
    "summary",
    "notes",
    "note",
    "comment",
    "comments",
    "tl;dr",
    "tldr",
    "abstract",
    "remarks",
    "remark",
    "highlights",
    "highlight",
    "about",
    "contribution",
    "key idea",
    "idea",
    "keynote",
    "introduction",
    "intro",
    "brief",
    "简介",
    "摘要",
    "描述",
    "备注",
    "说明",
)
_TAG_WORDS = ("tags", "tag", "keywords", "keyword", "topics", "topic", "category", "标签", "关键词")
_KIND_WORDS = ("type", "kind")


#: Words inside Chinese column names, in the order they are tried (单位 before 作者).
_CJK_ROLES = (
    ("单位", "affiliation"),
    ("机构", "affiliation"),
    ("会议", "venue"),
    ("期刊", "venue"),
    ("发表", "venue"),
    ("作者", "authors"),
    ("总结", "summary"),
    ("简介", "summary"),
    ("摘要", "summary"),
    ("描述", "summary"),
    ("说明", "summary"),
    ("备注", "summary"),
    ("题目", "title"),
    ("论文", "title"),
    ("标题", "title"),
    ("名称", "title"),
    ("年份", "year"),
    ("日期", "year"),
    ("时间", "year"),
    ("链接", "links"),
    ("标签", "tags"),
)


def _cjk_role(name: str) -> str | None:
    return next((role for word, role in _CJK_ROLES if word in name), None)


def column_roles(header: Sequence[str]) -> list[tuple[str, str | None]]:
    """The role of each column from its header text: ``title``, ``links`` (with a default
    link label), ``venue``, ``year``, ``authors``, ``affiliation``, ``summary``, ``tags``,
    ``kind`` or ``other`` (whose links are still read)."""
    folded = [" ".join(re.sub(r"[^\w/;.& ]+", " ", h.casefold()).split()) for h in header]
    roles: list[tuple[str, str | None]] = [("other", None)] * len(folded)
    title = next((i for i, h in enumerate(folded) if h in _TITLE_STRONG), None)
    if title is None:
        title = next((i for i, h in enumerate(folded) if h in _TITLE_WEAK), None)
    if title is None:
        title = next((i for i, h in enumerate(folded) if _cjk_role(h) == "title"), None)
    table = (
        (_VENUE_WORDS, "venue"),
        (_YEAR_WORDS, "year"),
        (_AUTHOR_WORDS, "authors"),
        (_AFFILIATION_WORDS, "affiliation"),
        (_SUMMARY_WORDS, "summary"),
        (_TAG_WORDS, "tags"),
        (_KIND_WORDS, "kind"),
    )
    for index, name in enumerate(folded):
        if index == title:
            roles[index] = ("title", None)
            continue
        role = next((r for words, r in table if name in words), None) or _cjk_role(name)
        if role:
            roles[index] = (role, None)
        elif label_of_text(name):
            roles[index] = ("links", label_of_text(name))
        elif name in _LINK_WORDS:
            roles[index] = ("links", None)
    if title is None:
        first_free = next((i for i, (role, _) in enumerate(roles) if role == "other"), None)
        if first_free is not None:
            roles[first_free] = ("title", None)
    return roles


def header_like(cells: Sequence[str]) -> bool:
    """Whether a first row written with ``<td>`` names the columns (every cell but one is
    a known column name)."""
    folded = [" ".join(re.sub(r"[^\w/;.& ]+", " ", c.casefold()).split()) for c in cells]
    words = (
        *_TITLE_STRONG,
        *_TITLE_WEAK,
        *_LINK_WORDS,
        *_VENUE_WORDS,
        *_YEAR_WORDS,
        *_AUTHOR_WORDS,
        *_AFFILIATION_WORDS,
        *_SUMMARY_WORDS,
        *_TAG_WORDS,
        *_KIND_WORDS,
    )
    named = sum(1 for name in folded if name in words or label_of_text(name))
    titled = any(name in _TITLE_STRONG or name in _TITLE_WEAK for name in folded)
    return len(cells) > 1 and titled and named >= len(cells) - 1


def subtitle_habit(lines: Sequence[Sequence[Token]]) -> bool | None:
    """How a list uses ``[link](url): text``: mostly short names before the colon (a name
    and its subtitle: True), mostly long titles (a title and a comment: False), or too
    few such lines to tell (None)."""
    sizes: list[int] = []
    for tokens in lines:
        shown = [t for t in tokens if not (isinstance(t, Text) and not strip_decoration(t.text))]
        if len(shown) < 2 or not isinstance(shown[0], Link) or shown[0].image:
            continue
        following = shown[1]
        if isinstance(following, Text) and re.match(r"\s*[:：]\s*\w", following.text):
            sizes.append(len(shown[0].text.split()))
    if len(sizes) < 5:
        return None
    short = sum(size <= 3 for size in sizes)
    if short >= 0.6 * len(sizes):
        return True
    if short <= 0.25 * len(sizes):
        return False
    return None


def title_as_read(title: str, venues: VenueList) -> str:
    """What import keeps of *title* written as a bullet's plain text: leading and trailing
    tags and a trailing venue are taken off (the markdown exporter guards against it)."""
    return ItemReader("", venues, []).strip_title_tags(title, Found({}, "", 0))

"""Links and bracketed tags of an item: labelled links (``[pdf]``, a badge), and tags that
give a venue and year, a date, a kind or an affiliation (``[OSDI'22]``, ``[Blog]``,
``(@NVIDIA)``, ``[NAIC @ SIGCOMM'25]``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from ...entries import ID_RE, link_url
from ...problems import Code, Problem
from ...venues import VenueList
from ..readme_data import decode
from .decorations import (
    affiliation_list,
    badge_venue,
    find_venue_year,
    kind_of_tag,
    known_venue,
    label_of_text,
    label_of_url,
    parse_date,
    parse_venue_year,
    tag_of_text,
    venue_shaped,
)
from .document import Anchor, Break, CodeText, Image, Link, Literal, Text, Token
from .found import Found, bare

ALTERNATE_LABEL = {
    "paper": "pdf",
    "pdf": "paper",
    "code": "repo",
    "repo": "code",
    "site": "project",
    "project": "site",
    "post": "site",
    "arxiv": "paper",
}


def _names_a_paper(url: str) -> bool:
    """Whether a link given a venue or date as its text points at the paper itself (an
    arXiv page, a PDF, a DOI, a deep proceedings path) rather than at the venue."""
    if label_of_url(url) in ("arxiv", "pdf", "doi"):
        return True
    path = urlsplit(url).path if url.lower().startswith(("http://", "https://")) else ""
    return len([part for part in path.split("/") if part]) >= 3


class TagReader:
    """Reads the links and tags of one file's items, collecting the problems of single
    links."""

    def __init__(self, path: str, venues: VenueList, problems: list[Problem]) -> None:
        self.path = path
        self.venues = venues
        self.problems = problems
        #: Whether this list writes ``[Name](url): Subtitle`` (True), ``[Title](url):
        #: comment`` (False) or neither often enough to tell (None); see :func:`subtitle_habit`.
        self.subtitles: bool | None = None

    # -- links --

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
            alternate = ALTERNATE_LABEL.get(label)
            if alternate and alternate not in links:
                label = alternate
            else:
                self.problems.append(
                    Problem(
                        Code.IMPORT_LINK,
                        f"a second {label!r} link of {title!r} ({url}) is dropped: an entry holds "
                        f"one link per label",
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
        elif (self.is_tag_text(link.text) or parse_date(link.text)) and not label_of_text(
            link.text
        ):
            self.apply_tag(
                link.text.strip("[] "), found
            )  # "[[NeurIPS 2022]](paper)", "[Aug 2023](paper)"
            if not _names_a_paper(link.url):
                return  # "[[OSDI'22](https://www.usenix.org/conference/osdi22)]": the venue's page
        self.add_link(found, self.link_label(link, default), link.url, link.line)

    # -- tags --

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

    # -- a line's tokens --

    def take_anchor(self, token: Anchor, found: Found) -> None:
        """The item's id from its first anchor, and the entry data the anchor carries."""
        name = token.name.strip().lower()
        if found.id is not None or not ID_RE.match(name):
            return
        found.id = name
        if token.data is not None:
            found.hidden, complaints = decode(token.data)
            for message in complaints:
                self.problems.append(Problem(Code.UNPARSED, message, self.path, found.line))

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
                self.take_anchor(token, found)
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
                elif not token.image and bare(token.text, token.url):
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

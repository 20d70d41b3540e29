"""Reading one bullet or one table row into an :class:`~.model.Item`.

Bullet shapes understood (and their mixtures)::

    - [OSDI'22] [Alpa: Automating ...](https://...)           tag, linked title
    - [Alpa: Automating ...](https://...) - description        linked title, description
    - Alpa: Automating ... [[pdf]](https://...) [[code]](...)  plain title, labelled links
    - **Alpa: Automating ...** by L. Zheng et al., OSDI 2022   bold title, authors, venue
    - **Alpa** (OSDI 2022) by L. Zheng · [Paper](...) — text   what ``export`` writes

Table rows are read column by column after :func:`column_roles` names each column from its
header text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...entries import ID_RE, link_url, slugify
from ...problems import Code, Problem
from ...venues import VenueList
from .model import Anchor, Item, Link, Strong, Text, Token, Unparsed, plain
from .tags import (
    kind_of_tag,
    label_of_text,
    label_of_url,
    parse_date,
    parse_venue_year,
    venue_shaped,
)

_PLACEHOLDER = re.compile(
    r"(?i)(todo|tbd|tba|wip|coming soon|n/?a|none|to be (?:added|continued)|-+|…|\.{2,}|—)\W*"
)
_ALTERNATE_LABEL = {"paper": "pdf", "pdf": "paper", "code": "repo", "repo": "code", "site": "project", "project": "site", "post": "site"}  # fmt: skip
_NAME_PARTICLES = frozenset(["van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "della", "dos", "das", "bin", "al.", "al", "et"])  # fmt: skip


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.fullmatch(text.strip()))


class ItemReader:
    """Reads items of one file, collecting the problems of single links."""

    def __init__(self, path: str, venues: VenueList, problems: list[Problem]) -> None:
        self.path = path
        self.venues = venues
        self.problems = problems

    # -- links --------------------------------------------------------------------------------

    def add_link(self, item: Item, label: str, url: str, line: int) -> None:
        url = url.strip()
        if not url or url.startswith("#"):
            return  # a link within the page, such as a table of contents
        if link_url(label, url) is None or not url.lower().startswith(("http://", "https://")):
            self.problems.append(
                Problem(
                    Code.IMPORT_LINK,
                    f"link {url!r} of {item.title or 'an entry'!r} is not an absolute http(s) URL; it is dropped",
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
        if label in item.links:
            if item.links[label] == value:
                return
            alternate = _ALTERNATE_LABEL.get(label)
            if alternate and alternate not in item.links:
                label = alternate
            else:
                self.problems.append(
                    Problem(
                        Code.IMPORT_LINK,
                        f"a second {label!r} link of {item.title!r} ({url}) is dropped: an entry holds one link per label",
                        self.path,
                        line,
                    )
                )
                return
        item.links[label] = value

    def _title_link_label(self, url: str, item: Item) -> str:
        """The label of a linked title: from the URL, but a generic page of a post, site,
        repo or video entry (or of a dated item without a venue) is that kind's link."""
        label = label_of_url(url)
        if label == "paper":
            by_kind = {"post": "post", "site": "site", "repo": "repo", "video": "video", "talk": "video"}  # fmt: skip
            label = by_kind.get(
                item.kind or "", "post" if item.date and not item.venue else "paper"
            )
        return label

    def link_label(self, link: Link, default: str | None) -> str:
        label = None if (link.image or link.bare) else label_of_text(link.text)
        return label or default or label_of_url(link.url)

    # -- tags ---------------------------------------------------------------------------------

    def apply_tag(self, text: str, item: Item, *, paren: bool = False, loose: bool = False) -> bool:
        """Take a bracketed tag (date, kind, venue/year) into *item*; False when it is none."""
        text = " ".join(text.split())
        if not text:
            return False
        venue_prefix = re.fullmatch(r"(?i)venue:\s*(.+)", text)
        if venue_prefix:
            parsed = parse_venue_year(venue_prefix.group(1), self.venues, strict=False)
            venue, year = (parsed[0], parsed[1]) if parsed else (venue_prefix.group(1).strip(), None)  # fmt: skip
            item.venue = item.venue or venue
            item.year = item.year or year
            return True
        date = parse_date(text)
        if date:
            item.date = item.date or date
            return True
        if not paren:
            kind = kind_of_tag(text)
            if kind:
                item.kind = item.kind or kind
                return True
        parsed = parse_venue_year(text, self.venues, strict=paren and not loose, allow_suffix=not paren)  # fmt: skip
        if parsed is None and loose and venue_shaped(text, self.venues, strict=True):
            parsed = (text, None, [])
        if parsed is None:
            return False
        venue, year, suffix = parsed
        if venue and not item.venue:
            item.venue = venue
        if year and not item.year:
            item.year = year
        for word in suffix:
            slug = slugify(word)
            if slug and slug not in item.tags:
                item.tags.append(slug)
        return True

    def strip_title_tags(self, title: str, item: Item, *, guess_venue: bool = True) -> str:
        """Take leading/trailing ``[tags]``, a trailing ``(VENUE YEAR)`` and (with
        *guess_venue*) a trailing ``, VENUE YEAR`` out of a title."""
        title = re.sub(r"^[\s\])]+|[\s\[(]+$", "", " ".join(title.split()))
        cut_end = False
        while True:
            match = re.match(r"\[([^\[\]]{1,60})\]\s*", title)
            if match and self.apply_tag(match.group(1), item):
                title = title[match.end() :]
                continue
            match = re.search(r"\s*\[([^\[\]]{1,60})\]$", title)
            if match and self.apply_tag(match.group(1), item):
                title, cut_end = title[: match.start()], True
                continue
            match = re.search(r"\s*\(([^()]{1,60})\)$", title)
            if match and self.apply_tag(match.group(1), item, paren=True):
                title, cut_end = title[: match.start()], True
                continue
            break
        if guess_venue and item.year is None and item.date is None:
            shorter = self._trailing_venue(title, item)
            cut_end = cut_end or shorter != title
            title = shorter
        title = re.sub(r"^[\s\])]+|[\s\[(]+$", "", title)
        if cut_end:
            title = title.rstrip(" ,;:|-–—·")
        return title.strip()

    def _trailing_venue(self, title: str, item: Item) -> str:
        """Take ``, VENUE YEAR`` / ``. VENUE YEAR.`` off the end of a title; in the citation
        shape ``Title. A. Author et al. VENUE YEAR`` the authors go too."""
        separators = list(re.finditer(r",|;|\||\s[-–—]\s|\.\s", title))
        for match in reversed(separators[-4:]):
            chunk = title[match.end() :].strip().rstrip(" .")
            if not chunk or len(chunk) > 60:
                continue
            parsed = parse_venue_year(chunk, self.venues, strict=True)
            if parsed and parsed[0] and parsed[1]:
                item.venue, item.year = item.venue or parsed[0], parsed[1]
                head = title[: match.start()]
                byline = re.fullmatch(r"(.{8,}?[.?!])\s+([^.?!]{2,80}?\bet al\.?|(?:[A-Z][\w.'-]*\s?){1,4}(?:,\s*(?:and\s+)?(?:[A-Z][\w.'-]*\s?){1,4})+)\s*\.?", head)  # fmt: skip
                if byline and not item.authors:
                    item.authors = split_authors(byline.group(2))
                    head = byline.group(1).rstrip(".")
                return head
        words = title.split()
        for count in (1, 2, 3, 4):
            if len(words) <= count:
                break
            parsed = parse_venue_year(" ".join(words[-count:]), self.venues, strict=True)
            if parsed and parsed[0] and parsed[1] and self.venues.normalise(parsed[0]):
                item.venue, item.year = item.venue or parsed[0], parsed[1]
                return " ".join(words[:-count])
        return title

    def strip_tags_anywhere(self, text: str, item: Item) -> str:
        """Take every ``[tag]`` and ``(VENUE YEAR)`` out of *text*."""

        def take(match: re.Match[str]) -> str:
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            paren = match.group(0).startswith("(")
            return " " if self.apply_tag(inner, item, paren=paren) else match.group(0)

        return re.sub(r"\[([^\[\]]{1,60})\]|\(([^()]{1,60})\)", take, text)

    # -- bullets ------------------------------------------------------------------------------

    def item_from_tokens(
        self,
        tokens: Sequence[Token],
        line: int,
        *,
        default_label: str | None = None,
        guess_venue: bool = True,
    ) -> Item:
        """An item from the inline content of a bullet or a title cell; raises
        :class:`Unparsed` when there is no title. *guess_venue* allows reading an unmarked
        ``VENUE YEAR`` at the end of the title (not for bold titles, nor in tables with a
        venue or year column)."""
        item = Item(title="", path=self.path, line=line)
        rest: list[Token] = []
        for token in tokens:
            if isinstance(token, Link) and token.url.strip().startswith("#"):
                token = Text(token.text)  # a link within the page: navigation, not a source
            if isinstance(token, Anchor):
                name = token.name.strip().lower()
                if item.explicit_id is None and ID_RE.match(name):
                    item.explicit_id = name
            elif isinstance(token, Link) and not token.image and not token.bare and label_of_text(token.text) is None and token.text.strip() and self._is_tag_text(token.text):  # fmt: skip
                self.apply_tag(token.text.strip("[] "), item)  # [[OSDI'22]](proceedings)
            else:
                rest.append(token)
        rest = _merge_text(rest)

        # leading tags and decoration
        if rest and isinstance(rest[0], Text):
            text = _strip_leading_symbols(rest[0].text)
            while True:
                match = re.match(r"\[([^\[\]]{1,60})\]\s*", text)
                if not (match and self.apply_tag(match.group(1), item)):
                    break
                text = _strip_leading_symbols(text[match.end() :])
            if text.strip():
                rest[0] = Text(text)
            else:
                rest.pop(0)

        if not rest:
            raise Unparsed("nothing but tags")
        first = rest[0]
        after = rest[1:]
        if isinstance(first, Strong) and first.text.strip():
            title, item.title_is_marked = first.text, True
            if after and isinstance(after[0], Text) and after[0].text.startswith(":") and len(first.text.split()) <= 3:  # fmt: skip
                # "**Orca**: A Distributed Serving System ..." - the name is part of the title
                title, authors = _split_byline(f"{first.text}{after[0].text}")
                after = after[1:]
                if authors:
                    venue_part = authors[-1]
                    if len(authors) > 1 and self._venue_chunk(venue_part, item):
                        authors = authors[:-1]
                    item.authors = split_authors(", ".join(authors))
        elif (
            isinstance(first, Link)
            and not first.image
            and not first.bare
            and first.text.strip()
            and label_of_text(first.text) is None
        ):
            title, item.title_is_marked = first.text, True
            item.title = first.text
            label = default_label or self._title_link_label(first.url, item)
            self.add_link(item, label, first.url, line)
            if after and isinstance(after[0], Text) and re.match(r":\s*\w", after[0].text) and len(first.text.split()) <= 3:  # fmt: skip
                # "[GPipe](url): Efficient Training of ..." - the name starts the title
                title = f"{first.text}{after[0].text}"
                after = after[1:]
        elif isinstance(first, Text):
            title = first.text
            quoted = re.fullmatch(r"\s*[\"“](.{4,}?)[\"”][,.](?:\s+(.*))?", title, flags=re.S)
            if quoted:  # "Title in quotes", A. Author, B. Author. VENUE YEAR.
                title = quoted.group(1)
                rest_text = (quoted.group(2) or "").strip()
                after = [Text(", " + rest_text), *after] if rest_text else after
                item.title_is_marked = True
        else:
            raise Unparsed("links without a title")

        meta: list[str] = []
        trailing: list[str] = []
        seen_link = False
        for token in after:
            if isinstance(token, Link):
                item.title = item.title or title
                self.add_link(item, self.link_label(token, default_label), token.url, line)
                if seen_link and _has_words(" ".join(trailing)):
                    meta.extend(trailing)  # words between two links
                trailing, seen_link = [], True
            elif isinstance(token, (Text, Strong)):
                (trailing if seen_link else meta).append(token.text)

        bold_only = (
            isinstance(first, Strong) and title == first.text
        )  # "**Title**" says where it ends
        title = self.strip_title_tags(title, item, guess_venue=guess_venue and not bold_only)
        if not title:
            raise Unparsed("no title")
        item.title = title
        meta_text = " ".join(meta)
        if not seen_link:
            meta_text = self._take_hashtags(meta_text, item)
        self._read_meta(meta_text, item)
        tail = self._take_hashtags(" ".join(trailing), item)
        tail = clean_fragment(self.strip_tags_anywhere(tail, item))
        if tail and not (item.venue or item.year) and self._venue_chunk(tail, item, strict=True):
            tail = ""  # "[Title](url) | [Code](url) | ICLR'24"
        if _has_words(tail):
            item.summary = f"{item.summary} {tail}".strip() if item.summary else tail
        return item

    def _take_hashtags(self, text: str, item: Item) -> str:
        """Trailing ``#tag #other`` words become tags."""
        match = re.search(r"(?:(?:^|\s)#[a-z0-9][a-z0-9._-]*)+\s*$", text)
        if not match:
            return text
        for word in match.group(0).split():
            tag = word[1:].rstrip("._-")
            if tag and tag not in item.tags:
                item.tags.append(tag)
        return text[: match.start()]

    def _is_tag_text(self, text: str) -> bool:
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
        return bracketed or (parsed[0] is not None and self.venues.normalise(parsed[0]) is not None)

    def _read_meta(self, text: str, item: Item) -> None:
        """The text between a title and its links: authors, venue/year or a description."""
        text = " ".join(text.split())
        if not text:
            return
        if item.title_is_marked:
            match = re.match(r"\s*\(([^()]{1,60})\)", text)
            if match and self.apply_tag(match.group(1), item, paren=True, loose=True):
                text = text[match.end() :]
        text = self.strip_tags_anywhere(text, item)
        text = " ".join(text.split())
        body = text.strip(" ,;|·•")
        if not body.strip(" ."):
            return
        if re.match(r"^\s*[-–—:]", text):
            item.summary = clean_fragment(body)
            return
        split = re.split(r"\s[-–—]\s", body, maxsplit=1)
        if len(split) == 2:
            body = split[0].strip(" ,;.|·•")
            item.summary = clean_fragment(split[1])
            if not body:
                return
        body = body.strip(" ,;.|·•")
        by = re.match(r"(?i)by\s+(.*)$", body)
        if by:
            separator = ";" if ";" in by.group(1) else ","
            chunks = [c.strip() for c in by.group(1).split(separator) if c.strip()]
            if len(chunks) > 1 and self._venue_chunk(chunks[-1], item):
                chunks.pop()
            item.authors = split_authors(f"{separator} ".join(chunks))
            return
        chunks = [c.strip() for c in re.split(r"[,;]", body) if c.strip()]
        if chunks and ". " in chunks[-1]:  # "B. Author. ICML 2023": the venue is the last sentence
            head, _, last = chunks[-1].rpartition(". ")
            chunks[-1:] = [head, last]
        if chunks and self._venue_chunk(chunks[-1], item, strict=not text.lstrip().startswith((",", "|", "."))):  # fmt: skip
            chunks.pop()
        if not chunks:
            return
        rest = ", ".join(chunks)
        if item.venue and _names_like(chunks):
            item.authors = split_authors(rest)
        else:
            item.summary = rest

    def _venue_chunk(self, chunk: str, item: Item, *, strict: bool = False) -> bool:
        parsed = parse_venue_year(chunk.rstrip(" ."), self.venues, strict=strict)
        if parsed is None:
            return False
        venue, year, _ = parsed
        item.venue = item.venue or venue
        item.year = item.year or year
        return True

    # -- table rows ---------------------------------------------------------------------------

    def item_from_row(
        self, cells: Sequence[Sequence[Token]], roles: Sequence[tuple[str, str | None]], line: int
    ) -> Item | None:
        """An item from one table row; ``None`` for placeholder rows (``TODO``)."""
        title_column = next((i for i, (role, _) in enumerate(roles) if role == "title"), 0)
        title_tokens = list(cells[title_column]) if title_column < len(cells) else []
        other_links = any(
            isinstance(t, Link) for i, cell in enumerate(cells) if i != title_column for t in cell
        )
        title_text = plain(title_tokens)
        if not title_text.strip() or is_placeholder(title_text):
            if other_links:
                raise Unparsed("row has links but no title")
            return None
        single = len(cells) == 1 and len(roles) > 1
        if single and len(title_text) < 3 and not any(isinstance(t, Link) for t in title_tokens):
            return None  # a spanning row such as "-" or "…"
        # a title cell is all title: "**Orca**: A Distributed ..." keeps its bold part
        title_tokens = [Text(t.text) if isinstance(t, Strong) else t for t in title_tokens]
        dated = any(role in ("venue", "year") for role, _ in roles)
        item = self.item_from_tokens(title_tokens, line, guess_venue=not dated)
        for index, cell in enumerate(cells):
            if index == title_column:
                continue
            role, default = roles[index] if index < len(roles) else ("other", None)
            text = plain(list(cell)).strip()
            links = [t for t in cell if isinstance(t, Link)]
            anchors = [t for t in cell if isinstance(t, Anchor)]
            if anchors and item.explicit_id is None and ID_RE.match(anchors[0].name.lower()):
                item.explicit_id = anchors[0].name.lower()
            if role == "venue" and text:
                if not self.apply_tag(text, item):
                    item.venue = item.venue or text
            elif role == "year" and text:
                date = parse_date(text)
                if date:
                    item.date = item.date or date
                elif re.fullmatch(r"(?:19|20)\d{2}", text):
                    item.year = item.year or int(text)
                else:
                    self.apply_tag(text, item)
            elif role == "authors" and text:
                item.authors = item.authors or split_authors(text)
            elif role == "summary" and text:
                item.summary = f"{item.summary} {text}".strip() if item.summary else text
            elif role == "tags" and text:
                for word in re.split(r"[,;]|\s{2,}", text):
                    slug = slugify(word.strip(" `#"))
                    if slug and slug not in item.tags:
                        item.tags.append(slug)
            elif role == "kind" and text:
                item.kind = item.kind or kind_of_tag(text)
            for link in links:
                if link.text.strip() and not link.image and self._is_tag_text(link.text):
                    self.apply_tag(link.text.strip("[] "), item)
                    continue
                self.add_link(item, self.link_label(link, default), link.url, line)
        return item


def clean_fragment(text: str) -> str:
    """A description or leftover text without separators and unbalanced bracket residue."""
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = text.strip(" ,;:|·•–—-")
        for opening, closing in ("[]", "()"):
            if text.startswith(closing) or (text.startswith(opening) and text.count(opening) > text.count(closing)):  # fmt: skip
                text = text[1:]
            if text.endswith(opening) or (text.endswith(closing) and text.count(closing) > text.count(opening)):  # fmt: skip
                text = text[:-1]
    return text


def _merge_text(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if isinstance(token, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + token.text)
        else:
            out.append(token)
    return [t for t in out if not (isinstance(t, Text) and not t.text.strip())]


def _strip_leading_symbols(text: str) -> str:
    import unicodedata

    text = re.sub(r"^(?:\s*(?:\[\s*\]|\(\s*\)))+", "", text)  # residue of a tag taken out
    index = 0
    while index < len(text) and (
        text[index].isspace()
        or unicodedata.category(text[index]) in ("So", "Sk", "Cf")
        or text[index] in "·•-–—|:"
    ):
        index += 1
    return text[index:]


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _names_like(chunks: Sequence[str]) -> bool:
    for chunk in chunks:
        words = chunk.replace("et al.", "").replace(" and ", " ").split()
        if not 1 <= len(words) <= 5:
            return False
        for word in words:
            if not (word[0].isupper() or word.lower() in _NAME_PARTICLES or not word[0].isalpha()):
                return False
    return True


def _split_byline(text: str) -> tuple[str, list[str]]:
    """``Title by A, B et al., VENUE YEAR`` -> (title, [A, B et al., VENUE YEAR])."""
    match = re.match(r"(.+?)\s+by\s+([A-Z][^:]*)$", text)
    if match:
        chunks = [c.strip() for c in match.group(2).split(",") if c.strip()]
        names = chunks[:-1] if len(chunks) > 1 else chunks
        if names and _names_like(names):
            return match.group(1), chunks
    return text, []


def split_authors(text: str) -> list[str]:
    """``A, B, and C`` / ``A and B`` / ``A et al.`` -> a list (``et al.`` kept as an item)."""
    text = " ".join(text.split()).strip(" .,;")
    if not text:
        return []
    separators = r"[;；]" if re.search(r"[;；]", text) else r"[,，、]"  # "Zheng, L.; Li, Z."
    text = re.sub(r"\s+(?:and|&)\s+", "; " if separators == r"[;；]" else ", ", text)
    authors: list[str] = []
    for part in re.split(separators, text):
        part = re.sub(r"^(?:and|&)\s+", "", part.strip())
        if not part:
            continue
        match = re.fullmatch(r"(.*?)\s*\bet\.?\s*al\.?", part)
        if match:
            if match.group(1).strip():
                authors.append(match.group(1).strip())
            authors.append("et al.")
        else:
            authors.append(part)
    return authors


#: Header words -> (role, default link label).
_TITLE_STRONG = ("title", "name", "paper title", "paper name", "project name")
_TITLE_WEAK = ("paper", "papers", "paper / post", "paper / posts", "paper/post", "paper/posts", "work", "article", "project", "system", "model", "method", "post", "posts", "resource", "item", "entry")  # fmt: skip
_LINK_WORDS = ("source", "sources", "link", "links", "resources", "materials", "url", "urls", "ref", "refs", "reference", "references", "download")  # fmt: skip
_VENUE_WORDS = ("venue", "conference", "conf", "conf.", "published", "publication", "published in", "journal", "where", "proceedings", "venue / year", "venue/year", "conference / year", "conference/year")  # fmt: skip
_YEAR_WORDS = ("year", "date", "time", "when", "published date", "release", "released")
_AUTHOR_WORDS = ("author", "authors", "by", "team", "people")
_SUMMARY_WORDS = ("description", "summary", "notes", "note", "comment", "comments", "tl;dr", "tldr", "abstract", "remarks", "remark", "highlights", "highlight", "about", "contribution", "key idea", "idea", "keynote")  # fmt: skip
_TAG_WORDS = ("tags", "tag", "keywords", "keyword", "topics", "topic")
_KIND_WORDS = ("type", "kind")


def column_roles(header: Sequence[str]) -> list[tuple[str, str | None]]:
    """The role of each column from its header text: ``title``, ``links`` (with a default
    link label), ``venue``, ``year``, ``authors``, ``summary``, ``tags``, ``kind`` or
    ``other`` (whose links are still read)."""
    folded = [" ".join(re.sub(r"[^\w/;.& ]+", " ", h.casefold()).split()) for h in header]
    roles: list[tuple[str, str | None]] = [("other", None)] * len(folded)
    title = next((i for i, h in enumerate(folded) if h in _TITLE_STRONG), None)
    if title is None:
        title = next((i for i, h in enumerate(folded) if h in _TITLE_WEAK), None)
    for index, name in enumerate(folded):
        if index == title:
            roles[index] = ("title", None)
        elif name in _VENUE_WORDS:
            roles[index] = ("venue", None)
        elif name in _YEAR_WORDS:
            roles[index] = ("year", None)
        elif name in _AUTHOR_WORDS:
            roles[index] = ("authors", None)
        elif name in _SUMMARY_WORDS:
            roles[index] = ("summary", None)
        elif name in _TAG_WORDS:
            roles[index] = ("tags", None)
        elif name in _KIND_WORDS:
            roles[index] = ("kind", None)
        elif label_of_text(name):
            roles[index] = ("links", label_of_text(name))
        elif name in _LINK_WORDS:
            roles[index] = ("links", None)
    if title is None:
        first_free = next((i for i, (role, _) in enumerate(roles) if role == "other"), None)
        if first_free is not None:
            roles[first_free] = ("title", None)
    return roles

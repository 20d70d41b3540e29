"""Reading one line of an item (a bullet, a paragraph line, a table's title cell) into
entry data: decoration and tags before the title, the title itself (linked, bold, quoted
or plain text) and what follows it. Bullet shapes understood (and their mixtures)::

    - [OSDI'22] [Alpa: Automating ...](https://...)             tag, linked title
    - [x] ⭐ [Alpa](https://...): Automating ... | OSDI' 22       checkbox, name + subtitle, venue
    - [Alpa: Automating ...](https://...) - description          linked title, description
    - Alpa: Automating ... [[pdf]](https://...) [[code]](...)    plain title, labelled links
    - **Alpa: Automating ...** by L. Zheng et al., OSDI 2022     bold title, authors, venue
    - 🔥[**DMC**] Dynamic Memory ...(@NVIDIA etc)                 nickname tag, affiliation
    - [Title](https://...): a survey by UCB, accepted by OSDI'24 description with the venue
    - Wanling Gao, Fei Tang, et al. "AIBench: ...". [[Paper]](...)  citation with a quoted title
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...problems import Code, Problem
from .decorations import (
    known_venue,
    label_of_text,
    label_of_url,
    names_like,
    paren_venue_year,
    parse_venue_year,
    prefix_venue,
    split_authors,
    trailing_affiliation,
    trusted_venue,
)
from .document import Break, Link, Literal, Strong, Text, Token, plain
from .found import Found, Unparsed, strip_decoration, title_case
from .meta import MetaReader
from .tags import ALTERNATE_LABEL

_TITLE_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+[-–—]{1,2}\s+|\s*[–—]\s+")
_SENTENCE = re.compile(
    r"(?<!\b[A-Z])(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\bet "
    r"al)(?<!\bal)(?<!\bNo)(?<!\bSt)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bInc)(?<!\bLtd)(?<!\bCo)\.\s+(?=\S)"
)
_QUOTED = re.compile(r"[\"“”](?P<title>[^\"“”]{8,}?)[,.]?[\"“”]")


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


class LineReader(MetaReader):
    """Reads one line of tokens into entry data."""

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
            isinstance(t, Literal)
            or (isinstance(t, Strong) and t.literal)
            or (isinstance(t, Link) and t.literal and not label_of_text(t.text))
            for t in tokens
        )
        state = _Reading(found, self.prepare(tokens, found), literal=literal)
        self.take_leading(state)
        if not state.tokens:
            return self.from_data(found, "nothing but tags")
        after = self.title(state, split_pipes=split_pipes)
        if not state.title:
            return self.from_data(found, "no title")
        found.data["title"] = state.title
        paper_title = self.meta(after, found, default_label, literal=literal)
        if paper_title and state.title_label in ("code", "repo"):
            # "code [repo name](github) / paper [Paper Title](pdf)": the paper names the entry
            state.title = paper_title
        if literal:  # written with escapes (as export writes): the title is as written
            title = " ".join(state.title.split())
        else:
            title = self.strip_title_tags(
                state.title, found, guess_venue=guess_venue and not state.bold
            )
        if not title:
            return self.from_data(found, "no title")
        found.data["title"] = title
        if state.title_url is not None:
            self.link_title(state, line)
        if not found.data.get("links"):
            found.data.pop("links", None)
        return found

    @staticmethod
    def from_data(found: Found, reason: str) -> Found:
        """An item whose text gives no title: an entry when the data of its anchor gives
        one (an exported README), else :class:`Unparsed` for *reason*."""
        title = (found.hidden or {}).get("title")
        if not title:
            raise Unparsed(reason)
        found.data["title"] = title
        return found

    def link_title(self, state: _Reading, line: int) -> None:
        """The title's own link comes first; its label depends on what the line said
        (a dated post, a repo, a paper)."""
        found = state.found
        url = state.title_url or ""
        later = found.data.pop("links", {})
        label = state.title_label or self.title_link_label(url, found)
        self.add_link(found, label, url, state.title_line or line)
        links = found.data.setdefault("links", {})
        for label, value in later.items():
            if value in links.values():
                continue
            if label in links:
                label = ALTERNATE_LABEL.get(label, label)
            if label in links:
                self.problems.append(
                    Problem(
                        Code.IMPORT_LINK,
                        f"a second {label!r} link of {found.data['title']!r} ({value}) is dropped: "
                        f"an entry holds one link per label",
                        self.path,
                        line,
                    )
                )
                continue
            links[label] = value

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
                category = re.match(r"\(([^()]{1,40})\)\s*", text)
                if category and (len(tokens) > 1 or text[category.end() :].strip()):
                    # "(Storage system) [Title](url)": a category written before the title
                    if not self.apply_tag(category.group(1), state.found):
                        state.found.tag(category.group(1))
                    text = text[category.end() :]
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
            while after and isinstance(after[0], (Text, Literal, Strong)):
                if isinstance(after[0], Strong) and "".join(parts).count("(") <= "".join(
                    parts
                ).count(")"):
                    break  # bold text inside parentheses ("(SIGMOD 2021 **Best Paper**!)") goes on
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
            if not title_case(following) or self.venue_chunk(
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
            return words <= 3 or title_case(subtitle)
        if self.subtitles is False:
            return words <= 2 and title_case(subtitle)
        return words == 1 or (words <= 3 and title_case(subtitle))

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
            subtitle = (title_case(following) or short) and not parse_venue_year(
                following.strip(" ."), self.venues, strict=True
            )
            if pipe or not subtitle:
                return text[: match.start()], text[match.start() :]
        return text, ""

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
                    r"(.{8,}?[.?!])\s+([^.?!]{2,80}?\bet "
                    r"al\.?|(?:[A-Z][\w.'-]*\s?){1,4}(?:,\s*(?:and\s+)?(?:[A-Z][\w.'-]*\s?){1,4})+)\s*\.?",
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

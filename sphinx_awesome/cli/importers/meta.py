"""What follows an item's title: labelled links, venue tags and badges, and text giving
authors, venue and year (``accepted by OSDI'23``, ``| SOSP' 23``), affiliations
(``| ByteDance``, ``- DeepSeek``) or a description; and nested bullets that add to their
parent (``  - Xiao, Wencong, et al. (*OSDI 2018*)``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .decorations import (
    TAG_WORDS,
    accepted_venue,
    affiliation_list,
    find_venue_year,
    fold,
    known_venue,
    label_of_text,
    names_like,
    org_shaped,
    paren_venue_year,
    parse_venue_year,
    split_authors,
)
from .document import Break, Link, Literal, Strong, Text, Token
from .found import Found, escaped_names, hold, release, strip_decoration
from .tags import TagReader

#: "Notes: [zhihu](url)", "paper [Title](url)": a word naming the link after it.
_LINK_NAME = re.compile(
    r"(?:^|[\s\-–—|,;(\[]+)([^\W\d][\w .]{0,20}?)(?:\s*[:：]|(?<=[a-z])(?=\s*$))\s*$"
)


class MetaReader(TagReader):
    """Reads the text and links after a title."""

    def meta(
        self, tokens: list[Token], found: Found, default_label: str | None, *, literal: bool = False
    ) -> str | None:
        """The links and text after a title: labelled links, venue tags, badges, and text
        giving authors, venue and year, affiliations or a description. Returns the text of
        a link named ``paper`` that reads as a title (``paper [Title](url)``)."""
        texts: list[str] = []
        paper_title = None
        for token in tokens:
            if isinstance(token, Link):
                label = default_label
                named = _LINK_NAME.search(texts[-1]) if texts else None
                if named and (label_of_text(named.group(1)) or len(named.group(1).split()) <= 2):
                    texts[-1] = texts[-1][: named.start(1)]  # "Notes: [zhihu](url)"
                    label = label_of_text(named.group(1)) or label
                    if (
                        label in ("paper", "pdf")
                        and not label_of_text(token.text)
                        and len(token.text.split()) >= 2
                    ):
                        paper_title = paper_title or token.text.strip()
                self.take_link(found, token, label)
                texts.append("\0")
            elif isinstance(token, (Text, Strong)):
                texts.append(token.text.replace("|", "\n") if literal else token.text)
            elif isinstance(token, Literal):
                texts.append(hold(token.text))
            elif isinstance(token, Break):
                texts.append("\n")
        text = "".join(texts)
        for piece in re.split(r"\n", text):
            self.meta_text(piece, found, literal=literal)
        if literal:
            release(found.data)
        return paper_title

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
            after = text[accepted[3] :]
            mark = re.match(r"\s*\((\w+)\)", after)  # "accepted by PPoPP'24(poster)"
            if mark and fold(mark.group(1)) in TAG_WORDS:
                found.tag(mark.group(1))
                after = after[mark.end() :]
            text = (text[: accepted[2]] + " " + after).strip()
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
            last = not text[match.end() :].strip(" .,;")
            stated = paren_venue_year(inner, self.venues) if paren and last else None
            if stated and not found.data.get(
                "year"
            ):  # "... networks.  (Applied Intelligence 2002)"
                found.put("venue", stated[0])
                found.put("year", stated[1])
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
                found.put("authors", escaped_names(by.group(1)))
                return
            if names_like(chunks):
                found.put("authors", split_authors(f"{separator} ".join(chunks)))
                return
        citation = re.match(
            r"(?i)^(?:in\s+(?:proc(?:eedings|\.)?\b|the\s|\d{4}\s|[A-Z])|.*\bpreprint\b|.*\bproceedings\b)",
            body,
        )
        strong = re.match(r"(?i)^in\s|.*\b(?:preprint|proceedings)\b", body)
        if ((sub and citation) or strong) and not found.data.get("venue"):
            venue, year = find_venue_year(body, self.venues)
            if venue or (year and re.search(r"(?i)\bin\b|preprint|proceedings|journal", body)):
                found.put("venue", venue)
                found.put("year", year)
                return
        chunks = [c.strip() for c in re.split(r"[,;]", body) if c.strip()]
        if chunks and ". " in chunks[-1]:  # "B. Author. ICML 2023": the venue is the last sentence
            head, _, last = chunks[-1].rpartition(". ")
            if parse_venue_year(last.strip(" ."), self.venues, allow_suffix=True):
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

"""What reading one item gives: entry data and where it was read (:class:`Found`), and the
small text helpers every part of the reading shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...entries import slugify

_CHECKBOX = re.compile(r"\s*\[\s?[xX✓✔ ]?\s?\]\s*")
_SHORTCODE = re.compile(r"\s*:[a-z0-9_+-]+:\s*")  # GitHub's emoji shortcodes, such as :star:


class Unparsed(Exception):
    """A row or bullet that cannot become an entry; the message says why."""


@dataclass(slots=True)
class Found:
    """One item read from a list: its entry data (contract field names) and where it was
    read. *id* is an explicit id (``<a id>``); *marked* a linked or bold title, which
    surely means an entry; *hidden* the fields an exported README carries in the anchor,
    which win over what the item's text gives."""

    data: dict[str, Any]
    path: str
    line: int
    id: str | None = None
    marked: bool = False
    lines: set[int] = field(default_factory=set)
    hidden: dict[str, Any] | None = None

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
    text = text.lstrip(".")
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


def hold(text: str) -> str:
    """An escaped character (``\\,`` inside an author's name) kept from splitting the
    text after a title; :func:`_release` gives it back before the line's data is used."""
    return "".join(chr(_HELD + ord(ch)) if ch in _HELD_CHARS else ch for ch in text)


def escaped_names(text: str) -> list[str]:
    """Authors as export writes them: separated by commas, a comma inside a name escaped."""
    return [" ".join(name.split()) for name in text.split(",") if name.strip()]


def release(data: dict[str, Any]) -> None:
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


def bare(text: str, url: str) -> bool:
    """Whether a link shows its own URL (a plain URL made a link)."""
    text = text.strip().rstrip("/")
    return bool(text) and (
        text == url.rstrip("/") or re.sub(r"^https?://", "", url).rstrip("/") == text
    )


def title_case(text: str) -> bool:
    """Whether *text* reads as a subtitle (most long words capitalised)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3]
    if len(words) < 1 or not text[:1].isupper():
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)

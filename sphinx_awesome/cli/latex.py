"""Text in BibTeX values: :func:`escape` writes Unicode text as TeX, :func:`decode` reads TeX
(ours or anyone's) back to Unicode.

``decode(escape(text))`` gives *text* back (with runs of white space made one space) for any
text, and every brace :func:`escape` writes is part of a balanced pair, so the value never
ends early for BibTeX or pybtex (``Set } theory`` is written ``Set \\textbraceright{} theory``,
not ``Set \\} theory``: BibTeX counts the brace in ``\\}`` too). Decoding uses pylatexenc, the
LaTeX-to-Unicode converter that bibtexparser builds on.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: Characters TeX treats specially, as text-mode commands that need no braces of their own
#: to balance.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(ch) for ch in _SPECIAL))
#: Pairs TeX fonts turn into one character (``--`` an en dash, ``''`` a closing quote, ``?```
#: an inverted question mark): an empty group between them keeps them apart.
_LIGATURE_RE = re.compile(r"([-`',<>])(?=\1)|([?!])(?=`)")


def escape(text: str) -> str:
    """*text* (white space collapsed) as TeX for a BibTeX value."""
    text = " ".join(text.split())
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text)
    return _LIGATURE_RE.sub(lambda m: (m.group(1) or m.group(2)) + "{}", text)


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    context.add_context_category(
        "sphinx-awesome",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
            MacroTextSpec("textunderscore", "_"),
            MacroTextSpec("url", "%(1)s"),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=True)


def _plain(text: str) -> str:
    """A last resort for TeX pylatexenc cannot read: escaped characters kept, commands and
    braces dropped."""
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = re.sub(r"\\[A-Za-z]+\s*|[{}]", "", text)
    return text.replace("~", " ")


_TEX_RE = re.compile(r"[\\{}$%~&]")
_TEX_LIGATURES = {
    "---": "\u2014",
    "--": "\u2013",
    "``": "\u201c",
    "''": "\u201d",
    "?`": "\u00bf",
    "!`": "\u00a1",
}
_TEX_LIGATURE_RE = re.compile("|".join(re.escape(k) for k in _TEX_LIGATURES))


@functools.lru_cache(maxsize=4096)
def _latex_to_text(tex: str) -> str:
    try:
        return str(_converter().latex_to_text(tex))
    except Exception:  # pylatexenc gives up on some malformed TeX; keep the words
        return _plain(tex)


def decode(tex: str) -> str:
    """Unicode text of a TeX value (``{\\"u}`` -> ``ü``, ``{GPU}`` -> ``GPU``, ``--`` -> an en
    dash),
    white space collapsed; never raises."""
    if _TEX_RE.search(tex):
        text = _latex_to_text(tex)
    else:  # plain text: only the ligatures change (as pylatexenc reads them, but quicker)
        text = _TEX_LIGATURE_RE.sub(lambda m: _TEX_LIGATURES[m.group(0)], tex)
    return " ".join(text.replace("\xa0", " ").split())


def balanced(value: str) -> bool:
    """Whether the braces of *value* balance as BibTeX counts them (``\\{`` counts too)."""
    depth = 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0

"""Escaping text for the formats the extension writes itself (every other output goes through
docutils nodes, which their writers escape).

HTML: the fast path of table rows, the filter data and the browsing pages all write text and
attribute values through :func:`escape_html`, and class names through :func:`class_token`.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_NOT_CLASS = re.compile(r"[^a-z0-9_-]+")


def escape_html(text: str) -> str:
    """*text* safe as HTML element content and as a double- or single-quoted attribute value:
    ``&``, ``<``, ``>``, ``"`` and ``'`` escaped."""
    return html.escape(text, quote=True)


def class_token(text: str) -> str:
    """One CSS class name made from *text*: lower case letters, digits, ``-`` and ``_``; any
    other run of characters becomes ``-`` (so no value can add an attribute or a class)."""
    return _NOT_CLASS.sub("-", text.lower()).strip("-") or "x"


def json_for_script(data: Any) -> str:
    """JSON to embed in a ``<script type="application/json">`` element: ``<``, ``>`` and ``&``
    escaped as JSON escapes, so no value can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

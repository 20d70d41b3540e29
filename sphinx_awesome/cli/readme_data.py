"""The entry data a README carries out of sight, so that it imports back losslessly.

A README shows some fields (its columns) in forms made for reading: authors shortened to
"et al.", a kind or language left to be inferred, an affiliation or ``added`` date not
shown at all. ``export --format markdown`` writes the fields that the visible text would
not give back, with their values in the entry-file format, as JSON in an attribute of the
entry's anchor::

    <a id="alpa" data-awesome='{"authors": ["Lianmin Zheng", "Zhuohan Li"], "kind": "post"}'></a>

GitHub drops the attribute from the page; ``import`` reads it and its fields win over what
the visible text gives (``null``: the field has no value). :func:`encode` writes the
attribute's value so that neither Markdown nor HTML sees syntax in it; :func:`decode` reads
it back and says what is wrong with a value it cannot use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..fields import NAMES

#: The anchor's attribute that holds the data.
ATTRIBUTE = "data-awesome"
#: The fields the data may give (the id is the anchor's own).
CARRIED = tuple(name for name in NAMES if name != "id")
#: Characters written as JSON escapes: the attribute's quote, HTML's ``&``, ``<`` and ``>``,
#: the table cell separator and ``=`` (no ``href=`` inside the value).
_ESCAPED = {ch: f"\\u{ord(ch):04x}" for ch in "'&<>|="}


def encode(data: Mapping[str, Any]) -> str:
    """The attribute's value: a JSON object, safe between single quotes in a Markdown
    table cell or bullet (the escaped characters occur in JSON only inside strings)."""
    text = json.dumps(dict(data), ensure_ascii=False, separators=(", ", ": "))
    return "".join(_ESCAPED.get(ch, ch) for ch in text)


def anchor(entry_id: str, data: Mapping[str, Any] | None = None) -> str:
    """``<a id="ID"></a>``, with the data attribute when there is data."""
    if not data:
        return f'<a id="{entry_id}"></a>'
    return f"<a id=\"{entry_id}\" {ATTRIBUTE}='{encode(data)}'></a>"


def decode(text: str) -> tuple[dict[str, Any], list[str]]:
    """The fields of an attribute value, and what is wrong with it (an unreadable value
    gives no fields; an unknown field is left out)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return {}, [f"the entry data in {ATTRIBUTE} is not JSON ({reason}); it is not used"]
    if not isinstance(data, dict):
        return {}, [f"the entry data in {ATTRIBUTE} is not a JSON object; it is not used"]
    fields: dict[str, Any] = {}
    problems = []
    for name, value in data.items():
        if name not in CARRIED:
            problems.append(f"{ATTRIBUTE} names no field {name!r}; it is not used")
        elif not _plain(value) or (name == "title" and not (isinstance(value, str) and value)):
            problems.append(f"{ATTRIBUTE}: {name!r} holds no entry-file value; it is not used")
        else:
            fields[name] = value
    return fields, problems


def _plain(value: Any) -> bool:
    """Whether *value* has a shape of entry-file data: null, a string, a whole number, a
    list of strings or a mapping of strings to strings."""
    if value is None or isinstance(value, str) or type(value) is int:
        return True
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    if isinstance(value, dict):
        return all(isinstance(v, str) for v in value.values())
    return False

"""Reading entry files' YAML safely: the safe loader only (the C one when PyYAML has it),
no alias bombs, and every YAML error turned into a problem that says all YAML knows.

:func:`compose` gives the node tree of a text (or ``None`` and problems); values are built
from nodes one field at a time by :class:`NodeValues`, whose constructor is YAML's safe one.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Code, Problem

try:  # the C loader is several times faster; the pure-Python one is equally safe
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
#: Tags of YAML's core schema; a ``python/...`` tag starts with the same prefix.
CORE_TAGS = tuple(
    f"tag:yaml.org,2002:{name}"
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "seq",
        "map",
        "binary",
        "merge",
        "omap",
        "pairs",
        "set",
        "value",
    )
)
#: What PyYAML's safe constructors raise on impossible tagged values such as ``!!int x``.
CONSTRUCT_ERRORS = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)
#: Expanded YAML size allowed per distinct node before a file counts as an alias bomb.
ALIAS_EXPANSION_LIMIT = 10


_SCALAR_TAGS: dict[type, str] = {
    bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int",
    float: "tag:yaml.org,2002:float",
    str: STR_TAG,
}


def data_node(value: Any, mark: yaml.Mark) -> Node:
    """The node YAML would compose for plain data (JSON's kinds of value), every node at
    *mark*: data read elsewhere is then read exactly as an entry file's YAML. Strings stay
    strings (``"yes"`` is no boolean); a value of another kind raises ``TypeError``."""
    if value is None:
        return ScalarNode("tag:yaml.org,2002:null", "null", mark, mark)
    tag = _SCALAR_TAGS.get(type(value))
    if tag is not None:
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, float):
            text = repr(value).replace("inf", ".inf").replace("nan", ".nan")
        else:
            text = str(value)
        return ScalarNode(tag, text, mark, mark)
    if isinstance(value, list):
        return SequenceNode(
            "tag:yaml.org,2002:seq", [data_node(v, mark) for v in value], mark, mark
        )
    if isinstance(value, dict):
        pairs = [(data_node(k, mark), data_node(v, mark)) for k, v in value.items()]
        return MappingNode("tag:yaml.org,2002:map", pairs, mark, mark)
    raise TypeError(f"not plain data: {type(value).__name__}")


class UnreadableValue(Exception):
    """A YAML value the safe constructor cannot build (reported, never raised to callers)."""


class NodeValues:
    """Plain values of nodes, built by YAML's safe constructor one node at a time."""

    def __init__(self) -> None:
        self.constructor = SafeConstructor()

    def value(self, node: Node) -> Any:
        """The Python value of a node; unsafe tags raise ``ConstructorError`` and impossible
        tagged values (``!!int x``) raise :class:`UnreadableValue`."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:
            raise
        except CONSTRUCT_ERRORS as exc:
            raise UnreadableValue(f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.constructor.constructed_objects.clear()
            self.constructor.recursive_objects.clear()

    def flatten(self, node: MappingNode) -> None:
        """Apply YAML merge keys (``<<: *base``) as ``safe_load`` does."""
        self.constructor.flatten_mapping(node)


def yaml_reason(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """What a YAML error says, whole: its context (with the context's line when the problem
    is on another) and its problem, e.g. "found duplicate anchor 'a'; first occurrence
    (line 2); second occurrence" (libyaml leaves the anchor's name out: it is read from
    *text* at the problem's place)."""
    parts = []
    context = exc.context or ""
    if context.startswith("found duplicate anchor;") and exc.problem_mark is not None:
        found = re.match(r"&([^\s,\[\]{}]+)", text[exc.problem_mark.index :])
        if found:
            context = context.replace("anchor;", f"anchor {found.group(1)!r};", 1)
    if context:
        where = ""
        if exc.context_mark and (
            exc.problem_mark is None or exc.context_mark.line != exc.problem_mark.line
        ):
            where = f" (line {exc.context_mark.line + 1})"
        parts.append(f"{context}{where}")
    if exc.problem:
        parts.append(exc.problem)
    return " ".join("; ".join(parts).split()) or type(exc).__name__


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _expanded_size(root: Node, limit: int) -> int:
    """Count nodes as if aliases were expanded, stopping once *limit* is passed."""
    count = 0
    stack: list[Node] = [root]
    while stack and count <= limit:
        count += 1
        stack.extend(_children(stack.pop()))
    return count


def _distinct_size(root: Node) -> int:
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(_children(node))
    return len(seen)


def compose(text: str, path: str, problems: list[Problem]) -> Node | None:
    """The node tree of *text*, or ``None`` with a problem (invalid YAML, empty, alias bomb)."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"invalid YAML: {yaml_reason(exc, text)}"
        problems.append(Problem(Code.YAML, message, path, line, column))
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        problems.append(Problem(Code.YAML, f"invalid YAML: {reason}", path))
        return None
    if node is None:
        problems.append(Problem(Code.STRUCTURE, "the file holds no entries", path))
        return None
    if "&" not in text:  # no anchor, so no alias: nothing can expand
        return node
    limit = ALIAS_EXPANSION_LIMIT * _distinct_size(node) + 1000
    if _expanded_size(node, limit) > limit:
        message = "YAML aliases expand too far (alias bomb); the file is skipped"
        problems.append(Problem(Code.UNSAFE, message, path))
        return None
    return node

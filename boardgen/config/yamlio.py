"""Loading human-written YAML safely, keeping where every value came from (pure: bytes in).

Contributed files are untrusted, so beyond ``yaml.safe_load`` this refuses what safe
loading still lets through: explicit tags, anchors and aliases (the "billion laughs"
bomb builds a tiny node graph that explodes only when walked), duplicate keys (PyYAML keeps
the last silently), more than one document, files over :data:`MAX_BYTES` and non-UTF-8
bytes. Booleans follow YAML 1.2 (only true/false), so ``country: NO`` stays Norway.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

MAX_BYTES = 1_000_000
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (``yes``/``no``/``on``/``off`` stay strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    # PyYAML resolves 2026-02-30 as a timestamp, then fails to build it with a bare
    # ValueError that would stop the whole file; keep the text so that schema validation
    # reports it at its field, together with the file's other problems.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# libyaml scans and parses about 20x faster than the pure-Python reader, which dominated
# builds of large boards. It shares our resolvers and constructors; its error messages are
# terser, so a file it rejects is parsed again by the pure loader to report the problem.
_FastLoader: type[yaml.SafeLoader] = _Loader
if yaml.__with_libyaml__:  # pragma: no branch - the PyPI wheels include libyaml

    class _CLoader(yaml.CSafeLoader):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
            keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            if len(keys) != len(set(keys)) or "<<" in keys:
                raise _Unusual
            return super().construct_mapping(node, deep=deep)

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _CLoader.yaml_constructors = _Loader.yaml_constructors
    _FastLoader = _CLoader  # type: ignore[assignment]


class YamlProblem(Exception):
    """The file cannot be read as plain YAML data; 1-based position and a message."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


@dataclass(frozen=True)
class Document:
    """Loaded data plus its text, to map a field path back to a line and column."""

    data: Any
    text: str

    @functools.cached_property
    def root(self) -> yaml.Node:
        """The node tree, composed on first use: only files with problems need positions."""
        node = yaml.compose(self.text, Loader=_FastLoader)
        assert node is not None  # the text loaded as a non-empty document
        return node

    def locate(
        self, loc: Sequence[str | int], *, at_key: bool = False
    ) -> tuple[int, int, list[str | int]]:
        """Return (line, column, matched path) of the deepest node ``loc`` reaches.

        Parts not in the document (a missing field, a pydantic union tag) are skipped. With
        ``at_key`` the position is that of the last mapping key matched (an unknown field is
        reported where its name is written, not at its value).
        """
        node = self.root
        mark = node.start_mark
        matched: list[str | int] = []
        for part in loc:
            child: yaml.Node | None = None
            key_mark = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == part:
                        child, key_mark = value, key.start_mark
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
            if child is None:
                continue
            matched.append(part)
            node = child
            mark = key_mark if (at_key and key_mark is not None) else child.start_mark
        return mark.line + 1, mark.column + 1, matched


def load(raw: bytes) -> Document:
    """Parse ``raw`` into plain data; raise :class:`YamlProblem` saying what to fix."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}: shorten it"
        )
    text = _decode(raw)
    if _FastLoader is not _Loader:
        try:
            return _load_fast(text)
        except (yaml.YAMLError, _Unusual):
            pass  # the careful loader below says exactly what is wrong
    return _load_careful(text)


class _Unusual(Exception):
    """The fast path met something the careful path must judge (and probably refuse)."""


_PLAIN_TYPES = (str, int, float, bool, type(None), dt.date)
_MAYBE_NOT_PLAIN = re.compile(r"[&*!]")


def _load_fast(text: str) -> Document:
    # One libyaml load, no node tree (it is composed later, only if a position is needed).
    # What the careful path refuses is detected from what it leaves behind: duplicate keys
    # and merge keys while constructing (see _CLoader), an alias as a container reached
    # twice, an explicit tag as a value of a type plain YAML never gives.
    if _MAYBE_NOT_PLAIN.search(text):
        # Anchors, aliases and tags need one of these characters; only then is the event
        # scan (which refuses each with its position) worth its cost.
        _refuse_unsafe_events(text, _FastLoader)
    data = yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader subclass
    if data is None:
        raise _Unusual
    seen: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if id(value) in seen:
                raise _Unusual
            seen.add(id(value))
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            if id(value) in seen:
                raise _Unusual
            seen.add(id(value))
            stack.extend(value)
        elif not isinstance(value, _PLAIN_TYPES):
            raise _Unusual
    return Document(data, text)


def _load_careful(text: str) -> Document:
    try:
        _refuse_unsafe_events(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks all parse errors
        raise YamlProblem(1, 1, f"invalid YAML: {exc}") from None
    if root is None:
        raise YamlProblem(1, 1, "file is empty: it needs at least the required fields")
    _refuse_duplicate_keys(root)
    try:
        data = _Loader(text).construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(exc) from None
    document = Document(data, text)
    document.__dict__["root"] = root  # already composed: fill the cache
    return document


def _decode(raw: bytes) -> str:
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - body.rfind(b"\n", 0, exc.start)
        bad = body[exc.start : exc.start + 1].hex().upper()
        raise YamlProblem(
            line, column, f"byte 0x{bad} is not UTF-8: save the file with UTF-8 encoding"
        ) from None


def _refuse_unsafe_events(text: str, loader: type[yaml.SafeLoader] = _Loader) -> None:
    for event in yaml.parse(text, Loader=loader):
        line, column = _position(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                line,
                column,
                f"alias *{event.anchor} is not allowed: write the value out in full",
            )
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise YamlProblem(
                line,
                column,
                f"anchor &{event.anchor} is not allowed: write values out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise YamlProblem(
                line,
                column,
                f"YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: "
                "write a plain value",
            )


class _HasPosition(Protocol):
    line: int
    column: int


def _position(mark: _HasPosition | None) -> tuple[int, int]:
    # PyYAML has a pure and a C Mark class; both carry 0-based line and column.
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = key.start_mark.line + 1
                if key.value in seen:
                    raise YamlProblem(
                        line,
                        key.start_mark.column + 1,
                        f"key {key.value!r} appears twice (first on line {seen[key.value]}): "
                        "keep one",
                    )
                seen[key.value] = line
            _refuse_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item)


def _from_yaml_error(exc: yaml.MarkedYAMLError) -> YamlProblem:
    line, column = _position(exc.problem_mark or exc.context_mark)
    problem = exc.problem or str(exc)
    if "'\\t'" in problem:
        return YamlProblem(line, column, "tab character in indentation: indent with spaces")
    if "expected a single document" in problem or "but found another document" in problem:
        return YamlProblem(line, column, "more than one YAML document: remove the '---' line")
    context = f" {exc.context}" if exc.context else ""
    return YamlProblem(line, column, f"invalid YAML{context}: {problem}")

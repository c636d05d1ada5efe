"""Source adapters: one module per source kind, pure (bytes or JSON in, records out).

An adapter never opens a socket; the fetch engine does all I/O and hands it payloads.
Adding a kind means adding one module that calls :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: A parser: (payload bytes, response headers) -> raw records for normalization.
Parser = Callable[[bytes, Mapping[str, str]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Adapter:
    kind: str
    parse: Parser


_REGISTRY: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    """Make ``adapter`` available for sources of its kind."""
    if adapter.kind in _REGISTRY:
        raise ValueError(f"an adapter for {adapter.kind!r} is already registered")
    _REGISTRY[adapter.kind] = adapter
    return adapter


def get(kind: str) -> Adapter | None:
    """The adapter for ``kind``, or None when no module provides it yet."""
    return _REGISTRY.get(kind)


def kinds() -> list[str]:
    return sorted(_REGISTRY)

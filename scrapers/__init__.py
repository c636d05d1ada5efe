"""Source adapters: one module per source kind, pure (bytes or JSON in, records out).

An adapter never opens a socket; the fetch engine does all I/O and hands it payloads
(see :mod:`scrapers._base`). Adding a kind means adding one module that defines a
module-level ``ADAPTER``: every public module of this package is discovered on first use.
"""

from __future__ import annotations

import importlib
import pkgutil

from scrapers._base import Adapter, Page, Payload, Place, Record

__all__ = ["Adapter", "Page", "Payload", "Place", "Record", "get", "kinds", "register"]

_REGISTRY: dict[str, Adapter] = {}
_discovered = False


def register(adapter: Adapter) -> Adapter:
    """Make ``adapter`` available for sources of its kind."""
    if adapter.kind in _REGISTRY:
        raise ValueError(f"an adapter for {adapter.kind!r} is already registered")
    _REGISTRY[adapter.kind] = adapter
    return adapter


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        adapter = getattr(module, "ADAPTER", None)
        if isinstance(adapter, Adapter):
            register(adapter)


def get(kind: str) -> Adapter | None:
    """The adapter for ``kind``, or None when no module provides it yet."""
    _discover()
    return _REGISTRY.get(kind)


def kinds() -> list[str]:
    _discover()
    return sorted(_REGISTRY)

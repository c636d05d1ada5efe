"""Splitting sources across machines: a stable 1/N by a hash of the source id (pure)."""

from __future__ import annotations

import hashlib
import re

__all__ = ["in_shard", "parse_shard"]


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; raise ``ValueError`` with the fix for anything else."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a shard: write K/N, e.g. 1/4")
    k, n = int(match[1]), int(match[2])
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"shard {k}/{n}: K must be between 1 and N")
    return k, n


def in_shard(source_id: str, k: int, n: int) -> bool:
    """Whether ``source_id`` belongs to shard ``k`` of ``n``.

    A hash of the id, not its position in sources.yml: adding or reordering sources
    never moves the others to another shard (and so to another machine's state).
    """
    bucket = int.from_bytes(hashlib.sha256(source_id.encode()).digest()[:8], "big") % n
    return bucket == k - 1

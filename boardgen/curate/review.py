"""What ``boardgen review`` shows: everything curation kept off the board, and why (pure).

Held listings (scam flags, with each rule's reason and weight), listings the board's rules
exclude (with the reasons), pairs that may be one posting, and data files that could not
be read. Nothing is silently deleted: this is where a curator sees it.
"""

from __future__ import annotations

from typing import Any

from boardgen.curate.board import Board
from boardgen.curate.scam import score
from boardgen.model import Listing

__all__ = ["review_data", "review_text"]


def _sources(listing: Listing) -> list[str]:
    return [ref.id for ref in listing.sources]


def review_data(board: Board) -> dict[str, Any]:
    """The review as plain data (``boardgen review --json``)."""
    return {
        "held": [
            {
                "id": item.id,
                "title": item.title,
                "organization": item.organization.name,
                "apply_url": item.apply_url,
                "sources": _sources(item),
                "score": score(item.flags),
                "flags": [flag.model_dump() for flag in item.flags],
            }
            for item in board.held
        ],
        "excluded": [
            {
                "id": entry.listing.id,
                "title": entry.listing.title,
                "organization": entry.listing.organization.name,
                "sources": _sources(entry.listing),
                "reasons": list(entry.reasons),
            }
            for entry in board.excluded
        ],
        "review_pairs": [
            {"first": pair.first, "second": pair.second, "score": pair.score, "reason": pair.reason}
            for pair in board.review_pairs
        ],
        "warnings": [problem.as_dict() for problem in board.warnings],
    }


def review_text(board: Board) -> str:
    """The review for a terminal: one block per kind, reasons indented under each listing."""
    lines: list[str] = []
    lines.append(f"Held for review (scam flags): {len(board.held)}")
    for item in board.held:
        lines.append(f"  {item.id}: {item.title} ({item.organization.name})")
        lines.append(f"    score {score(item.flags):g}; from {', '.join(_sources(item))}")
        for flag in item.flags:
            lines.append(f"    - {flag.rule} (weight {flag.weight:g}): {flag.reason}")
    lines.append("")
    lines.append(f"Excluded by the board's rules: {len(board.excluded)}")
    for entry in board.excluded:
        lines.append(f"  {entry.listing.id}: {entry.listing.title}")
        for reason in entry.reasons:
            lines.append(f"    - {reason}")
    lines.append("")
    lines.append(f"Possible duplicates (both kept): {len(board.review_pairs)}")
    for pair in board.review_pairs:
        lines.append(f"  {pair.first} ~ {pair.second}: {pair.reason} (score {pair.score:.0f})")
    if board.warnings:
        lines.append("")
        lines.append(f"Data warnings: {len(board.warnings)}")
        for problem in board.warnings:
            lines.append(f"  {problem.format()}")
    return "\n".join(lines) + "\n"

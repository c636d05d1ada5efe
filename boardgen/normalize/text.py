"""Repairing text that a source decoded twice (UTF-8 read as Latin-1 or Windows-1252).

Remote OK sends ``donâ\\x80\\x99t`` for ``don’t`` in most descriptions. We repair only runs
of characters that spell a valid UTF-8 byte sequence when mapped back to bytes, so correct
non-ASCII text around them (``café``, ``’``, CJK) is left alone. ``ftfy`` does this and
more, but these few lines cover what the sources send without another dependency.
"""

from __future__ import annotations

import re
import unicodedata

# Windows-1252 gives printable characters to bytes 0x80-0x9F; mojibake made through it shows
# these instead of C1 controls.
_CP1252_TO_BYTE: dict[str, int] = {}
for _byte in range(0x80, 0xA0):
    try:
        _CP1252_TO_BYTE[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        continue

_CONT = "[\u0080-\u00bf" + "".join(re.escape(ch) for ch in _CP1252_TO_BYTE) + "]"
_SEQUENCE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)


def _to_byte(ch: str) -> int:
    return _CP1252_TO_BYTE.get(ch, ord(ch))


def _decode(match: re.Match[str]) -> str:
    raw = bytes(_to_byte(ch) for ch in match.group())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def repair_mojibake(text: str) -> str:
    """Undo double-encoded UTF-8 (also when done twice); other text comes back unchanged."""
    # Each repair shortens the text, so the loop ends, and it runs to a fixed point so that
    # repairing an already repaired text changes nothing.
    while True:
        repaired = _SEQUENCE.sub(_decode, text)
        if repaired == text:
            return text
        text = repaired


def fold_text(text: str) -> str:
    """Text for matching: case-folded, accents removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())

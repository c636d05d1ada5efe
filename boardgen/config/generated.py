"""Writing the files derived from the models (schemas/*.json, field reference) to a project."""

from __future__ import annotations

from pathlib import Path

from boardgen.model.jsonschema import generated_files


def write_generated(root: Path, *, check_only: bool = False) -> list[str]:
    """Write each derived file whose text changed; return their paths (``check_only``: don't)."""
    stale = []
    for rel, text in generated_files().items():
        path = root / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(rel)
        if not check_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return stale

"""The board's memory of fetched listings: ``data/sources/<id>.json``, written atomically.

Each file holds one source's last good listings. It is rewritten only when the listings
change, so the scheduled workflow's commits show real changes and nothing else. Every
write goes to a temporary file in the same directory and is moved into place with
``os.replace``, so a crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from boardgen.model import Listing

__all__ = [
    "Dropped",
    "SourceData",
    "encode_source_data",
    "load_source_data",
    "read_json",
    "save_source_data",
    "source_data_path",
    "write_json_atomic",
    "write_text_atomic",
]


class Dropped(BaseModel):
    """A record the source sent that could not become a listing, and why."""

    model_config = ConfigDict(extra="ignore")

    native_id: str
    reason: str


class SourceData(BaseModel):
    """One source's last good listings and where they came from."""

    model_config = ConfigDict(extra="ignore")

    format: Literal[1] = 1
    source: str = Field(description="The source id from sources.yml.")
    kind: str
    url: str
    updated_at: dt.datetime = Field(description="When these listings were fetched.")
    listings: list[Listing] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` via a temporary file and ``os.replace``."""
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)  # os.replace: atomic within one directory
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> Any | None:
    """The JSON in ``path``, or None if it is missing or not JSON."""
    try:
        return json.loads(path.read_bytes())
    except (FileNotFoundError, ValueError):
        return None


def source_data_path(data_dir: Path, source_id: str) -> Path:
    return data_dir / "sources" / f"{source_id}.json"


def load_source_data(data_dir: Path, source_id: str) -> SourceData | None:
    """The stored listings of ``source_id``, or None when there are none (or unreadable)."""
    raw = read_json(source_data_path(data_dir, source_id))
    if raw is None:
        return None
    try:
        return SourceData.model_validate(raw)
    except ValidationError:
        return None


def encode_source_data(data: SourceData) -> str:
    """The file text of ``data`` (what :func:`save_source_data` writes)."""
    # pydantic's serializer: the stdlib encoder is pure Python once indent is set, and
    # writing was a third of a cold fetch's CPU time in benchmarks/fetch.py.
    return data.model_dump_json(indent=2, exclude_none=True) + "\n"


def save_source_data(data_dir: Path, data: SourceData) -> None:
    write_text_atomic(source_data_path(data_dir, data.source), encode_source_data(data))

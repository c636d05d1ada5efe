"""The hand-written pages: all in the nav, headings in order, link texts that say where."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

CONTENT = REPO / "content"
GENERATED = ("listings/", "opportunities/")
PAGES = sorted(
    p.relative_to(CONTENT).as_posix()
    for p in CONTENT.rglob("*.md")
    if not p.relative_to(CONTENT).as_posix().startswith(GENERATED)
)
VAGUE_LINK_TEXTS = {"here", "click here", "this page", "read more", "more", "link", "this"}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python/name tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def _nav_pages(items: object) -> list[str]:
    if isinstance(items, str):
        return [items]
    if isinstance(items, list):
        return [page for item in items for page in _nav_pages(item)]
    if isinstance(items, dict):
        return [page for value in items.values() for page in _nav_pages(value)]
    return []


def _body(path: str) -> str:
    text = (CONTENT / path).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    # Headings and links inside code blocks are examples, not structure.
    return re.sub(r"^(\s*)(```|~~~).*?^\1\2", "", text, flags=re.DOTALL | re.MULTILINE)


def test_there_are_guidance_pages() -> None:
    assert len([p for p in PAGES if p.startswith("guide/")]) >= 10


def test_every_page_is_in_the_nav() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    generated = ["opportunities/index.md", "opportunities/sources.md"]
    assert sorted(_nav_pages(config["nav"])) == sorted([*PAGES, *generated])


@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_order(path: str) -> None:
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) \S", _body(path), re.MULTILINE)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{path}: h{before} is followed by h{after}"


@pytest.mark.parametrize("path", PAGES)
def test_link_texts_say_where_they_go(path: str) -> None:
    texts = re.findall(r"(?<!!)\[([^\]]+)\]\([^)]+\)", _body(path))
    vague = [t for t in texts if t.strip().lower().rstrip(".") in VAGUE_LINK_TEXTS]
    assert vague == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_description_for_search_and_sharing(path: str) -> None:
    text = (CONTENT / path).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
    assert meta.get("description"), f"{path} has no description in its front matter"


def test_guidance_is_in_the_search_index(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import TODAY, copy_board

    board = copy_board(tmp_path / "board")
    subprocess.run(
        [sys.executable, "-m", "boardgen", "-C", str(board), "--today", str(TODAY), "build"],
        check=True,
        capture_output=True,
    )
    index = json.loads((board / "site/search/search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in PAGES:
        url = "" if page == "index.md" else page.removesuffix("index.md").removesuffix(".md")
        url = url if url == "" or url.endswith("/") else url + "/"
        assert url in locations, page

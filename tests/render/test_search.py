"""The board's full-text search index: what a query finds (the browser tests check board.js
finds the same, through the built files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, copy_board, write_listing

from boardgen.config.project import Project
from boardgen.curate.board import Board
from boardgen.gather.board import load_board
from boardgen.render import search


def listing(name: str, title: str, *, skills: str = "[]", description: str, extra: str = "") -> str:
    return f"""\
id: {name}
title: {title}
organization:
  name: Search Test Org
apply_url: https://search.example/apply/{name}
opportunity_type: micro-internship
categories: [data-science]
skills: {skills}
work_mode: remote
compensation: {{kind: unpaid}}
posted_at: 2026-11-20
{extra}description: |
  {description}
"""


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    root = copy_board(tmp_path_factory.mktemp("search") / "board")
    write_listing(
        root,
        "st-studies.yml",
        listing("st-studies", "Case notes writer", description="Write two short zymurgies."),
    )
    write_listing(
        root,
        "st-cafe.yml",
        listing(
            "st-cafe",
            "Wobbléfritz menu translator",
            skills="[R, Übersetzung]",
            description='Translate a menu; see <a href="https://menu.example/zzhrefword">it</a>.',
        ),
    )
    write_listing(
        root,
        "st-analysis.yml",
        listing(
            "st-analysis",
            "Quaxanalysis sprint",
            description="Quaxanalysis of a reader grommet survey, then a short report.",
        ),
    )
    write_listing(
        root,
        "st-closed.yml",
        listing(
            "st-closed",
            "Closed quokka census",
            description="Count quokkas.",
            extra="status: closed\n",
        ),
    )
    return load_board(Project.open(root), today=TODAY)


@pytest.fixture(scope="module")
def files(board: Board) -> dict[str, str]:
    return search.index_files(board)


def found(board: Board, files: dict[str, str], query: str) -> set[str] | None:
    positions = search.find(files, query)
    if positions is None:
        return None
    return {board.open_listings[p].id for p in positions}


def test_words_are_split_and_normalised_as_the_browser_does() -> None:
    assert search.words("Café-Bar, C++ & R!") == ["cafe", "bar", "c", "r"]
    assert search.words("Übung STRASSE straße 2027") == ["ubung", "strasse", "straße", "2027"]
    assert search.words("snake_case") == ["snake", "case"]
    assert search.words(" ¡!? ") == []


def test_a_stem_finds_the_other_forms_of_a_word(board: Board, files: dict[str, str]) -> None:
    # "zymurgy" does not begin "zymurgies": only the stem groups them.
    assert found(board, files, "zymurgy") == {"st-studies"}
    assert found(board, files, "zymurgies") == {"st-studies"}


def test_a_word_finds_longer_words_it_begins(board: Board, files: dict[str, str]) -> None:
    assert found(board, files, "quaxan") == {"st-analysis"}
    assert found(board, files, "gromm") == {"st-analysis"}


def test_accents_and_case_do_not_matter(board: Board, files: dict[str, str]) -> None:
    assert found(board, files, "WOBBLEFRITZ") == {"st-cafe"}
    assert found(board, files, "wobbléfritz") == {"st-cafe"}
    assert found(board, files, "ubersetzung") == {"st-cafe"}


def test_a_one_letter_word_matches_only_itself(board: Board, files: dict[str, str]) -> None:
    hits = found(board, files, "r")
    assert hits is not None and "st-cafe" in hits
    # "reader", "report" and "short" hold an r but are not the word R.
    assert "st-analysis" not in hits


def test_every_word_of_a_query_must_match(board: Board, files: dict[str, str]) -> None:
    assert found(board, files, "grommet quaxanalysis") == {"st-analysis"}
    assert found(board, files, "grommet menu") == set()


def test_markup_and_closed_listings_are_not_searched(board: Board, files: dict[str, str]) -> None:
    assert found(board, files, "zzhrefword") == set()
    assert found(board, files, "quokka") == set()
    assert any(i.id == "st-closed" for i in board.listings), "the closed listing was loaded"


def test_a_query_without_words_searches_nothing(files: dict[str, str]) -> None:
    assert search.find(files, " ¡!? ") is None


def test_split_shards_find_the_same(
    board: Board, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SHARD_LIMIT", 300)
    small = search.index_files(board)
    keys = json.loads(small[search.MANIFEST])["keys"]
    assert len(keys) > len(json.loads(files[search.MANIFEST])["keys"])
    assert any(len(key) > 2 for key in keys), "some shard was split deeper"
    assert all(len(text) <= 300 or len(key) > 2 for key, text in _shards(small).items())
    for query in ("s", "st", "stu", "zymurgy", "grommet report", "r", "a", "an", "quax", "data"):
        assert search.find(small, query) == search.find(files, query), query


def _shards(files: dict[str, str]) -> dict[str, str]:
    keys = json.loads(files[search.MANIFEST])["keys"]
    return {key: files[f"{search.SHARDS}{search.shard_name(key)}.json"] for key in keys}


def test_the_built_site_serves_the_index(built: Path) -> None:
    board = load_board(Project.open(built), today=TODAY)
    folder = built / "site" / "opportunities"
    served = {
        rel: (folder / rel).read_text(encoding="utf-8")
        for rel in search.index_files(board)
        if (folder / rel).is_file()
    }
    assert served == search.index_files(board)
    assert not (built / "site" / "pagefind").exists()
    first = board.open_listings[0]
    title_word = max(search.words(first.title), key=len)
    hits = search.find(served, title_word)
    assert hits is not None and 0 in hits

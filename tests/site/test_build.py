"""`boardgen build`: the real MkDocs build of the sample board, and what a student sees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import HtmlCollector, RunCli, parse_html, write_listing

from boardgen.errors import BuildError
from boardgen.site.generate import write_pages


def _open_ids(board: Path, run_cli: RunCli) -> list[str]:
    return [row["id"] for row in json.loads(run_cli(board, "export").stdout)]


def _listing_pages(site: Path) -> set[str]:
    return {
        page.parent.name
        for page in (site / "opportunities").glob("*/index.html")
        if '<article class="bg-listing"' in page.read_text()
    }


def test_every_open_listing_has_a_page_and_a_card(built: Path, run_cli: RunCli) -> None:
    ids = _open_ids(built, run_cli)
    assert len(ids) >= 20
    board_html = (built / "site/opportunities/index.html").read_text()
    assert f"{len(ids)} open opportunities" in board_html
    for listing_id in ids:
        assert f'href="{listing_id}/"' in board_html
    # Open listings plus the one closed 12 days ago and the one expired 30 days ago.
    assert _listing_pages(built / "site") == {
        *ids,
        "lindenfield-health-data-coop",
        "mossbyte-playtest-report",
    }


def test_closed_listing_keeps_a_page_with_a_notice_then_goes(built: Path) -> None:
    board_html = (built / "site/opportunities/index.html").read_text()
    closed = built / "site/opportunities/lindenfield-health-data-coop/index.html"
    page = closed.read_text()
    assert "This opportunity closed on 10 November 2026" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "bg-apply" not in page and not parse_html(closed).data_scripts
    for gone in ("lindenfield-health-data-coop", "saltgate-exhibit-labels"):
        assert f'href="{gone}/"' not in board_html
    # Expired more than closed_page_days (30) ago: no page at all.
    for gone in ("saltgate-exhibit-labels", "alderbrook-legal-aid-externship"):
        assert not (built / f"site/opportunities/{gone}").exists()


def test_listing_page_shows_the_facts_and_an_example_badge(built: Path) -> None:
    page = (built / "site/opportunities/riverbend-survey-analysis/index.html").read_text()
    assert "Example</span>" in page
    assert "$400 fixed fee" in page
    assert "20 hours over 2 weeks" in page
    assert "15 January 2027 (54 days left)" in page
    assert 'href="https://riverbend-health.example/careers/survey-analysis"' in page
    assert 'rel="noopener noreferrer nofollow"' in page


def test_home_and_guidance_pages_are_built_and_linked(built: Path) -> None:
    home = parse_html(built / "site/index.html")
    assert "opportunities/" in home.links
    assert (built / "site/guide/staying-safe/index.html").is_file()
    assert (built / "site/reference/listing-fields/index.html").is_file()


def broken_links(board: Path) -> list[str]:
    """Internal links of the built site that lead nowhere."""
    site = board / "site"
    # 404.html links absolutely, under the path of site_url (https://host/boardgen/).
    prefix = "/" + str(yaml.safe_load((board / "site_config/board.yml").read_text())["site_url"])
    prefix = "/" + prefix.split("://", 1)[1].split("/", 1)[1]
    broken = []
    for page in site.rglob("*.html"):
        for href in parse_html(page).links:
            if re.match(r"^[a-z]+:", href) or href.startswith(("#", "//")):
                continue
            path = href.split("#")[0].split("?")[0]
            if path.startswith("/"):
                assert path.startswith(prefix), (page, href)
                target = (site / path.removeprefix(prefix)).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def test_every_internal_link_resolves(built: Path) -> None:
    assert broken_links(built) == []


def test_listing_pages_stay_out_of_the_search_index(built: Path) -> None:
    index = json.loads((built / "site/search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(
        loc.startswith("opportunities/") and loc != "opportunities/" for loc in locations
    )
    assert any(loc.startswith("guide/") for loc in locations)


def test_rebuild_without_changes_writes_nothing_and_skips_mkdocs(
    board: Path, run_cli: RunCli
) -> None:
    assert run_cli(board, "build").returncode == 0
    index = board / "site/index.html"
    before = index.stat().st_mtime_ns
    again = run_cli(board, "build")
    assert again.returncode == 0, again.stderr
    assert "site is up to date" in again.stderr and "0 written" in again.stderr
    assert index.stat().st_mtime_ns == before
    # An edited guidance page is something MkDocs reads: the next build runs it.
    guide = board / "content/guide/applying.md"
    guide.write_text(guide.read_text() + "\nOne more tip.\n")
    edited = run_cli(board, "build")
    assert "built site/" in edited.stderr
    assert "One more tip." in (board / "site/guide/applying/index.html").read_text()
    # So is a changed listing, through the pages generated from it.
    listing = board / "content/listings/riverbend-survey-analysis.yml"
    listing.write_text(listing.read_text().replace("Survey data analysis", "Survey crunching"))
    changed = run_cli(board, "build")
    assert "built site/" in changed.stderr and "0 written" not in changed.stderr
    page = board / "site/opportunities/riverbend-survey-analysis/index.html"
    assert "Survey crunching micro-internship" in page.read_text()


HOSTILE = """\
id: hostile-listing
title: '</title><script>alert("title")</script>'
organization:
  name: '"><img src=x onerror=alert(1)>'
apply_url: https://hostile.example/apply
opportunity_type: internship
work_mode: remote
compensation: {kind: unpaid}
posted_at: 2026-11-20
description: |
  <script>alert("description")</script>
  [click me](javascript:alert(1)) and <a href="data:text/html,x">data</a>
  <form action="https://evil.example"><input name="ssn"></form>
  <img src="javascript:alert(2)" onerror="alert(3)">
  <p onclick="alert(4)" style="color:red">Styled</p>
"""


def test_hostile_listing_renders_inert(board: Path, run_cli: RunCli) -> None:
    write_listing(board, "hostile-listing.yml", HOSTILE)
    result = run_cli(board, "build")
    assert result.returncode == 0, result.stderr
    listing_page = board / "site/opportunities/hostile-listing/index.html"
    board_page = board / "site/opportunities/index.html"
    for page, start, end in (
        (listing_page, '<article class="bg-listing"', "</article>"),
        (board_page, '<div class="bg-list"', "</ul>"),
    ):
        html_text = page.read_text()
        assert not any("alert" in script for script in parse_html(page).scripts)
        # The text "javascript:alert(1)" may show as words; it must never be a link target.
        for _, attrs in parse_html(page).tags:
            for value in attrs.values():
                assert not (value or "").strip().lower().startswith(("javascript:", "data:"))
        assert "</title><script" not in html_text and "<title></title>" not in html_text
        ours = HtmlCollector()
        ours.feed(html_text[html_text.index(start) : html_text.index(end, html_text.index(start))])
        for tag, attrs in ours.tags:
            assert tag not in {"form", "input", "img", "script", "iframe", "style"}, tag
            assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
    shown = listing_page.read_text()
    assert "&lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)" in shown or (
        "&lt;/title&gt;&lt;script&gt;alert(&quot;title&quot;)" in shown
    )


def test_generated_folder_is_not_a_place_for_hand_written_pages(tmp_path: Path) -> None:
    folder = tmp_path / "opportunities"
    folder.mkdir()
    (folder / "mine.md").write_text("# Mine")
    with pytest.raises(BuildError, match="did not write"):
        write_pages(folder, {"index.md": "x"})
    assert (folder / "mine.md").exists()


def test_stale_generated_pages_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "opportunities"
    first = write_pages(folder, {"index.md": "a", "old.md": "b"})
    second = write_pages(folder, {"index.md": "a"})
    assert (first.written, second.unchanged, second.removed) == (2, 1, 1)
    assert not (folder / "old.md").exists()


def test_invalid_listing_stops_the_build_before_writing(board: Path, run_cli: RunCli) -> None:
    write_listing(board, "bad.yml", "id: bad\ntitle: [oops\n")
    result = run_cli(board, "build")
    assert result.returncode == 1
    assert "content/listings/bad.yml:3:1: invalid YAML" in result.stderr
    assert not (board / "site").exists()
    assert not (board / "content/opportunities").exists()

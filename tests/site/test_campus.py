"""A campus board, walked as the guide does it: init, brand, translate, overlay, build."""

from __future__ import annotations

import glob
import html
import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import DATA, REPO, RunCli, parse_html
from fetchserver import FetchServer, Reply

from boardgen.config.starter import STARTER, WORKFLOW_CHANGES, destination, starter_paths
from boardgen.render import search
from boardgen.render.i18n import CATALOGS, EN, translator

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
GREENHOUSE = (FIXTURES / "greenhouse" / "generalassembly_embed_jobs_content_2013.json").read_bytes()
LEVER = (FIXTURES / "lever" / "palantir_postings_with_internship_2026.json").read_bytes()
JSON = {"Content-Type": "application/json"}


def listing(lid: str, title: str, org: str, posted: str, extra: str = "") -> str:
    return f"""id: {lid}
title: {title}
organization: {org}
apply_url: https://example.org/apply/{lid}
opportunity_type: micro-internship
categories: [data-science]
work_mode: remote
compensation: {{kind: hourly, min: 15, currency: EUR}}
deadline: 2026-12-15
posted_at: {posted}
description: |
  Clean and document a small research data set for a university team over two weeks,
  then write a short summary of what you changed and why, for the next student.
{extra}"""


def init_board(run_cli: RunCli, tmp_path: Path) -> Path:
    board = tmp_path / "campus-board"
    result = run_cli(
        tmp_path, "init", str(board), "--name", "Example U Board", "--campus", "Example U"
    )
    assert result.returncode == 0, result.stderr
    return board


def test_a_new_board_builds_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    board = init_board(run_cli, tmp_path)
    for part in ("mkdocs.yml", "site_config/board.yml", "site_config/sources.yml",
                 "content/guide/campus-in-15-minutes.md", "requirements.txt", "data",
                 ".github/workflows/update.yml", ".github/dependabot.yml",
                 "scripts/update-job.sh", ".gitignore"):  # fmt: skip
        assert (board / part).exists(), part
    # No engine code in the board: its templates come from the package.
    assert not (board / "site_config" / "overrides").exists()
    assert run_cli(board, "validate", "--strict").returncode == 0
    built = run_cli(board, "build")
    assert built.returncode == 0, built.stderr
    home = (board / "site" / "index.html").read_text(encoding="utf-8")
    assert "Example U Board" in home and "Content-Security-Policy" in home
    assert (board / "site" / "assets" / "board.css").is_file()


def test_init_refuses_a_folder_in_use_unless_forced(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    refused = run_cli(tmp_path, "init", str(target), "--name", "X")
    assert refused.returncode == 2
    assert "is not empty" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    forced = run_cli(tmp_path, "init", str(target), "--name", "X", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (target / "notes.txt").read_text() == "keep me"
    assert (target / "site_config" / "board.yml").is_file()


def test_init_refuses_a_bad_site_url_and_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = run_cli(tmp_path, "init", str(target), "--site-url", "ftp://example.org/")
    assert result.returncode == 2 and "--site-url" in result.stderr
    assert not target.exists()


def test_the_guide_walked_in_german_with_branding_and_overlays(
    run_cli: RunCli, tmp_path: Path, server: FetchServer
) -> None:
    board = init_board(run_cli, tmp_path)
    config = board / "site_config"
    # Step 2 of the guide: name, colours, language and the rest of the branding.
    text = (config / "board.yml").read_text(encoding="utf-8")
    text = text.replace('name: "Example U Board"', "name: Jobbörse der Hochschule Beispiel")
    text = text.replace("language: en", "language: de")
    text = text.replace("primary: indigo", "primary: deep-orange").replace(
        "accent: teal", "accent: amber"
    )
    text = text.replace("site_url: null", "site_url: https://jobs.example.edu/")
    text += (
        "announcement: {text: Jobmesse am 3. März, url: https://example.edu/messe}\n"
        "footer: © Career Service <Beispiel>\n"
        "social:\n  - link: https://www.instagram.com/example-careers/\n"
        "analytics: {provider: plausible, site: jobs.example.edu}\n"
    )
    (config / "board.yml").write_text(text, encoding="utf-8")
    # Step 3: sources (served on 127.0.0.1), listings, and the campus overlay.
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    server.routes["/lever"] = Reply(200, LEVER, JSON)
    (config / "sources.yml").write_text(
        "schema_version: 1\nsources:\n"
        f"  - {{id: ga, kind: greenhouse, url: '{server.url('/gh')}', "
        "allow_private_network: true}\n"
        f"  - {{id: pal, kind: lever, url: '{server.url('/lever')}', "
        "allow_private_network: true}\n",
        encoding="utf-8",
    )
    listings = board / "content" / "listings"
    (listings / "old-pinned.yml").write_text(
        listing("old-pinned", "Archive cataloguing project", "Example Museum", "2026-10-01")
    )
    (listings / "newer-one.yml").write_text(
        listing("newer-one", "Survey analysis sprint", "Acme Research", "2026-11-20")
    )
    (board / "content" / "campus" / "campus-lab.yml").write_text(
        listing("campus-lab", "Lab assistant for the physics department", "Example U", "2026-11-01")
    )
    (board / "content" / "campus" / "credit.md").write_text(
        "# Credit for your project\n\nAsk the Career Service how a project counts.\n"
    )
    (config / "overlay.yml").write_text(
        "schema_version: 1\n"
        "pinned: [old-pinned, no-such-listing]\n"
        "programs:\n"
        "  - {id: credit, label: Zählt als Studienleistung, organizations: [Example Museum]}\n"
        "hide:\n  - {source: pal, reason: not open to our students}\n"
        "pages:\n"
        "  - {title: Anrechnung, file: campus/credit.md, section: For career offices}\n",
        encoding="utf-8",
    )
    assert run_cli(board, "validate").returncode == 0
    fetched = run_cli(board, "fetch")
    assert fetched.returncode == 0, fetched.stderr
    built = run_cli(board, "build")
    assert built.returncode == 0, built.stderr
    assert "pinned listing 'no-such-listing' is not on the board" in built.stderr
    site = board / "site"

    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home
    assert "Jobbörse der Hochschule Beispiel" in home
    assert 'data-md-color-primary="deep-orange"' in home
    assert 'data-md-color-accent="amber"' in home
    assert "Jobmesse am 3. März" in home and 'href="https://example.edu/messe"' in home
    assert "© Career Service &lt;Beispiel&gt;" in home
    assert "instagram.com/example-careers" in home
    assert 'data-domain="jobs.example.edu"' in home
    assert "Endet bald" in home and "Neu diese Woche" in home
    assert "geprüft am 22. November 2026" in home
    # The pinned listing leads the home page's Featured section.
    featured = home.split('id="featured"')[1].split("</ul>")[0]
    assert "old-pinned/" in featured

    board_page = (site / "opportunities" / "index.html").read_text(encoding="utf-8")
    assert "Offene Angebote" in board_page
    cards = re.findall(r'<li class="bg-card"><h3><a href="([^"]+)/"', board_page)
    assert cards[0] == "old-pinned", "the pinned listing comes first though it is the oldest"
    assert "campus-lab" in cards and "newer-one" in cards
    assert any(c not in ("old-pinned", "newer-one", "campus-lab") for c in cards), "fetched"
    assert "Empfohlen" in board_page and "Nur für unseren Campus" in board_page
    # The interactive board speaks German too: its JavaScript's words, facets and cards.
    de = translator("de")
    attribute = re.search(r'data-strings="([^"]*)"', board_page)
    assert attribute, "the board page carries the JavaScript's strings"
    strings = json.loads(html.unescape(attribute.group(1)))
    assert strings["filters"] == "Filter" and strings["clear"] == "Alle Filter zurücksetzen"
    assert strings["save"] == "Merken" and strings["my_list"] == "Meine Liste"
    assert strings == {k.removeprefix("js."): de(k) for k in EN if k.startswith("js.")}
    index = json.loads((site / "opportunities" / "board" / "index.json").read_text())
    facet = {f["key"]: f for f in index["facets"]}
    assert facet["deadline"]["label"] == "Bewerbungsschluss"
    assert [f["label"] for f in index["facets"]] == [de(f"facet.{key}") for key in facet]
    assert facet["pay"]["labels"][:3] == ["Bezahlt", "Stipendium", "Unbezahlt"]
    assert facet["mode"]["labels"][2] == "Vor Ort" and "Praktikum" in facet["type"]["labels"]
    assert facet["year"]["labels"][0] == "Erstes Studienjahr"
    rows = json.loads((site / "opportunities" / "board" / "cards" / "0.json").read_text())
    pinned = next(row for row in rows if row[0] == "old-pinned")
    assert "15 € pro Stunde" in pinned[3]
    assert "Bewerbungsschluss: 15. Dezember 2026 (noch 23 Tage)" in pinned[3]
    # The hidden source's listings are nowhere on the site, but review says why.
    pal = json.loads((board / "data" / "sources" / "pal.json").read_text())["listings"]
    assert pal
    for item in pal:
        assert not (site / "opportunities" / item["id"]).exists()
    review = run_cli(board, "review")
    assert "source pal is hidden by site_config/overlay.yml (not open to our students)" in (
        review.stdout
    )

    page = (site / "opportunities" / "old-pinned" / "index.html").read_text(encoding="utf-8")
    assert "Bewerbungsschluss" in page and "15. Dezember 2026 (noch 23 Tage)" in page
    assert "15 € pro Stunde" in page
    assert "Bei Example Museum bewerben" in page
    # The listing page's Save / Mark applied buttons speak German too.
    keep = re.search(r'id="bg-keep"[^>]*data-strings="([^"]*)"', page)
    assert keep, "the listing page carries its Save button's words"
    assert json.loads(html.unescape(keep.group(1)))["save"] == "Merken"
    # So does the currency filter.
    currency = next(f for f in index["facets"] if f["key"] == "currency")
    assert "Euro (EUR)" in currency["labels"]
    assert 'bg-badge--program">Zählt als Studienleistung' in page
    card = board_page.split('href="old-pinned/"')[1].split("</li>")[0]
    assert "Zählt als Studienleistung" in card
    jsonld = parse_html(site / "opportunities" / "old-pinned" / "index.html").data_scripts
    assert json.loads(jsonld[0])["baseSalary"]["currency"] == "EUR", "JSON-LD stays data"

    feed = (site / "opportunities" / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert "<language>de</language>" in feed and "bei Example Museum" in feed
    nav = (site / "campus" / "credit" / "index.html").read_text(encoding="utf-8")
    assert "Anrechnung" in nav
    # Search stems words as German, the board's language (English would stem "chang").
    shard = site / "opportunities" / search.SHARDS / f"{search.shard_name('ch')}.json"
    words = json.loads(shard.read_text(encoding="utf-8"))
    assert words["s"][words["w"]["changed"]] == "changed"


def test_board_overrides_layer_on_top_of_the_package_templates(
    run_cli: RunCli, tmp_path: Path
) -> None:
    board = init_board(run_cli, tmp_path)
    (board / "content" / "listings" / "one.yml").write_text(
        listing("one", "Survey analysis sprint", "Acme Research", "2026-11-20")
    )
    overrides = board / "site_config" / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "copyright.html").write_text('<div class="campus-footer">Campus footer</div>\n')
    built = run_cli(board, "build")
    assert built.returncode == 0, built.stderr
    page = (board / "site" / "opportunities" / "one" / "index.html").read_text(encoding="utf-8")
    # The campus partial, inside the package's boardgen-page.html and main.html.
    assert '<div class="campus-footer">Campus footer</div>' in page
    assert "application/ld+json" in page and "Content-Security-Policy" in page


def test_an_old_board_yml_keeps_working_and_branding_asks_for_the_new_format(
    run_cli: RunCli, tmp_path: Path
) -> None:
    board = init_board(run_cli, tmp_path)
    path = board / "site_config" / "board.yml"
    path.write_text("schema_version: 1\nname: Old Board\nrules: {}\n")
    assert run_cli(board, "validate", "--strict").returncode == 0
    path.write_text("schema_version: 1\nname: Old Board\ncolors: {primary: teal}\n")
    result = run_cli(board, "validate")
    assert result.returncode == 1
    assert "site_config/board.yml:1:1: colors need the newer board.yml format: change " in (
        result.stdout
    )
    assert "'schema_version: 1' to 'schema_version: 2'" in result.stdout
    built = run_cli(board, "build")
    assert built.returncode == 1 and "schema_version: 2" in built.stderr


def test_branding_mistakes_are_named_with_a_fix(run_cli: RunCli, tmp_path: Path) -> None:
    board = init_board(run_cli, tmp_path)
    path = board / "site_config" / "board.yml"
    text = path.read_text(encoding="utf-8").replace("primary: indigo", "primary: deep-orang")
    text = text.replace("language: en", "language: dee")
    path.write_text(text, encoding="utf-8")
    (board / "site_config" / "overlay.yml").write_text(
        "schema_version: 1\nhide:\n  - source: example-greenhose\n"
    )
    out = run_cli(board, "validate").stdout
    assert re.search(r"board.yml:\d+:\d+: colors.primary: 'deep-orang' is not allowed: "
                     r"did you mean 'deep-orange'\?", out), out  # fmt: skip
    assert re.search(r"board.yml:\d+:\d+: language: 'dee' is not allowed: did you mean 'de'", out)
    # A file the board names must exist (checked once the file itself is valid).
    path.write_text(text.replace("deep-orang", "teal").replace("dee", "de") + "logo: a/b.svg\n")
    out = run_cli(board, "validate").stdout
    assert re.search(r"board.yml:\d+:1: logo: content/a/b.svg does not exist: add the file", out)
    assert re.search(r"overlay.yml:3:1: hide\[0\].source: 'example-greenhose' is not a source "
                     r"in sources.yml: did you mean 'example-greenhouse'\?", out), out  # fmt: skip


def test_every_translation_has_an_english_original_and_the_same_placeholders() -> None:
    for language, catalog in CATALOGS.items():
        for key, text in catalog.items():
            assert key in EN, f"{language}: {key} has no English entry"
            names = set(re.findall(r"\{(\w+)\}", EN[key]))
            assert set(re.findall(r"\{(\w+)\}", text)) == names, f"{language}: {key}"


def test_dates_and_money_follow_the_language() -> None:
    import datetime as dt

    de, en = translator("de"), translator("en")
    day = dt.date(2026, 11, 22)
    assert (de.date(day), en.date(day)) == ("22. November 2026", "22 November 2026")
    assert (de.money(15, "EUR"), en.money(15, "EUR")) == ("15 €", "€15")
    assert de.money(1500.5, "USD") == "1.500,50 $"
    assert (de.money_range(20, 25, "EUR"), en.money_range(20, 25, "USD")) == ("20–25 €", "$20–25")
    assert translator("xx").language == "en", "a language without a catalog reads English"


def test_starter_pages_and_scripts_are_the_sample_boards_own() -> None:
    """mkdocs.yml, the pages and the scripts a new board starts from are links to this
    board's files (a wheel holds their content), so the two can never drift apart."""
    shared = ("mkdocs.yml", "content/", "scripts/", "dependabot.yml")
    linked = [rel for rel in starter_paths() if rel.startswith(shared)]
    assert "content/guide/applying.md" in linked
    for rel in linked:
        starter = STARTER / rel
        assert starter.is_symlink(), f"boardgen/starter_files/{rel}: link it to {destination(rel)}"
        assert starter.resolve() == (REPO / destination(rel)).resolve(), rel


def test_package_data_ships_the_theme_and_the_starter() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["boardgen"]
    root = REPO / "boardgen"
    shipped = {m for p in patterns for m in glob.glob(p, root_dir=root, recursive=True)}
    for folder in ("theme", "starter_files"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path.relative_to(root).as_posix() in shipped, path


def test_an_old_fork_is_told_to_drop_its_copies_of_the_engine_templates(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A board made before the templates moved into the package kept copies of them."""
    board = init_board(run_cli, tmp_path)
    overrides = board / "site_config" / "overrides"
    overrides.mkdir()
    # The two files as boardgen 0.1.0 boards have them (one JSON file, so that git does not
    # take them for the templates that moved into boardgen/theme/).
    old = json.loads((DATA / "old_engine_copies.json").read_text(encoding="utf-8"))
    for name, text in old.items():
        (overrides / name).write_text(text, encoding="utf-8", newline="")
    result = run_cli(board, "validate", "--strict")
    assert result.returncode == 1
    assert "overrides/main.html:1:1: warning: an unmodified copy of a file boardgen " in (
        result.stdout
    )
    assert "overrides/boardgen-page.html:1:1: warning: an unmodified copy" in result.stdout
    # Still only a warning: the old board builds as before.
    assert run_cli(board, "build").returncode == 0


def test_init_asks_for_what_the_flags_leave_out() -> None:
    from boardgen.config.starter import NewBoard

    asked: list[str] = []

    def prompt(text: str, default: str = "") -> str:
        asked.append(text)
        return {"Campus or institution": "Example U"}.get(text, default)

    answers = NewBoard(site_url="https://example.edu/jobs/").ask(prompt)
    assert answers.campus == "Example U"
    assert answers.name == "Example U Opportunity Board", "the default names the campus"
    assert answers.site_url == "https://example.edu/jobs/"
    assert asked == ["Campus or institution", "Board name"], "nothing given is asked again"


def test_a_board_made_by_init_gets_the_scheduled_update_workflow() -> None:
    """When the engine repository has the update workflow, init must hand it to new boards."""
    workflow = REPO / ".github" / "workflows" / "update.yml"
    if not workflow.is_file():
        pytest.skip("no .github/workflows/update.yml in this repository yet")
    assert "workflows/update.yml" in starter_paths(), (
        "add a campus board's version of .github/workflows/update.yml (installing boardgen "
        "from requirements.txt) as boardgen/starter_files/workflows/update.yml"
    )
    expected = workflow.read_text(encoding="utf-8")
    for old, new in WORKFLOW_CHANGES:
        assert expected.count(old) == 1, f"update.yml changed: adapt WORKFLOW_CHANGES ({old!r})"
        expected = expected.replace(old, new)
    starter = (STARTER / "workflows" / "update.yml").read_text(encoding="utf-8")
    assert starter == expected, (
        "boardgen/starter_files/workflows/update.yml is behind .github/workflows/update.yml: "
        "copy it and apply boardgen.config.starter.WORKFLOW_CHANGES"
    )


def test_analytics_is_one_script_tag_of_the_chosen_provider() -> None:
    from boardgen.model import Analytics
    from boardgen.site.build import analytics_tag

    plausible = analytics_tag(Analytics(provider="plausible", site="jobs.example.edu"))
    assert plausible == {
        "src": "https://plausible.io/js/script.js",
        "attribute": "data-domain",
        "value": "jobs.example.edu",
    }
    goat = analytics_tag(
        Analytics(provider="goatcounter", site="exampleu", script="https://stats.example.edu/c.js")
    )
    assert goat == {
        "src": "https://stats.example.edu/c.js",
        "attribute": "data-goatcounter",
        "value": "https://exampleu.goatcounter.com/count",
    }


def test_a_social_icon_material_does_not_ship_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    board = init_board(run_cli, tmp_path)
    path = board / "site_config" / "board.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "social:\n  - link: https://example.edu/\n    icon: fontawesome/brands/nope\n"
    )
    out = run_cli(board, "validate").stdout
    assert "social[0].icon: 'fontawesome/brands/nope' is not an icon Material" in out


def test_other_parts_of_the_board_get_their_strings_by_prefix() -> None:
    de = translator("de")
    assert de.strings_with_prefix("badge.")["badge.featured"] == "Empfohlen"
    assert set(de.strings_with_prefix("sources.col.")) == {
        key for key in EN if key.startswith("sources.col.")
    }


def test_every_string_the_board_script_reads_is_in_the_catalog() -> None:
    script = (REPO / "boardgen" / "theme" / "assets" / "board.js").read_text(encoding="utf-8")
    read = set(re.findall(r"\bt\.(\w+)\b", script))
    assert {"filters", "save", "my_list", "card_deadline", "ics_summary"} <= read
    catalog = {key.removeprefix("js.") for key in EN if key.startswith("js.")}
    assert sorted(read - catalog) == [], "board.js reads a string with no js. entry in EN"
    assert sorted(catalog - read) == [], "a js. string board.js never shows"

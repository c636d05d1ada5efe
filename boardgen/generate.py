"""Turning the curated board into ordinary Markdown files for MkDocs (reader → writer).

:func:`render_pages` is pure: board in, ``{relative path: text}`` out. :func:`write_pages`
writes only files whose text changed and removes ones no longer produced, so a rebuild
with no change touches nothing and MkDocs' own caches stay warm.

Page bodies are HTML built here with every value escaped: listing text is untrusted, and
Python-Markdown would pass raw HTML in it straight through. Front matter goes into
Material's templates unescaped (MkDocs' Jinja has no autoescape), so its text is
neutralized by :func:`_meta_text`.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from boardgen import present
from boardgen.board import Board
from boardgen.errors import BuildError
from boardgen.schema import Listing, ListingStatus

GENERATED_MARKER = ".boardgen-generated"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _meta_text(text: str) -> str:
    # Material prints page.meta.title/description raw in <title> and content="...";
    # html-escaping would not help (striptags unescapes), so drop the characters that
    # could open a tag or close the attribute.
    return text.replace("<", "‹").replace(">", "›").replace('"', "'")


def _front_matter(meta: Mapping[str, object]) -> str:
    return "---\n" + yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False) + "---\n\n"


def listing_page(listing: Listing, board: Board) -> str:
    today = board.today
    badges = [f'<span class="bg-badge">{_e(present.type_label(listing))}</span>']
    if listing.example:
        badges.insert(0, '<span class="bg-badge bg-badge--example">Example</span>')
    if listing.status is ListingStatus.CLOSING_SOON:
        badges.append('<span class="bg-badge bg-badge--soon">Closing soon</span>')
    facts = [
        ("Type", present.type_label(listing)),
        ("Pay", present.pay_text(listing.compensation)),
        ("Effort", present.effort_text(listing.duration, listing.hours_per_week)),
        ("Where", present.where_text(listing)),
        ("Deadline", present.deadline_text(listing.deadline, today)),
    ]
    if listing.start_date:
        facts.append(("Starts", f"{listing.start_date.day} {listing.start_date:%B %Y}"))
    eligibility = _eligibility_text(listing)
    if eligibility:
        facts.append(("Who can apply", eligibility))
    if listing.skills:
        facts.append(("Skills", ", ".join(listing.skills)))
    fact_rows = "\n".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    org = listing.organization
    org_html = (
        f'<a href="{_e(org.url)}" rel="noopener nofollow">{_e(org.name)}</a>'
        if org.url
        else _e(org.name)
    )
    posted = listing.posted_at.isoformat() if listing.posted_at else "unknown"
    sources = ", ".join(source.id for source in listing.sources) or "unknown"
    body = f"""<article class="bg-listing" markdown="0">
<p class="bg-badges">{"".join(badges)}</p>
<h1>{_e(listing.title)}</h1>
<p class="bg-org">{org_html}</p>
<dl class="bg-facts">
{fact_rows}
</dl>
<p><a class="md-button md-button--primary bg-apply" href="{_e(listing.apply_url)}" \
rel="noopener noreferrer nofollow" target="_blank">Apply at {_e(org.name)}</a></p>
<h2>About the work</h2>
<div class="bg-description">
{listing.description}
</div>
<p class="bg-meta">Posted {posted} · Source: {_e(sources)} · \
<a href="../">All open opportunities</a></p>
</article>
"""
    meta = {
        "title": _meta_text(f"{listing.title} at {org.name}"),
        "description": _meta_text(listing.summary or listing.title),
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
    }
    return _front_matter(meta) + body


def _eligibility_text(listing: Listing) -> str:
    rules = listing.eligibility
    parts = [", ".join(year.value.replace("-", " ") for year in rules.class_years)]
    parts.append(", ".join(level.value.replace("-", " ") for level in rules.degree_levels))
    parts.append(", ".join(rules.majors))
    parts.append(rules.work_authorization or "")
    if rules.sponsorship is not None:
        parts.append("visa sponsorship offered" if rules.sponsorship else "no visa sponsorship")
    return "; ".join(part for part in parts if part)


def board_page(board: Board) -> str:
    listings = board.open_listings
    cards = "\n".join(_card(listing, board) for listing in listings)
    count = len(listings)
    body = f"""<div class="bg-board" markdown="0">
<h1>Open opportunities</h1>
<p class="bg-count">{count} open listing{"" if count == 1 else "s"}, newest first.</p>
<ul class="bg-cards">
{cards}
</ul>
</div>
"""
    meta = {
        "title": "Open opportunities",
        "description": _meta_text(f"{count} open opportunities on {board.config.name}."),
        "hide": ["toc"],
    }
    return _front_matter(meta) + body


def _card(listing: Listing, board: Board) -> str:
    example = '<span class="bg-badge bg-badge--example">Example</span> ' if listing.example else ""
    facts = " · ".join(
        _e(text)
        for text in (
            present.type_label(listing),
            present.pay_text(listing.compensation),
            present.where_text(listing),
            "Deadline: " + present.deadline_text(listing.deadline, board.today),
        )
    )
    return (
        f'<li class="bg-card"><h2><a href="{_e(listing.id)}/">{_e(listing.title)}</a></h2>'
        f'<p class="bg-card-org">{example}{_e(listing.organization.name)}</p>'
        f'<p class="bg-card-facts">{facts}</p></li>'
    )


def render_pages(board: Board) -> dict[str, str]:
    """Every generated page, keyed by its path inside the generated folder."""
    pages = {"index.md": board_page(board)}
    for listing in board.open_listings:
        pages[f"{listing.id}.md"] = listing_page(listing, board)
    return pages


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_pages(directory: Path, pages: Mapping[str, str]) -> WriteReport:
    """Make ``directory`` hold exactly ``pages``, writing only what changed (atomically).

    Refuses a non-empty folder that boardgen did not create, since stale files are deleted.
    """
    if (
        directory.is_dir()
        and not (directory / GENERATED_MARKER).exists()
        and any(directory.iterdir())
    ):
        raise BuildError(
            f"{directory} holds files boardgen did not write: it is the generated folder, "
            "so move hand-written pages elsewhere in content/"
        )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / GENERATED_MARKER).touch()
    written = unchanged = 0
    for name, text in pages.items():
        path = directory / name
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            unchanged += 1
            continue
        _atomic_write(path, data)
        written += 1
    removed = 0
    for stale in _stale_files(directory, pages):
        stale.unlink()
        removed += 1
    return WriteReport(written, unchanged, removed)


def _stale_files(directory: Path, keep: Iterable[str]) -> list[Path]:
    wanted = set(keep) | {GENERATED_MARKER}
    return [
        path
        for path in directory.rglob("*")
        if path.is_file() and path.relative_to(directory).as_posix() not in wanted
    ]


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

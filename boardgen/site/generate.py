"""Turning the curated board into ordinary files for MkDocs (generator → writer).

:func:`render_site` is pure: board in, ``{relative path: text or bytes}`` out: the pages
(:mod:`boardgen.render.pages`), feeds and calendars (:mod:`boardgen.render.feeds`) and open data.
:func:`write_pages` writes only files whose bytes changed and removes ones no longer
produced, so a rebuild with no change touches nothing. The files are ordinary Markdown and
static files, so any MkDocs-compatible builder can build them; no plugin or hook is needed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from boardgen.config.project import Project
from boardgen.curate.board import Board
from boardgen.errors import BuildError
from boardgen.model import Listing
from boardgen.render import export, facets, feeds, i18n, pages, search
from boardgen.site import forked

GENERATED_MARKER = ".boardgen-generated"


#: The home page includes this file (pymdownx.snippets); mkdocs.yml excludes it as a page.
HOME_SNIPPET = "_home.html"


def render_site(
    board: Board, health: Sequence[Mapping[str, object]] = ()
) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path inside the generated folder.

    ``health`` is one row per configured source (see ``boardgen.fetch.command``), for the
    Sources page.
    """
    files = shared_files(board, health)
    files.update(per_listing_files(board, pages.related_listings(board)))
    return files


def shared_files(
    board: Board, health: Sequence[Mapping[str, object]] = ()
) -> dict[str, str | bytes]:
    """The generated files about the whole board (all but :func:`per_listing_files`)."""
    files: dict[str, str | bytes] = {"sources.md": pages.sources_page(health, board)}
    files.update(pages.board_pages(board))
    files.update(pages.field_pages(board))
    files.update(pages.type_pages(board))
    files.update(pages.organization_pages(board))
    files[HOME_SNIPPET] = pages.home_section(board)
    files.update(data_files(board))
    files.update(facets.index_files(board))
    files.update(search.index_files(board))
    return files


def per_listing_files(
    board: Board, related: Mapping[str, Sequence[Listing]], index: int = 0, count: int = 1
) -> dict[str, str | bytes]:
    """Each listing's own files (its page and deadline calendar), of every ``count``-th
    listing from ``index``; ``related`` is :func:`boardgen.render.pages.related_listings`."""
    return dict(_per_listing(board, related, index, count))


def _per_listing(
    board: Board, related: Mapping[str, Sequence[Listing]], index: int, count: int
) -> Iterator[tuple[str, str | bytes]]:
    host = _calendar_host(board)
    links = pages.links_for(board)
    for listing in board.open_listings[index::count]:
        yield f"{listing.id}.md", pages.listing_page(listing, board, related.get(listing.id, []))
        if isinstance(listing.deadline, dt.date):
            yield (
                f"calendar/{listing.id}.ics",
                feeds.calendar(
                    board.tr("calendar.deadline", title=listing.title),
                    [_entry(listing, links)],
                    board.today,
                    host=host,
                    tr=board.tr,
                ),
            )
    for listing in board.closed_listings[index::count]:
        yield f"{listing.id}.md", pages.listing_page(listing, board, [])


def _calendar_host(board: Board) -> str:
    links = pages.links_for(board)
    return (urlsplit(links.site_url).hostname if links.site_url else None) or "boardgen"


def _entry(listing: Listing, links: pages.Links) -> feeds.Entry:
    return feeds.Entry(listing, links.page(listing.id) or f"opportunities/{listing.id}/")


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def data_files(board: Board) -> dict[str, str | bytes]:
    """The board's calendar, open data and (with a site_url, which feeds need) the feeds.

    Each listing's own calendar is one of :func:`per_listing_files`.
    """
    links = pages.links_for(board)
    today = board.today
    config = board.config
    tr = board.tr

    def entries(listings: list[Listing]) -> list[feeds.Entry]:
        return [_entry(item, links) for item in listings]

    everything = entries(board.open_listings)
    files: dict[str, str | bytes] = {
        # Material's instant navigation reads "sitemap.xml" beside every <link rel=alternate>
        # (meant for language versions), so each feed link costs a 404 and a console error
        # on every page; these empty sitemaps answer it.
        "feeds/sitemap.xml": EMPTY_SITEMAP,
        "feeds/fields/sitemap.xml": EMPTY_SITEMAP,
        "feeds/listings.json": export.to_json(board.open_listings, indent=None),
        "feeds/listings.csv": export.to_csv(board.open_listings),
        "feeds/deadlines.ics": feeds.calendar(
            tr("feed.deadlines", board=config.name),
            everything,
            today,
            host=_calendar_host(board),
            tr=tr,
        ),
    }
    if links.site_url is None:
        return files
    base = f"{links.site_url}opportunities/"
    newest = everything[: feeds.FEED_SIZE]
    files.update(
        _feed_set("feeds/", "feed", base, config.name, config.tagline, newest, today, tr=tr)
    )
    for slug, listings in board.by_field.items():
        label = pages.field_label(slug)
        files.update(
            _feed_set(
                "feeds/fields/",
                slug,
                base,
                tr("feed.field", board=config.name, label=label.lower()),
                tr("feed.field_description", label=label.lower(), board=config.name),
                entries(listings[: feeds.FEED_SIZE]),
                today,
                home=f"{base}fields/{slug}/",
                tr=tr,
            )
        )
    return files


def _feed_set(
    folder: str,
    stem: str,
    base: str,
    title: str,
    description: str,
    entries: list[feeds.Entry],
    today: dt.date,
    *,
    home: str | None = None,
    tr: i18n.Translator = i18n.ENGLISH,
) -> dict[str, str | bytes]:
    # The board-wide feeds are feeds/rss.xml, atom.xml and feed.json; a field's are
    # feeds/fields/<slug>.xml, .atom.xml and .json.
    names = (
        ("rss.xml", "atom.xml", "feed.json")
        if stem == "feed"
        else (f"{stem}.xml", f"{stem}.atom.xml", f"{stem}.json")
    )
    made: dict[str, str | bytes] = {}
    for name, render in zip(names, (feeds.rss, feeds.atom, feeds.json_feed), strict=True):
        info = feeds.FeedInfo(
            title=title,
            description=description or title,
            home_url=home or base,
            self_url=f"{base}{folder}{name}",
            language=tr.language,
            tr=tr,
        )
        made[f"{folder}{name}"] = render(info, entries, today)
    return made


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_pages(directory: Path, pages: Mapping[str, str | bytes]) -> WriteReport:
    """Make ``directory`` hold exactly ``pages``, writing only what changed (atomically).

    Refuses a non-empty folder that boardgen did not create, since stale files are deleted.
    """
    _claim(directory)
    written, unchanged = _write(directory, pages)
    return WriteReport(written, unchanged, _remove_stale(directory, pages))


def generate(
    directory: Path,
    board: Board,
    health: Sequence[Mapping[str, object]] = (),
    *,
    workers: int = 1,
) -> tuple[WriteReport, int]:
    """:func:`write_pages` of :func:`render_site`; returns the report and the file count.

    With ``workers`` above 1 (and where :func:`boardgen.site.forked.can_fork`), that many
    forked processes render and write the listings' own files, most of the work on a
    large board, while this one renders and writes the rest.
    """
    if workers < 2 or not forked.can_fork():
        files = render_site(board, health)
        return write_pages(directory, files), len(files)
    _claim(directory)
    related = pages.related_listings(board)

    def share(index: int, count: int) -> tuple[list[str], int, int]:
        # Written a batch at a time: a worker holding all its pages at once would add a
        # few hundred MB to the build's peak on a board of 10,000 listings.
        names: list[str] = []
        written = unchanged = 0
        items = _per_listing(board, related, index, count)
        while files := dict(itertools.islice(items, 200)):
            names += files
            done, same = _write(directory, files)
            written, unchanged = written + done, unchanged + same
        return names, written, unchanged

    def fail(message: str) -> BuildError:
        return BuildError(f"could not write the generated pages: {message}")

    with forked.Workers[tuple[list[str], int, int]](fail) as pool:
        pool.start(workers, share)
        shared = shared_files(board, health)
        written, unchanged = _write(directory, shared)
        names = list(shared)
        for part_names, part_written, part_unchanged in pool.results():
            names += part_names
            written += part_written
            unchanged += part_unchanged
    return WriteReport(written, unchanged, _remove_stale(directory, names)), len(names)


def _claim(directory: Path) -> None:
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
    marker = directory / GENERATED_MARKER
    if not marker.exists():  # touching it every time would wake `boardgen serve` again
        marker.touch()


def _write(directory: Path, pages: Mapping[str, str | bytes]) -> tuple[int, int]:
    """Write the files whose bytes changed; return how many were written and unchanged."""
    written = unchanged = 0
    for name, text in pages.items():
        path = directory / name
        data = text.encode("utf-8") if isinstance(text, str) else text
        if not path.exists():
            # Nothing to protect from a half-written replacement: write it directly
            # (a first build writes tens of thousands of files).
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        elif path.read_bytes() == data:
            unchanged += 1
            continue
        else:
            _atomic_write(path, data)
        written += 1
    return written, unchanged


def _remove_stale(directory: Path, keep: Iterable[str]) -> int:
    removed = 0
    for stale in _stale_files(directory, keep):
        stale.unlink()
        removed += 1
    return removed


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


def site_health(project: Project, today: dt.date) -> list[dict[str, object]]:
    """The Sources page's rows, as of the start of ``today`` (so a day's builds agree)."""
    from boardgen.fetch.command import source_health

    now = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    return [dict(row) for row in source_health(project, now)]

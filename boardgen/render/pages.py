"""The board's pages as Markdown files holding escaped HTML (pure: board in, text out).

Every page lives under the generated folder ``opportunities/`` of the docs directory and is
built with directory URLs, so links are written relative to a page's final address:
a listing ``<id>.md`` is served at ``opportunities/<id>/``. Raw HTML links are not rewritten
by MkDocs, which is why each renderer is told how deep its page sits (``up``).

Listing text is untrusted: every value is escaped with :func:`_e`; descriptions are HTML
that the board sanitized with nh3 when it took the listing in. Front matter is read by
Material's templates without escaping (MkDocs' Jinja has no autoescape), so its text goes
through :func:`meta_text`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from boardgen.curate.board import Board, org_slug
from boardgen.model import Listing, ListingStatus
from boardgen.render import facets, jsonld, present, search
from boardgen.render.i18n import ENGLISH, Translator

#: Cards per board, field or organization page; longer lists are split into pages.
PAGE_SIZE = 100
#: Cards in each home-page section.
HOME_CARDS = 6
RELATED = 4

_UNSAFE_META = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def meta_text(text: str) -> str:
    """Text safe to print raw inside an HTML attribute or <title> by a template.

    html-escaping would not help (Material's ``striptags`` unescapes), so the characters
    that could open a tag or close an attribute are swapped for look-alikes, and line
    breaks and control characters (which would also break the front matter) are dropped.
    """
    text = _UNSAFE_META.sub(" ", text)
    return " ".join(text.replace("<", "‹").replace(">", "›").replace('"', "'").split())


#: The override in site_config/overrides/ that prints a generated page's ``body``.
TEMPLATE = "boardgen-page.html"
# JSON leaves these raw, but YAML refuses them (C1 controls, surrogates, noncharacters) or
# reads them as line breaks (NEL, U+2028/9) unless escaped.
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def front_matter(meta: Mapping[str, object]) -> str:
    # JSON is YAML, and json.dumps is far faster than yaml.safe_dump on 10,000 pages.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    text = "\n".join(lines)
    text = _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return "---\n" + text + "\n---\n"


def page(meta: Mapping[str, object], body: str, *, structured: str | None = None) -> str:
    """A generated page: everything in front matter, for the override template to print.

    Python-Markdown would parse a page body of raw HTML tag by tag (about 2 ms for a
    listing page, more than the rest of MkDocs' work on it), while MkDocs reads front
    matter with libyaml. The HTML is complete and escaped already, so it skips Markdown.
    """
    full: dict[str, object] = {**meta, "template": TEMPLATE, "body": body}
    if structured:
        full["structured_data"] = structured
    return front_matter(full)


field_label = present.field_label


def long_date(day: dt.date, tr: Translator = ENGLISH) -> str:
    return tr.date(day)


@dataclass(frozen=True)
class Links:
    """Where the site's shared pages are, as absolute URLs when the board has a site_url."""

    site_url: str | None
    repo_url: str | None
    contact: str | None

    def page(self, listing_id: str) -> str | None:
        return f"{self.site_url}opportunities/{listing_id}/" if self.site_url else None


def links_for(board: Board) -> Links:
    site = board.config.site_url
    if site and not site.endswith("/"):
        site += "/"
    return Links(site, board.config.repo_url, board.config.contact)


# --- listing pages ---------------------------------------------------------------------------


def listing_page(listing: Listing, board: Board, related: Sequence[Listing]) -> str:
    today = board.today
    tr = board.tr
    links = links_for(board)
    closed = listing.status not in (ListingStatus.OPEN, ListingStatus.CLOSING_SOON)
    org = listing.organization
    slug = org_slug(org.name)
    # A closed listing's organization, field or type may have no open listings, and so no page.
    org_html = (
        _link(f"../organizations/{slug}/", org.name)
        if slug in board.by_organization
        else _e(org.name)
    )
    badges = _overlay_badges(listing, board)
    badges.append(f'<span class="bg-badge">{_e(present.type_label(listing, tr))}</span>')
    if listing.example:
        badges.insert(0, f'<span class="bg-badge bg-badge--example">{tr("badge.example")}</span>')
    if listing.status is ListingStatus.CLOSING_SOON:
        badges.append(f'<span class="bg-badge bg-badge--soon">{tr("badge.closing_soon")}</span>')
    if closed:
        badges.append(f'<span class="bg-badge bg-badge--closed">{tr("badge.closed")}</span>')

    facts = [
        (
            tr("facts.type"),
            _maybe_link(
                board.by_type,
                "types",
                listing.opportunity_type.value,
                present.type_label(listing, tr),
            ),
        ),
        (tr("facts.pay"), _e(present.pay_text(listing.compensation, tr))),
        (tr("facts.effort"), _e(present.effort_text(listing.duration, listing.hours_per_week, tr))),
        (tr("facts.where"), _e(present.where_text(listing, tr))),
        (
            tr("facts.deadline"),
            _e(present.deadline_text(listing.deadline, today, relative=not closed, tr=tr)),
        ),
    ]
    if listing.start_date:
        facts.append((tr("facts.starts"), _e(tr.date(listing.start_date))))
    eligibility = eligibility_text(listing, tr)
    if eligibility:
        facts.append((tr("facts.eligibility"), _e(eligibility)))
    if listing.skills:
        facts.append((tr("facts.skills"), _e(", ".join(listing.skills))))
    if listing.categories:
        fields = ", ".join(
            _maybe_link(board.by_field, "fields", field, field_label(field))
            for field in listing.categories
        )
        facts.append((tr("facts.fields"), fields))
    programs = board.programs_of(listing)
    if programs:
        facts.append((tr("facts.programs"), _e(", ".join(programs))))
    fact_rows = "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)

    org_line = org_html
    if org.url:
        org_line += (
            f' · <a href="{_e(org.url)}" rel="noopener nofollow">{tr("listing.website")}</a>'
        )

    if closed:
        closed_title = (
            tr("listing.closed_title_on", date=tr.date(listing.closed_at))
            if listing.closed_at
            else tr("listing.closed_title")
        )
        action = (
            '<div class="admonition warning bg-closed" role="status">'
            f'<p class="admonition-title">{_e(closed_title)}</p>'
            f'<p>{tr("listing.closed_text")} <a href="../">{tr("listing.see_open")}</a>.</p></div>'
        )
    else:
        action = (
            f'<p class="bg-actions"><a class="md-button md-button--primary bg-apply" '
            f'href="{_e(listing.apply_url)}" rel="noopener noreferrer nofollow" '
            f'target="_blank">{tr("listing.apply", org=_e(org.name))}</a>'
        )
        if isinstance(listing.deadline, dt.date):
            action += (
                f' <a class="md-button bg-ics" href="../calendar/{listing.id}.ics" '
                f'download="{listing.id}-deadline.ics">{tr("listing.add_to_calendar")}</a>'
            )
        action += "</p>"
        # Save / Mark applied, drawn by board.js into the visitor's list (no JavaScript: none).
        action += (
            f'<div id="bg-keep" class="bg-keep" data-card="{_e(facets.keep_card(listing))}" '
            f'data-strings="{_e(facets.keep_strings(tr))}"></div>'
        )

    report = report_link(listing, links)
    checked = listing.last_seen.date() if listing.last_seen else today
    meta_line = [
        tr("listing.posted", date=tr.date(listing.posted_at)) if listing.posted_at else "",
        tr("listing.source", sources=source_text(listing, tr)),
        tr("listing.checked", date=tr.date(checked)),
    ]
    footer = " · ".join(part for part in meta_line if part)
    if report:
        footer += f' · <a href="{_e(report)}" rel="nofollow">{tr("listing.report")}</a>'

    more = ""
    if related:
        cards = "\n".join(card(item, board, up="../") for item in related)
        more = (
            f'<h2 id="related">{tr("listing.related")}</h2>\n<ul class="bg-cards">\n{cards}\n</ul>'
        )

    structured = None
    if not closed:
        posting = jsonld.job_posting(listing, page_url=links.page(listing.id), today=today)
        structured = jsonld.dumps(posting)

    body = f"""<article class="bg-listing">
<p class="bg-badges">{"".join(badges)}</p>
<h1>{_e(listing.title)}</h1>
<p class="bg-org">{org_line}</p>
{action}
<dl class="bg-facts">
{fact_rows}
</dl>
<h2 id="about">{tr("listing.about")}</h2>
<div class="bg-description">
{listing.description}
</div>
<p class="bg-meta">{footer}</p>
{more}
</article>
"""
    meta: dict[str, object] = {
        "title": meta_text(tr("listing.title", title=listing.title, org=org.name)),
        "description": meta_text(listing.summary or listing.title),
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
    }
    if closed:
        meta["robots"] = "noindex"
    return page(meta, body, structured=structured)


def _link(href: str, text: str) -> str:
    return f'<a href="{_e(href)}">{_e(text)}</a>'


def _maybe_link(groups: Mapping[str, object], folder: str, key: str, text: str) -> str:
    return _link(f"../{folder}/{key}/", text) if key in groups else _e(text)


def _overlay_badges(listing: Listing, board: Board) -> list[str]:
    """Featured (pinned), campus-only and campus-program badges, as HTML."""
    tr = board.tr
    badges = []
    if listing.id in board.overlay.pinned:
        badges.append(f'<span class="bg-badge bg-badge--featured">{tr("badge.featured")}</span>')
    if listing.campus_only:
        badges.append(f'<span class="bg-badge bg-badge--campus">{tr("badge.campus")}</span>')
    badges += [
        f'<span class="bg-badge bg-badge--program">{_e(label)}</span>'
        for label in board.programs_of(listing)
    ]
    return badges


def eligibility_text(listing: Listing, tr: Translator = ENGLISH) -> str:
    rules = listing.eligibility
    parts = [", ".join(tr(f"year.{year.value}") for year in rules.class_years)]
    parts.append(", ".join(tr(f"degree.{level.value}") for level in rules.degree_levels))
    parts.append(", ".join(rules.majors))
    parts.append(rules.work_authorization or "")
    if rules.sponsorship is not None:
        parts.append(
            tr("listing.sponsorship_yes" if rules.sponsorship else "listing.sponsorship_no")
        )
    return "; ".join(part for part in parts if part)


def source_text(listing: Listing, tr: Translator = ENGLISH) -> str:
    """Attribution as HTML: each source, linked back where the source gave a page."""
    shown = []
    for ref in listing.sources:
        if ref.kind == "contributed":
            shown.append(tr("listing.contributed"))
        elif ref.url:
            shown.append(f'<a href="{_e(ref.url)}" rel="noopener nofollow">{_e(ref.id)}</a>')
        else:
            shown.append(_e(ref.id))
    return ", ".join(shown) or tr("listing.source_unknown")


def report_link(listing: Listing, links: Links) -> str | None:
    """A prefilled "new issue" link on the board's repository (or its contact address)."""
    where = links.page(listing.id) or listing.id
    if links.repo_url:
        query = urlencode(
            {
                "title": f"Problem with listing: {listing.id}",
                "labels": "listing-report",
                "body": f"Listing: {where}\nApply link: {listing.apply_url}\n\n"
                "What is wrong with it? (scam signs, wrong facts, closed, broken link)\n",
            }
        )
        return f"{links.repo_url.rstrip('/')}/issues/new?{query}"
    if links.contact and "@" in links.contact and "/" not in links.contact:
        return f"mailto:{links.contact}?{urlencode({'subject': f'Listing {listing.id}'})}"
    return links.contact


def related_listings(board: Board) -> dict[str, list[Listing]]:
    """Up to RELATED neighbours of each open listing in its first field (or else its type).

    Neighbours in the field's newest-first order rather than a similarity search: O(1) per
    listing, which keeps generation linear on boards of tens of thousands of listings.
    """

    def first_field(item: Listing) -> str | None:
        return item.categories[0] if item.categories else None

    def type_if_no_field(item: Listing) -> str | None:
        return None if item.categories else item.opportunity_type.value

    related: dict[str, list[Listing]] = {}
    key_of: Callable[[Listing], str | None]
    for groups, key_of in ((board.by_field, first_field), (board.by_type, type_if_no_field)):
        for key, members in groups.items():
            for index, item in enumerate(members):
                if key_of(item) == key:
                    window = members[max(0, index - 2) : index] + members[index + 1 : index + 3]
                    related[item.id] = window[:RELATED]
    return related


# --- cards and lists -------------------------------------------------------------------------


def card(listing: Listing, board: Board, *, up: str) -> str:
    """One listing as a card; ``up`` leads from the current page to ``opportunities/``.

    A listing's card appears on about nine pages (board, fields, type, organization,
    related), so its text is built once per board and only the link prefix varies.
    """
    cards: dict[str, tuple[str, str]] = board.render_cache.setdefault("cards", {})
    parts = cards.get(listing.id)
    if parts is None:
        parts = cards[listing.id] = _card_parts(listing, board)
    return f"{parts[0]}{up}{parts[1]}"


def _card_parts(listing: Listing, board: Board) -> tuple[str, str]:
    tr = board.tr
    badges = "".join(f"{badge} " for badge in _overlay_badges(listing, board))
    if listing.example:
        badges += f'<span class="bg-badge bg-badge--example">{tr("badge.example")}</span> '
    if listing.status is ListingStatus.CLOSING_SOON:
        badges += f'<span class="bg-badge bg-badge--soon">{tr("badge.closing_soon")}</span> '
    facts = " · ".join(
        _e(text)
        for text in (
            present.type_label(listing, tr),
            present.pay_text(listing.compensation, tr),
            present.effort_text(listing.duration, listing.hours_per_week, tr),
            present.where_text(listing, tr),
            tr(
                "card.deadline",
                deadline=present.deadline_text(listing.deadline, board.today, tr=tr),
            ),
        )
    )
    return (
        '<li class="bg-card"><h3><a href="',
        f'{listing.id}/">{_e(listing.title)}</a></h3>'
        f'<p class="bg-card-org">{badges}{_e(listing.organization.name)}</p>'
        f'<p class="bg-card-facts">{facts}</p></li>',
    )


def _cards(listings: Sequence[Listing], board: Board, up: str) -> str:
    inner = "\n".join(card(item, board, up=up) for item in listings)
    return f'<ul class="bg-cards">\n{inner}\n</ul>'


def _pager(number: int, total: int, base_up: str, tr: Translator = ENGLISH) -> str:
    """Links between the pages of one list; ``base_up`` leads from page ``number`` to page 1."""
    if total <= 1:
        return ""

    def href(n: int) -> str:
        return base_up if n == 1 else f"{base_up}page/{n}/"

    parts = []
    if number > 1:
        parts.append(f'<a href="{href(number - 1)}" rel="prev">{tr("list.newer")}</a>')
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    last = 0
    for n in shown:
        if n - last > 1:
            parts.append("<span>…</span>")
        if n == number:
            parts.append(f'<span aria-current="page">{n}</span>')
        else:
            parts.append(f'<a href="{href(n)}">{n}</a>')
        last = n
    if number < total:
        parts.append(f'<a href="{href(number + 1)}" rel="next">{tr("list.older")}</a>')
    return f'<nav class="bg-pager" aria-label="{tr("list.pages")}">{" ".join(parts)}</nav>'


def paged_list(
    path: str,
    listings: Sequence[Listing],
    board: Board,
    *,
    title: str,
    intro: str,
    description: str,
    extra_meta: Mapping[str, object] | None = None,
    app: str = "",
) -> dict[str, str]:
    """A list of cards split into PAGE_SIZE pages: ``<path>.md``, ``<path>/page/N.md``.

    ``path`` is relative to the generated folder ("index" for the board itself). ``app``
    is HTML put before page 1's cards, which (in ``bg-server``) it may replace.
    """
    depth = 0 if path == "index" else path.count("/") + 1
    total = max(1, -(-len(listings) // PAGE_SIZE))
    pages: dict[str, str] = {}
    for number in range(1, total + 1):
        chunk = listings[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        page_depth = depth + (2 if number > 1 else 0)
        up = "../" * page_depth
        base_up = "../" * (page_depth - depth) or "./"
        heading = (
            title
            if number == 1
            else board.tr("list.page_of", title=title, number=number, total=total)
        )
        none = f"<p>{board.tr('list.none')}</p>"
        listed = _cards(chunk, board, up) if chunk else none
        listed = f"{listed}\n{_pager(number, total, base_up, board.tr)}"
        if app and number == 1:
            listed = f'{app}\n<div class="bg-server">\n{listed}\n</div>'
        body = f'<div class="bg-list">\n<h1>{_e(heading)}</h1>\n{intro}\n{listed}\n</div>\n'
        meta: dict[str, object] = {
            "title": meta_text(heading),
            "description": meta_text(description),
            "search": {"exclude": True},
            "hide": ["toc"],
            **(extra_meta or {}),
        }
        name = (
            f"{path}.md"
            if number == 1
            else (f"page/{number}.md" if path == "index" else f"{path}/page/{number}.md")
        )
        pages[name] = page(meta, body)
    return pages


def count_text(count: int, tr: Translator = ENGLISH) -> str:
    return tr.plural("count.open", count)


# --- browse pages ----------------------------------------------------------------------------


def board_pages(board: Board) -> dict[str, str]:
    tr = board.tr
    listings = board.board_order
    count = count_text(len(listings), tr)
    intro = f'<p class="bg-count">{tr("board.intro", count=count, up="{up}")}</p>'
    pages = paged_list(
        "index",
        listings,
        board,
        title=tr("board.title"),
        intro=intro,
        description=tr("board.description", count=count, board=board.config.name),
        app=board_app(tr),
    )
    # The intro links from page 1 (at opportunities/) or page N (two folders deeper).
    return {
        name: text.replace("{up}", "" if name == "index.md" else "../../")
        for name, text in pages.items()
    }


def board_app(tr: Translator = ENGLISH) -> str:
    """Where the board's JavaScript (assets/board.js) mounts: its data and its words.

    Strings travel in an attribute, not a <script type="application/json">: Material's
    instant navigation re-runs every script in the page body as JavaScript.
    """
    return (
        f'<div id="bg-app" class="bg-app" data-index="{facets.FOLDER}index.json" '
        f'data-search="{search.MANIFEST}" '
        f'data-strings="{_e(facets.strings_json(tr))}"></div>'
    )


def field_pages(board: Board) -> dict[str, str]:
    tr = board.tr
    pages: dict[str, str] = {}
    for slug, listings in board.by_field.items():
        label = field_label(slug)
        feeds = (
            f'<p class="bg-count">'
            f"{_e(tr('field.intro', count=count_text(len(listings), tr), field=label.lower()))} "
            f'<a href="{{up}}feeds/fields/{slug}.xml">RSS</a>, '
            f'<a href="{{up}}feeds/fields/{slug}.atom.xml">Atom</a> {tr("or")} '
            f'<a href="{{up}}feeds/fields/{slug}.json">JSON Feed</a>.</p>'
        )
        made = paged_list(
            f"fields/{slug}",
            listings,
            board,
            title=tr("field.title", label=label),
            intro=feeds,
            description=tr("field.description", label=label.lower(), board=board.config.name),
            extra_meta={"feed": f"opportunities/feeds/fields/{slug}.xml"},
        )
        for name, text in made.items():
            up = "../../" if "/page/" not in name else "../../../../"
            pages[name] = text.replace("{up}", up)
    pages["fields/index.md"] = _index_page(
        tr("field.index"),
        [(f"{slug}/", field_label(slug), len(items)) for slug, items in board.by_field.items()],
        board,
    )
    return pages


def type_pages(board: Board) -> dict[str, str]:
    tr = board.tr
    pages: dict[str, str] = {}
    for kind, listings in board.by_type.items():
        label = tr(f"type.{kind}")
        pages.update(
            paged_list(
                f"types/{kind}",
                listings,
                board,
                title=tr("field.title", label=label),
                intro=f'<p class="bg-count">{count_text(len(listings), tr)}.</p>',
                description=tr("field.description", label=label.lower(), board=board.config.name),
            )
        )
    pages["types/index.md"] = _index_page(
        tr("type.index"),
        [(f"{k}/", tr(f"type.{k}"), len(v)) for k, v in board.by_type.items()],
        board,
    )
    return pages


def organization_pages(board: Board) -> dict[str, str]:
    tr = board.tr
    pages: dict[str, str] = {}
    names: list[tuple[str, str, int]] = []
    for slug, listings in board.by_organization.items():
        org = listings[0].organization
        site = (
            f' {tr("org.website")} <a href="{_e(org.url)}" rel="noopener nofollow">'
            f"{_e(org.url)}</a>."
            if org.url
            else ""
        )
        count = count_text(len(listings), tr)
        pages.update(
            paged_list(
                f"organizations/{slug}",
                listings,
                board,
                title=org.name,
                intro=f'<p class="bg-count">{_e(tr("org.intro", count=count, org=org.name))}'
                f"{site}</p>",
                description=tr("org.description", org=org.name, board=board.config.name),
            )
        )
        names.append((f"{slug}/", org.name, len(listings)))
    names.sort(key=lambda row: row[1].casefold())
    pages["organizations/index.md"] = _index_page(tr("org.index"), names, board)
    return pages


def _index_page(title: str, rows: Sequence[tuple[str, str, int]], board: Board) -> str:
    tr = board.tr
    items = "\n".join(
        f'<li><a href="{_e(href)}">{_e(label)}</a> <span class="bg-n">{n}</span></li>'
        for href, label, n in rows
    )
    body = (
        f'<div class="bg-list">\n<h1>{_e(title)}</h1>\n'
        f'<ul class="bg-chips">\n{items}\n</ul>\n'
        f'<p><a href="../">{tr("index.all")}</a></p>\n</div>\n'
    )
    meta = {
        "title": meta_text(title),
        "description": meta_text(tr("index.description", title=title, board=board.config.name)),
        "search": {"exclude": True},
        "hide": ["toc"],
    }
    return page(meta, body)


def home_section(board: Board) -> str:
    """The home page's live part, included into content/index.md as a snippet."""
    tr = board.tr
    up = "opportunities/"
    listings = board.open_listings
    orgs = len(board.by_organization)
    soon_days = board.config.closing_soon_days
    soon = board.closing_soon[:HOME_CARDS]
    new = board.new_this_week[:HOME_CARDS]
    soon_html = (
        _cards(soon, board, up) if soon else f"<p>{tr('home.no_deadlines', n=soon_days)}</p>"
    )
    new_html = _cards(new, board, up) if new else f"<p>{tr('home.nothing_new')}</p>"
    featured = ""
    if board.featured:
        featured = (
            f'<h2 id="featured">{tr("home.featured")}</h2>\n'
            f"{_cards(board.featured[:HOME_CARDS], board, up)}\n"
        )
    fields = "\n".join(
        f'<li><a href="{up}fields/{slug}/">{_e(field_label(slug))}</a> '
        f'<span class="bg-n">{len(items)}</span></li>'
        for slug, items in board.by_field.items()
    )
    types = "\n".join(
        f'<li><a href="{up}types/{kind}/">{_e(tr(f"type.{kind}"))}</a> '
        f'<span class="bg-n">{len(items)}</span></li>'
        for kind, items in board.by_type.items()
    )
    more_soon = (
        f' <a href="{up}">{tr("home.see_all")}</a>' if len(board.closing_soon) > HOME_CARDS else ""
    )
    count = tr.plural(
        "home.count", orgs, count=count_text(len(listings), tr), date=tr.date(board.today)
    )
    return f"""<div class="bg-home" markdown="0">
<p class="bg-count">{count} <a href="{up}">{tr("home.browse_all")}</a>.</p>
{featured}<h2 id="closing-soon">{tr("home.closing_soon")}</h2>
<p>{tr("home.deadlines_within", n=soon_days)}{more_soon}</p>
{soon_html}
<h2 id="new-this-week">{tr("home.new")}</h2>
{new_html}
<h2 id="by-field">{tr("home.by_field")}</h2>
<ul class="bg-chips">
{fields}
</ul>
<h2 id="by-type">{tr("home.by_type")}</h2>
<ul class="bg-chips">
{types}
</ul>
</div>
"""


def sources_page(rows: Sequence[Mapping[str, object]], board: Board) -> str:
    """Where the listings come from, and how each source is doing (``boardgen status``)."""
    tr = board.tr
    contributed = sum(
        1 for item in board.open_listings if any(r.kind == "contributed" for r in item.sources)
    )

    def when(value: object) -> str:
        return _e(str(value)[:10]) if value else tr("sources.never")

    body_rows = "\n".join(
        f"<tr><td>{_e(str(row['name']))}</td><td>{_e(str(row['kind']))}</td>"
        f"<td>{_e(str(row['health']))}</td><td>{_e(str(row['listings']))}</td>"
        f"<td>{when(row['last_success'])}</td><td>{_e(str(row['consecutive_failures']))}</td>"
        f"<td>{_e(str(row['error'] or ''))}</td></tr>"
        for row in rows
    )
    columns = ("source", "kind", "health", "listings", "last_success", "failures", "problem")
    head = "".join(f"<th>{tr(f'sources.col.{name}')}</th>" for name in columns)
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{body_rows}\n</tbody></table>"
        if rows
        else f"<p>{tr('sources.none')}</p>"
    )
    intro = tr(
        "sources.intro",
        contributed=tr.plural("sources.contributed", contributed),
        date=tr.date(board.today),
    )
    body = f"""<div class="bg-list">
<h1>{tr("sources.title")}</h1>
<p>{intro}</p>
{table}
</div>
"""
    meta = {
        "title": tr("sources.title"),
        "description": meta_text(tr("sources.description", board=board.config.name)),
        "search": {"exclude": True},
        "hide": ["toc"],
    }
    return page(meta, body)

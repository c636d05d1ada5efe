"""Feeds and calendars of the board (pure: listings in, bytes out).

RSS 2.0 and Atom come from feedgen; JSON Feed 1.1 is plain JSON; calendars are written
here (see :func:`calendar`).
Every timestamp derives from the listings and the build day, never the clock, so the same
board gives byte-identical files and an unchanged board rewrites nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from boardgen.model import Listing
from boardgen.render import present
from boardgen.render.i18n import ENGLISH, Translator

#: How many of the newest listings a feed carries.
FEED_SIZE = 50


@dataclass(frozen=True)
class FeedInfo:
    """What a feed is about, and where it and the board live (absolute URLs)."""

    title: str
    description: str
    home_url: str
    self_url: str
    language: str = "en"
    #: The interface strings of the board's language (entry titles, facts).
    tr: Translator = ENGLISH


@dataclass(frozen=True)
class Entry:
    listing: Listing
    page_url: str


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _published(item: Listing, today: dt.date) -> dt.datetime:
    if item.posted_at:
        return _midnight(item.posted_at)
    return item.first_seen or _midnight(today)


def _facts(item: Listing, today: dt.date, tr: Translator) -> str:
    return " · ".join(
        (
            present.type_label(item, tr),
            present.pay_text(item.compensation, tr),
            present.where_text(item, tr),
            # A reader keeps the text for weeks, so no "N days left" here.
            tr(
                "card.deadline",
                deadline=present.deadline_text(item.deadline, today, relative=False, tr=tr),
            ),
        )
    )


def _generator(info: FeedInfo, entries: Sequence[Entry], today: dt.date) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(info.self_url)
    feed.title(info.title)
    feed.subtitle(info.description)
    # feedgen gives RSS's channel <link> the last link set: the page, not the feed itself.
    feed.link(href=info.self_url, rel="self")
    feed.link(href=info.home_url, rel="alternate")
    feed.language(info.language)
    feed.generator("boardgen")
    feed.author({"name": info.title})
    newest = max((_published(e.listing, today) for e in entries), default=_midnight(today))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for entry in entries:
        item = entry.listing
        fe = feed.add_entry(order="append")
        fe.id(entry.page_url)
        fe.guid(entry.page_url, permalink=True)
        fe.title(info.tr("listing.title", title=item.title, org=item.organization.name))
        fe.link(href=entry.page_url)
        fe.published(_published(item, today))
        fe.updated(_published(item, today))
        fe.author({"name": item.organization.name})
        fe.summary(f"{_facts(item, today, info.tr)}. {item.summary}".strip())
        for field in item.categories:
            fe.category(term=field)
    return feed


def rss(info: FeedInfo, entries: Sequence[Entry], today: dt.date) -> bytes:
    return bytes(_generator(info, entries, today).rss_str(pretty=True))


def atom(info: FeedInfo, entries: Sequence[Entry], today: dt.date) -> bytes:
    return bytes(_generator(info, entries, today).atom_str(pretty=True))


def json_feed(info: FeedInfo, entries: Sequence[Entry], today: dt.date) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for entry in entries:
        item = entry.listing
        items.append(
            {
                "id": entry.page_url,
                "url": entry.page_url,
                "external_url": item.apply_url,
                "title": info.tr("listing.title", title=item.title, org=item.organization.name),
                "summary": _facts(item, today, info.tr),
                "content_html": item.description,
                "date_published": _published(item, today).isoformat(),
                "authors": [{"name": item.organization.name}],
                "tags": list(item.categories),
            }
        )
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "description": info.description,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "language": info.language,
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def calendar(
    name: str,
    entries: Sequence[Entry],
    today: dt.date,
    *,
    host: str = "boardgen",
    tr: Translator = ENGLISH,
) -> bytes:
    """An iCalendar (RFC 5545) file with an all-day event on each listing's dated deadline.

    Written here rather than with icalendar, which took about 2 ms per event: 20 s of a
    10,000-listing build for the per-listing files. The shape is fixed and small; the
    tests read every file back with icalendar.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//boardgen//deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for entry in entries:
        item = entry.listing
        if not isinstance(item.deadline, dt.date):
            continue
        # DTSTAMP from the posting, not the clock, so an unchanged listing's file is too.
        stamp = _published(item, today).astimezone(dt.UTC)
        summary = tr("calendar.event", title=item.title, org=item.organization.name)
        details = tr("calendar.details", apply=item.apply_url, page=entry.page_url)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(item.id)}-deadline@{_ics_text(host)}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{item.deadline:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.deadline + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(details)}",
            f"URL:{entry.page_url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def _ics_text(text: str) -> str:
    # RFC 5545 §3.3.11: escape backslash, semicolon, comma and newlines; drop other controls.
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    """One content line, folded at 75 octets (RFC 5545 §3.1) between whole characters."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    out = bytearray()
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never inside a UTF-8 sequence
            cut -= 1
        out += data[:cut] + b"\r\n "
        data = data[cut:]
        limit = 74  # continuation lines start with the folding space
    return bytes(out + data + b"\r\n")

"""Feeds and calendars of the board (pure: listings in, bytes out).

RSS 2.0 and Atom come from feedgen, calendars from icalendar; JSON Feed 1.1 is plain JSON.
Every timestamp derives from the listings and the build day, never the clock, so the same
board gives byte-identical files and an unchanged board rewrites nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import icalendar
from feedgen.feed import FeedGenerator

from boardgen import present
from boardgen.schema import Listing

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


def _facts(item: Listing, today: dt.date) -> str:
    return " · ".join(
        (
            present.type_label(item),
            present.pay_text(item.compensation),
            present.where_text(item),
            # A reader keeps the text for weeks, so no "N days left" here.
            "Deadline: " + present.deadline_text(item.deadline, today, relative=False),
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
        fe.title(f"{item.title} at {item.organization.name}")
        fe.link(href=entry.page_url)
        fe.published(_published(item, today))
        fe.updated(_published(item, today))
        fe.author({"name": item.organization.name})
        fe.summary(f"{_facts(item, today)}. {item.summary}".strip())
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
                "title": f"{item.title} at {item.organization.name}",
                "summary": _facts(item, today),
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
    name: str, entries: Sequence[Entry], today: dt.date, *, host: str = "boardgen"
) -> bytes:
    """An iCalendar file with one all-day event on each listing's deadline (dates only)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//boardgen//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = _midnight(today)
    for entry in entries:
        item = entry.listing
        if not isinstance(item.deadline, dt.date):
            continue
        event = icalendar.Event()
        event.add("uid", f"{item.id}-deadline@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.deadline)
        event.add("dtend", item.deadline + dt.timedelta(days=1))
        event.add("summary", f"Deadline: {item.title} ({item.organization.name})")
        event.add("description", f"Apply: {item.apply_url}\nDetails: {entry.page_url}")
        event.add("url", entry.page_url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())

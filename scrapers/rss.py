"""RSS feeds (0.9x, 1.0, 2.0), read by feedparser from bytes; see :mod:`scrapers._feed`."""

from __future__ import annotations

from scrapers._base import Adapter
from scrapers._feed import parse_feed

ADAPTER = Adapter(
    kind="rss",
    parse=parse_feed,
    accept="application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5",
)

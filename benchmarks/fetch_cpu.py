"""CPU time per source of each fetch phase, on the payloads benchmarks/fetch.py serves.

    python3 benchmarks/fetch_cpu.py --sources 100

No network and no event loop: each phase runs on its own over the same sources, timed
with ``time.process_time`` (CPU time of this process, so other load on the machine
changes it far less than wall time), best of ``--repeat`` runs. Printed, one
``name: value`` line each, in milliseconds per source: ``parse_ms`` (adapter),
``map_ms`` (normalize, sanitize, validate into the schema), ``encode_ms`` (the JSON of
data/sources/<id>.json), then ``parse_ms_<kind>`` and ``map_ms_<kind>`` per kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch import KINDS, payload, sources  # benchmarks/fetch.py

from boardgen.fetch.engine import _map, _parse_kind
from boardgen.model import Listing, Source
from boardgen.store.sources import Dropped, SourceData, encode_source_data
from scrapers import Page, Payload

NOW = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
_T = TypeVar("_T")


def best(repeat: int, work: Callable[[], _T]) -> tuple[float, _T]:
    """The lowest CPU time of ``repeat`` runs of ``work``, and its result."""
    times = []
    result = work()  # warm caches and lazy imports once, untimed
    for _ in range(repeat):
        started = time.process_time()
        result = work()
        times.append(time.process_time() - started)
    return min(times), result


def measure(kind: str, items: list[Source], repeat: int) -> tuple[float, float, float]:
    """CPU seconds to parse, map and encode every source of ``kind`` in ``items``."""
    chosen = [(index, source) for index, source in enumerate(items) if source.kind == kind]
    payloads = []
    for index, source in chosen:
        body, content_type = payload(kind, index)
        payloads.append(Payload(body, {"content-type": content_type}, source.url or ""))

    def parse() -> list[Page]:
        return [_parse_kind(kind, p) for p in payloads]

    parse_s, pages = best(repeat, parse)

    def map_all() -> list[tuple[list[Listing], list[Dropped]]]:
        return [_map(page.records, s, NOW, {}) for (_, s), page in zip(chosen, pages, strict=True)]

    map_s, mapped = best(repeat, map_all)

    def encode() -> list[str]:
        return [
            encode_source_data(
                SourceData(
                    source=s.id,
                    kind=s.kind,
                    url=s.url or "",
                    updated_at=NOW,
                    listings=listings,
                    dropped=dropped,
                )
            )
            for (_, s), (listings, dropped) in zip(chosen, mapped, strict=True)
        ]

    encode_s, _ = best(repeat, encode)
    return parse_s, map_s, encode_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    items = sources(args.sources, 8000)
    totals = [0.0, 0.0, 0.0]
    per_kind: dict[str, tuple[float, float]] = {}
    for kind in KINDS:
        count = sum(1 for s in items if s.kind == kind)
        parse_s, map_s, encode_s = measure(kind, items, args.repeat)
        totals = [totals[0] + parse_s, totals[1] + map_s, totals[2] + encode_s]
        per_kind[kind] = (parse_s / count, map_s / count)
    print(f"sources: {args.sources}")
    for phase, seconds in zip(("parse", "map", "encode"), totals, strict=True):
        print(f"{phase}_ms: {seconds / args.sources * 1000:.2f}")
    for kind, (parse_s, map_s) in per_kind.items():
        print(f"parse_ms_{kind}: {parse_s * 1000:.2f}")
        print(f"map_ms_{kind}: {map_s * 1000:.2f}")


if __name__ == "__main__":
    main()

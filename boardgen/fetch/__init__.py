"""Fetching listings from the sources of ``site_config/sources.yml`` (the only network code).

The public API is re-exported here; the modules are:

- :mod:`~boardgen.fetch.transport`: the guarded httpx transport (address checks);
- :mod:`~boardgen.fetch.http`: one GET (redirect loop, body cap, plain-word errors);
- :mod:`~boardgen.fetch.engine`: concurrency, paging, conditional GET, backoff, reports;
- :mod:`~boardgen.normalize.mapping`: adapter records to ``Listing`` (pure, swappable);
- :mod:`~boardgen.store.state` and :mod:`~boardgen.store.sources`: ``data/`` on disk.
"""

from __future__ import annotations

from boardgen.fetch.engine import (
    Engine,
    FetchOptions,
    RunReport,
    SourceResult,
    default_user_agent,
)
from boardgen.fetch.http import FetchLimits
from boardgen.fetch.shard import in_shard, parse_shard
from boardgen.fetch.transport import AddressPolicy
from boardgen.store.sources import SourceData, load_source_data
from boardgen.store.state import SourceState, State, load_state

__all__ = [
    "AddressPolicy",
    "Engine",
    "FetchLimits",
    "FetchOptions",
    "RunReport",
    "SourceData",
    "SourceResult",
    "SourceState",
    "State",
    "default_user_agent",
    "in_shard",
    "load_source_data",
    "load_state",
    "parse_shard",
]

"""The fetch engine: every source concurrently, each one's failure kept to itself.

For each source (in its own task, under a global and a per-host limit):

1. skip it while it is disabled (HTTP 410) or backing off, keeping its data;
2. GET its pages (conditional on the first page; paging as the adapter directs);
3. 304, or the same body hash as last time: unchanged;
4. parse, map to listings; a sudden collapse in count is held back for a run;
5. write ``data/sources/<id>.json`` if the listings changed, and record the outcome.

Errors of one source (:class:`~boardgen.errors.SourceError`) are caught in its task,
recorded in ``data/state.json`` with a backoff, and reported; its last good listings stay.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import http.cookiejar
import os
import random
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin

import httpx

from boardgen import __version__
from boardgen.curate.lifecycle import DEFAULT_MISSES_TO_CLOSE
from boardgen.errors import (
    FetchTimeout,
    HTTPStatusError,
    ParseError,
    RedirectError,
    SourceError,
)
from boardgen.fetch import http as fetch_http
from boardgen.fetch.transport import AddressPolicy, guarded_transport
from boardgen.fetch.workers import CPUPool, default_workers
from boardgen.model import Listing, Source
from boardgen.normalize.mapping import to_listing
from boardgen.store.sightings import DEFAULT_KEEP_DAYS, Lifecycle, load_lifecycle, save_lifecycle
from boardgen.store.sources import (
    Dropped,
    SourceData,
    encode_source_data,
    load_source_data,
    source_data_path,
    write_text_atomic,
)
from boardgen.store.state import (
    LastError,
    SourceState,
    State,
    backoff_delay,
    load_state,
    retry_after_time,
    save_state,
)
from boardgen.urls import check_web_url
from scrapers import Adapter, Page, Payload, Record
from scrapers import get as get_adapter

__all__ = ["Engine", "FetchOptions", "RunReport", "SourceResult", "default_user_agent"]

Clock = Callable[[], dt.datetime]
_T = TypeVar("_T")

#: Statuses of a source that was not tried this run.
SKIPPED = frozenset({"disabled", "waiting"})
#: Statuses of a source that was tried and did not give listings.
FAILED = frozenset({"failed", "failing", "gone", "unsupported"})


def default_user_agent(contact: str | None = None) -> str:
    """A descriptive User-Agent; ``contact`` is the board's URL, so admins can reach us."""
    about = f"; +{contact}" if contact else ""
    return f"boardgen/{__version__} (opportunity board fetcher{about})"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class FetchOptions:
    """Knobs of one run; the defaults follow GUIDE §4."""

    concurrency: int = 16
    per_host: int = 4
    limits: fetch_http.FetchLimits = field(default_factory=fetch_http.FetchLimits)
    #: Wall-clock budget for one source, all pages included (a slow-drip server can
    #: keep every single read under the read timeout forever).
    source_deadline: float = 120.0
    max_pages: int = 50
    #: Detail documents fetched per source at most (SmartRecruiters: one per posting).
    max_details: int = 500
    #: Worker processes that parse payloads and map records beside the event loop
    #: (parsing is CPU-bound: in the loop alone it serializes every source). 0 parses in
    #: the loop; None picks by the machine and the run (see ``default_workers``).
    workers: int | None = None
    #: A result with fewer than this share of the previous listings is held back.
    shrink_ratio: float = 0.3
    #: Ignore backoff and 410-disabling (``boardgen fetch --force``).
    force: bool = False
    #: A listing closes after this many successful fetches in a row without it.
    misses_to_close: int = DEFAULT_MISSES_TO_CLOSE
    #: Days a closed listing is remembered in data/lifecycle.json.
    keep_days: int = DEFAULT_KEEP_DAYS
    user_agent: str = field(default_factory=default_user_agent)


@dataclass(frozen=True)
class SourceResult:
    """How one source fared, as the closing table and ``--json`` show it."""

    source: str
    kind: str
    status: str
    listings: int = 0
    new: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0
    error: str | None = None
    error_kind: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "status": self.status,
            "listings": self.listings,
            "new": self.new,
            "updated": self.updated,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "error": self.error,
            "error_kind": self.error_kind,
            "note": self.note,
        }


@dataclass(frozen=True)
class RunReport:
    results: list[SourceResult]
    seconds: float

    @property
    def attempted(self) -> list[SourceResult]:
        return [r for r in self.results if r.status not in SKIPPED]

    @property
    def all_failed(self) -> bool:
        """True when sources were tried and none of them succeeded."""
        tried = self.attempted
        return bool(tried) and all(r.status in FAILED for r in tried)


@dataclass(frozen=True)
class _Mapped:
    """A source's mapped listings as the event loop needs them, cheap to pickle.

    ``compare`` holds, for listings the previous file had too, their content without
    the volatile dates: all that counting updates needs, instead of the models.
    """

    text: str
    ids: list[str]
    dropped: int
    compare: dict[str, dict[str, Any]]


@dataclass
class _Fetched:
    records: list[Record]
    digest: str
    first: fetch_http.Response
    pages: int
    #: The stored data, when it was read before mapping (in ``_fetch``).
    previous: SourceData | None = None
    #: Set when the first page was the only one and was mapped with its parsing.
    mapped: _Mapped | None = None
    #: Whether ``previous`` was read (it is None also when there is no stored data).
    loaded: bool = False


class Engine:
    """Fetches sources into ``data_dir``; one instance per run.

    ``transport`` replaces the network (any ``httpx.AsyncBaseTransport``; then
    ``policy`` is not consulted). ``clock`` and ``rng`` make backoff and Retry-After
    deterministic in tests; nothing in the engine sleeps.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        options: FetchOptions | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        policy: AddressPolicy | None = None,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        on_result: Callable[[SourceResult], None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.options = options or FetchOptions()
        self.transport = transport
        self.policy = policy or AddressPolicy()
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        #: data/lifecycle.json for this run (loaded in run_async).
        self._lifecycle = Lifecycle()
        self.on_result = on_result
        #: Where adapters read API keys from (``os.environ``; tests pass a dict).
        self.environ = os.environ if environ is None else environ
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._pool: CPUPool | None = None

    @property
    def state_path(self) -> Path:
        return self.data_dir / "state.json"

    def run(self, sources: list[Source]) -> RunReport:
        """Fetch ``sources`` (blocking); write their data and the state; report."""
        return asyncio.run(self.run_async(sources))

    async def run_async(self, sources: list[Source]) -> RunReport:
        started = time.monotonic()
        state = load_state(self.state_path)
        self._lifecycle = load_lifecycle(self.data_dir)
        self._global = asyncio.Semaphore(self.options.concurrency)
        self._hosts = {}
        workers = self.options.workers
        if workers is None:
            workers = default_workers(len(sources), os.cpu_count())
        async with contextlib.AsyncExitStack() as stack:
            if workers > 0:
                self._pool = CPUPool(workers)
                stack.callback(self._close_pool)
            clients = {
                allow: await stack.enter_async_context(self._client(allow_private=allow))
                for allow in {s.allow_private_network for s in sources}
            }
            tasks = [
                asyncio.create_task(self._one(s, state, clients[s.allow_private_network]))
                for s in sources
            ]
            results = list(await asyncio.gather(*tasks))
        save_state(self.state_path, state)
        save_lifecycle(self.data_dir, self._lifecycle)
        return RunReport(results, time.monotonic() - started)

    def _client(self, *, allow_private: bool) -> httpx.AsyncClient:
        # The semaphores bound requests in flight; the pool only bounds open sockets. Sized
        # at ``concurrency`` it had no room for idle ones, so nearly every source opened a
        # new connection (169 connects for 200 sources over 10 hosts in the benchmark).
        # With room for concurrency x per_host sockets, idle keep-alive connections wait
        # for the next source on their host instead of being closed.
        transport = self.transport or guarded_transport(
            self.policy,
            allow_private=allow_private,
            max_connections=self.options.concurrency * self.options.per_host,
        )
        # No cookies: one source's cookies must not travel with another's requests.
        jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        return httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            cookies=jar,
            timeout=self.options.limits.timeout(),
            headers={
                "User-Agent": self.options.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
        )

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    async def _cpu(self, func: Callable[..., _T], *args: Any) -> _T:
        """Run CPU-bound ``func`` in the worker pool, or here when there is none."""
        if self._pool is None:
            return func(*args)
        return await self._pool.run(func, *args)

    @contextlib.asynccontextmanager
    async def _gate(self, host: str) -> AsyncIterator[object]:
        # Host first, then the global slot: a request queued behind a busy host must not
        # sit on a global slot that another host's request could use.
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self.options.per_host))
        assert self._global is not None
        async with per_host, self._global:
            yield None

    async def _one(self, source: Source, state: State, client: httpx.AsyncClient) -> SourceResult:
        started = time.monotonic()
        now = self.clock()
        st = state.sources.setdefault(source.id, SourceState())
        result = self._skip(source, st, now)
        if result is None:
            result = await self._attempt(source, st, client, now)
        result = _with_time(result, time.monotonic() - started)
        if self.on_result is not None:
            self.on_result(result)
        return result

    def _skip(self, source: Source, st: SourceState, now: dt.datetime) -> SourceResult | None:
        if self.options.force:
            return None
        kept = st.listing_count
        if st.disabled_reason:
            return SourceResult(source.id, source.kind, "disabled", kept, note=st.disabled_reason)
        if st.next_attempt_at is not None and st.next_attempt_at > now:
            note = f"backing off until {st.next_attempt_at.isoformat()}"
            return SourceResult(source.id, source.kind, "waiting", kept, note=note)
        return None

    async def _attempt(
        self, source: Source, st: SourceState, client: httpx.AsyncClient, now: dt.datetime
    ) -> SourceResult:
        assert source.url is not None  # the config model fills url from board
        if st.url != source.url:
            # A new endpoint: the old validators and hash describe another document.
            st.url, st.etag, st.last_modified, st.body_sha256 = source.url, None, None, None
        st.last_attempt_at = now
        # Only the count is needed until a changed body arrives: the stored listings are
        # read (and validated) in _store, so 304s and failures stay cheap.
        has_data = source_data_path(self.data_dir, source.id).is_file()
        kept = st.listing_count if has_data else 0
        adapter = get_adapter(source.kind)
        if adapter is None:
            message = f"boardgen has no adapter for {source.kind!r} sources yet"
            st.last_error = LastError(kind="unsupported", message=message, at=now)
            return SourceResult(
                source.id,
                source.kind,
                "unsupported",
                kept,
                error=message,
                error_kind="unsupported",
            )
        try:
            async with asyncio.timeout(self.options.source_deadline):
                fetched = await self._fetch(source, adapter, st, client, has_data=has_data, now=now)
        except TimeoutError:
            error: SourceError = FetchTimeout(
                f"gave up after {self.options.source_deadline:g} s for the whole source"
            )
            return self._failed(source, st, error, now, kept)
        except SourceError as exc:
            return self._failed(source, st, exc, now, kept)
        if fetched is None:
            # 304: keep the validators we sent; they still describe what we hold.
            self._mark_success(st, now, None, kept, keep_validators=True)
            self._observe(source, now)
            return SourceResult(source.id, source.kind, "unchanged", kept)
        st.moved_to = fetched.first.moved_to
        if has_data and fetched.digest == st.body_sha256:
            # The server ignored our validators but sent the same bytes (Planet Venus).
            self._mark_success(st, now, fetched, kept)
            self._observe(source, now)
            return SourceResult(source.id, source.kind, "unchanged", kept)
        previous = fetched.previous
        if not fetched.loaded:
            previous = load_source_data(self.data_dir, source.id) if has_data else None
        mapped = fetched.mapped
        if mapped is None:
            mapped = await self._cpu(
                _map_encode, fetched.records, source, now, _first_seen(previous)
            )
        return await self._store(source, st, now, previous, fetched, mapped)

    async def _fetch(
        self,
        source: Source,
        adapter: Adapter,
        st: SourceState,
        client: httpx.AsyncClient,
        *,
        has_data: bool,
        now: dt.datetime,
    ) -> _Fetched | None:
        """All pages of ``source``, or None when the server says nothing changed."""
        assert source.url is not None
        headers = {"Accept": adapter.accept}
        secrets = dict(adapter.headers(self.environ)) if adapter.headers else {}
        if "User-Agent" in secrets:
            # USAJOBS wants the registered email as User-Agent; it is no secret, but it
            # replaces ours on every hop.
            headers["User-Agent"] = secrets.pop("User-Agent")
        conditional = dict(headers)
        if has_data:
            # Validators only help when we still hold the data they vouch for.
            if st.etag:
                conditional["If-None-Match"] = st.etag
            if st.last_modified:
                conditional["If-Modified-Since"] = st.last_modified
        url = adapter.first_url(source.url)
        seen = {url}
        digest = hashlib.sha256()
        records: list[Record] = []
        follow: list[str] = []
        first: fetch_http.Response | None = None
        pages = 0
        previous: SourceData | None = None
        loaded = False
        for _page_number in range(self.options.max_pages):
            response = await fetch_http.get(
                client,
                url,
                headers=conditional if first is None else headers,
                allow_private=source.allow_private_network,
                limits=self.options.limits,
                gate=self._gate,
                secret_headers=secrets,
            )
            if first is None:
                first = response
                if response.status == 304:
                    return None
            pages += 1
            _digest(digest, response.body)
            payload = Payload(response.body, response.headers, response.url)
            if pages == 1 and not (has_data and digest.hexdigest() == st.body_sha256):
                # Most sources are one page: parse and map it in one call, so only the
                # payload and the file text cross to and from a worker.
                previous = load_source_data(self.data_dir, source.id) if has_data else None
                loaded = True
                done = await self._cpu(
                    _parse_map_first, adapter.kind, payload, source, now, _first_seen(previous)
                )
                if isinstance(done, _Mapped):
                    return _Fetched([], digest.hexdigest(), response, pages, previous, done, True)
                page = done
            else:
                page = await self._cpu(_parse_kind, adapter.kind, payload)
            records.extend(page.records)
            follow.extend(
                _next_page(response.url, link, source.allow_private_network) for link in page.follow
            )
            if not page.next_url or not page.records:
                break
            next_url = _next_page(response.url, page.next_url, source.allow_private_network)
            if next_url in seen:
                break
            seen.add(next_url)
            url = next_url
        assert first is not None
        if follow:
            details = list(dict.fromkeys(follow))[: self.options.max_details]
            records = await self._details(
                source, adapter, client, details, headers, secrets, records, digest
            )
        return _Fetched(records, digest.hexdigest(), first, pages, previous, None, loaded)

    async def _details(
        self,
        source: Source,
        adapter: Adapter,
        client: httpx.AsyncClient,
        urls: list[str],
        headers: dict[str, str],
        secrets: dict[str, str],
        records: list[Record],
        digest: hashlib._Hash,
    ) -> list[Record]:
        """Fetch the detail documents a list asked for; their records replace the list's.

        A detail that fails (404, timeout, odd shape) keeps the list's record: the list
        alone is still worth listing, and one posting must not fail the whole source.
        """

        async def one(url: str) -> tuple[bytes, list[Record]] | None:
            try:
                response = await fetch_http.get(
                    client,
                    url,
                    headers=headers,
                    allow_private=source.allow_private_network,
                    limits=self.options.limits,
                    gate=self._gate,
                    secret_headers=secrets,
                )
                payload = Payload(response.body, response.headers, response.url)
                return response.body, (await self._cpu(_parse_kind, adapter.kind, payload)).records
            except SourceError:
                return None

        found = await asyncio.gather(*(one(url) for url in urls))
        better: dict[str, Record] = {}
        for item in found:  # in request order, so the body hash is stable
            if item is not None:
                _digest(digest, item[0])
                better.update((r.native_id, r) for r in item[1])
        merged = [better.pop(r.native_id, r) for r in records]
        return merged + list(better.values())

    async def _store(
        self,
        source: Source,
        st: SourceState,
        now: dt.datetime,
        previous: SourceData | None,
        fetched: _Fetched,
        mapped: _Mapped,
    ) -> SourceResult:
        before = previous.listings if previous else []
        count = len(mapped.ids)
        if before and count < len(before) * self.options.shrink_ratio and st.held_count != count:
            # Believe a collapse only when the next run sees the same count again; store
            # no validators, so that next run re-reads the whole body instead of a 304.
            self._mark_success(st, now, None, len(before))
            st.held_count = count
            return SourceResult(
                source.id,
                source.kind,
                "suspicious",
                len(before),
                note=f"got {count} listings where there were {len(before)}: kept the old "
                "ones for this run; the same count next run will be accepted",
            )
        new, updated, removed = _diff(before, mapped)
        status = "ok"
        if previous is not None and not (new or updated or removed):
            status = "unchanged"
        else:
            # The atomic write (temporary file, fsync, rename) waits on the disk, ~0.5 ms
            # per file: in a thread, the event loop keeps fetching meanwhile.
            path = source_data_path(self.data_dir, source.id)
            await asyncio.to_thread(write_text_atomic, path, mapped.text)
            st.last_change_at = now
        self._mark_success(st, now, fetched, count)
        st.held_count = None
        self._observe(source, now, before, mapped.ids)
        note = f"{mapped.dropped} records could not be listed" if mapped.dropped else None
        return SourceResult(source.id, source.kind, status, count, new, updated, removed, note=note)

    def _observe(
        self,
        source: Source,
        now: dt.datetime,
        before: list[Listing] | None = None,
        after: list[str] | None = None,
    ) -> None:
        """Count a successful fetch in data/lifecycle.json (None: it listed the same)."""
        k, days = self.options.misses_to_close, self.options.keep_days
        if after is None:
            self._lifecycle.observe_unchanged(source.id, now=now, misses_to_close=k, keep_days=days)
        else:
            self._lifecycle.observe(
                source.id, before or [], after, now=now, misses_to_close=k, keep_days=days
            )

    def _mark_success(
        self,
        st: SourceState,
        now: dt.datetime,
        fetched: _Fetched | None,
        count: int,
        *,
        keep_validators: bool = False,
    ) -> None:
        if keep_validators:
            pass
        elif fetched is not None:
            st.etag = fetched.first.headers.get("etag")
            st.last_modified = fetched.first.headers.get("last-modified")
            st.body_sha256 = fetched.digest
        else:
            st.etag = st.last_modified = st.body_sha256 = None
        st.last_success_at = now
        st.consecutive_failures = 0
        st.next_attempt_at = None
        st.last_error = None
        st.disabled_reason = None
        st.listing_count = count

    def _failed(
        self,
        source: Source,
        st: SourceState,
        error: SourceError,
        now: dt.datetime,
        kept: int,
    ) -> SourceResult:
        st.consecutive_failures += 1
        status_code = error.status if isinstance(error, HTTPStatusError) else None
        st.last_error = LastError(kind=error.kind, message=str(error), status=status_code, at=now)
        status = "failing" if st.failing else "failed"
        retry = None
        if status_code == 410:
            st.disabled_reason = "the server answered 410 Gone: remove the source or fix its url"
            status = "gone"
        elif status_code in (429, 503) and isinstance(error, HTTPStatusError):
            retry = retry_after_time(error.retry_after, now)
        st.next_attempt_at = retry or now + backoff_delay(st.consecutive_failures, self.rng)
        return SourceResult(
            source.id,
            source.kind,
            status,
            kept,
            error=str(error),
            error_kind=error.kind,
            note=f"kept {kept} listings from the last good fetch" if kept else None,
        )


def _digest(digest: hashlib._Hash, body: bytes) -> None:
    digest.update(len(body).to_bytes(8, "big"))
    digest.update(body)


def _parse(adapter: Adapter, payload: Payload) -> Page:
    try:
        return adapter.parse(payload)
    except SourceError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Real payloads drift (a field turns null, a list becomes an object): that is
        # this source's problem to report, not a reason to stop the run.
        raise ParseError(
            f"the {adapter.kind} payload has an unexpected shape ({type(exc).__name__}: {exc})"
        ) from None


def _next_page(current: str, next_url: str, allow_private: bool) -> str:
    target = urljoin(current, next_url)
    try:
        return check_web_url(target, allow_private=allow_private)
    except ValueError as exc:
        raise RedirectError(f"the next page's address {target[:200]} is refused: {exc}") from None


def _parse_kind(kind: str, payload: Payload) -> Page:
    """:func:`_parse` by kind name, so that a worker process can run it."""
    adapter = get_adapter(kind)
    assert adapter is not None
    return _parse(adapter, payload)


def _map(
    records: list[Record],
    source: Source,
    now: dt.datetime,
    first_seen: Mapping[str, dt.datetime | None],
) -> tuple[list[Listing], list[Dropped]]:
    listings: dict[str, Listing] = {}
    dropped: list[Dropped] = []
    for record in records:
        try:
            listing = to_listing(record, source, seen_at=now)
        except ValueError as exc:
            dropped.append(Dropped(native_id=record.native_id, reason=str(exc)))
            continue
        if listing.id in listings:
            continue  # the same posting twice (Workable lists one per location)
        seen = first_seen.get(listing.id)
        if seen is not None:
            listing = listing.model_copy(update={"first_seen": seen})
        listings[listing.id] = listing
    return sorted(listings.values(), key=lambda item: item.id), dropped


_VOLATILE = {"first_seen", "last_seen"}


def _first_seen(previous: SourceData | None) -> dict[str, dt.datetime | None]:
    return {item.id: item.first_seen for item in previous.listings} if previous else {}


def _map_encode(
    records: list[Record],
    source: Source,
    now: dt.datetime,
    first_seen: Mapping[str, dt.datetime | None],
) -> _Mapped:
    """:func:`_map`, then the file text: what a worker sends back instead of models."""
    listings, dropped = _map(records, source, now, first_seen)
    text = encode_source_data(
        SourceData(
            source=source.id,
            kind=source.kind,
            url=source.url or "",
            updated_at=now,
            listings=listings,
            dropped=dropped,
        )
    )
    compare = {
        item.id: item.model_dump(exclude=_VOLATILE) for item in listings if item.id in first_seen
    }
    return _Mapped(text, [item.id for item in listings], len(dropped), compare)


def _parse_map_first(
    kind: str,
    payload: Payload,
    source: Source,
    now: dt.datetime,
    first_seen: Mapping[str, dt.datetime | None],
) -> Page | _Mapped:
    """The first page, mapped when it is the only one; else its :class:`Page`."""
    page = _parse_kind(kind, payload)
    if page.follow or (page.next_url and page.records):
        return page
    return _map_encode(page.records, source, now, first_seen)


def _diff(before: list[Listing], after: _Mapped) -> tuple[int, int, int]:
    old = {item.id: item for item in before}
    new = set(after.ids)
    added = sum(1 for key in new if key not in old)
    removed = sum(1 for key in old if key not in new)
    # Only listings on both sides need comparing (a first fetch has none): dumping every
    # listing was 5% of a cold fetch's CPU time.
    updated = sum(
        1
        for key, content in after.compare.items()
        if key in old and content != old[key].model_dump(exclude=_VOLATILE)
    )
    return added, updated, removed


def _with_time(result: SourceResult, seconds: float) -> SourceResult:
    return dataclasses.replace(result, seconds=seconds)

"""Parsing and mapping in worker processes, so a fetch run uses more than one core.

The event loop spends about as much CPU on HTTP as on parsing, mapping and encoding a
source's listings; in one process those serialize every source. :class:`CPUPool` runs
that work in worker processes and keeps what crosses the process boundary small (a
payload's bytes going out, a file's text and a few ids coming back: pickling pydantic
models back was what made an earlier worker pool slower than none).

Three rules keep it safe and worth it:

* **Started when first needed**: at the first payload to parse, so a run where every
  source answers 304 starts no process. Its workers import the adapters and the schema
  first thing, while the event loop parses the payloads that arrive meanwhile.
* **Shared, and bounded**: at most :data:`QUEUED_PER_WORKER` calls per worker wait for
  one. Beyond that the event loop does the work itself: HTTP alone leaves it idle most
  of the time, so it takes a share and both cores stay busy, and no backlog of payloads
  builds up in memory. The queue is long enough that a worker never waits for the loop
  (the loop is busy for a few milliseconds whenever it parses a payload itself).
* **A crash stays with its source**: a worker that dies (a segfault in a C parser, the
  OOM killer) breaks the whole pool, and every call in it with it. Each such call is
  tried again alone in a spare one-worker pool; the one that breaks that too gets a
  :class:`~boardgen.errors.ParseError`, the others their results.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from boardgen.errors import ParseError

__all__ = ["CPUPool", "default_workers"]

_T = TypeVar("_T")

#: Calls waiting per worker before the event loop parses itself. Measured on
#: benchmarks/fetch.py (2 cores, one worker): 2 left the worker idle a third of the time
#: (cold 4.0 s); 8 to 16 keep it busy (3.2 to 3.4 s); every call to a worker (1000)
#: left the loop idle while the worker fell behind (3.8 s).
QUEUED_PER_WORKER = 16

#: Below this many sources a run is over before a worker has started and imported
#: everything (about 0.3 s of CPU), so the event loop parses alone.
POOL_FROM_SOURCES = 50


#: See :func:`default_workers` (only 2 cores were there to measure on).
MAX_DEFAULT_WORKERS = 4


def default_workers(sources: int, cpus: int | None) -> int:
    """Worker processes for a run of ``sources`` on ``cpus`` cores (None: unknown).

    A worker per core beyond the first when there are enough sources to pay for their
    start: the event loop keeps its own core busy with HTTP and its share of parsing.
    At most :data:`MAX_DEFAULT_WORKERS`: HTTP costs the loop about half of what parsing
    and mapping a source cost, so it cannot keep many more busy.
    """
    if cpus is None or cpus < 2 or sources < POOL_FROM_SOURCES:
        return 0
    return min(cpus - 1, MAX_DEFAULT_WORKERS)


def _warm() -> int:
    # Importing the adapters, the normalizers and the schema is most of a worker's
    # start-up; doing it while the first requests are on the wire keeps it out of the
    # first parse.
    import boardgen.fetch.engine  # noqa: F401
    import scrapers

    return len(scrapers.kinds())


class CPUPool:
    """Worker processes for CPU-bound calls, with the event loop as overflow."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._limit = QUEUED_PER_WORKER * workers
        self._busy = 0
        # forkserver: workers start from a clean process, not a fork of this one with
        # its threads and sockets.
        self._context = multiprocessing.get_context("forkserver")
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._spare: concurrent.futures.ProcessPoolExecutor | None = None
        self._spare_lock = asyncio.Lock()

    def _new(self, workers: int) -> concurrent.futures.ProcessPoolExecutor:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=self._context)
        for _ in range(workers):
            pool.submit(_warm)
        return pool

    async def run(self, func: Callable[..., _T], *args: Any) -> _T:
        """``func(*args)`` in a worker, or here when every worker is taken."""
        if self._busy >= self._limit:
            return func(*args)
        if self._pool is None:
            self._pool = self._new(self.workers)
        self._busy += 1
        pool = self._pool
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, func, *args)
        except BrokenProcessPool:
            if self._pool is pool:
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None  # a fresh one at the next call
        finally:
            self._busy -= 1
        return await self._alone(func, *args)

    async def _alone(self, func: Callable[..., _T], *args: Any) -> _T:
        """Run ``func`` with no other call beside it, so a crash is its own."""
        async with self._spare_lock:
            if self._spare is None:
                self._spare = self._new(1)
            try:
                return await asyncio.get_running_loop().run_in_executor(self._spare, func, *args)
            except BrokenProcessPool:
                self._spare.shutdown(wait=False, cancel_futures=True)
                self._spare = None
                raise ParseError(
                    "the process reading this source's payload stopped unexpectedly "
                    "(the payload may crash the parser)"
                ) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._spare is not None:
            self._spare.shutdown(wait=True, cancel_futures=True)

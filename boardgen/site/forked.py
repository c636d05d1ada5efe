"""Work shared among forked copies of this process, each one's result sent back by pipe.

A fork starts a worker with everything this process has already loaded (the board, the
MkDocs config and navigation) and no pickling of it, and the pages are shared until
written to. Each worker runs ``task(index, count)``, and its result comes back pickled,
together with whatever it logged, which this process then logs as its own (so handlers,
strict-mode counters and pytest's capture see it here, in order per worker). A worker that
raises, or dies without reporting, fails the whole run with ``fail(message)``.

Only where :func:`can_fork` says so: POSIX, and no other thread in this process (a fork
copies the locks other threads hold, not the threads, so a worker could wait forever).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass
class _Report:
    result: Any = None
    #: Why the worker stopped, if it failed.
    error: str | None = None
    #: What it logged, for the parent to log.
    records: list[logging.LogRecord] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps a worker's log records for the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Arguments and tracebacks may not pickle: keep the text they make.
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _collect_logs() -> _Collect:
    """Send every record to one collecting handler, and nowhere else."""
    collect = _Collect()
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.handlers = []
            logger.propagate = True
    logging.root.handlers = [collect]
    return collect


class Workers(Generic[T]):
    """Forked workers: :meth:`start` them, do other work, then :meth:`results`.

    Used as a context manager: leaving it stops (kills) any worker not yet reaped, so a
    failure here or in one worker leaves none running.
    """

    def __init__(self, fail: Callable[[str], Exception]) -> None:
        self.fail = fail
        #: Workers not yet reaped, with the read end of each one's pipe, in start order.
        self.live: dict[int, int] = {}

    def __enter__(self) -> Workers[T]:
        # The workers' copy of this process is shared until written to; frozen objects
        # are not written by their collector either.
        gc.freeze()
        return self

    def __exit__(self, *exc: object) -> None:
        for pid, reader in self.live.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.close(reader)
            os.waitpid(pid, 0)
        self.live.clear()
        gc.unfreeze()

    def start(self, count: int, task: Callable[[int, int], T]) -> None:
        for index in range(count):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker; it never returns from here
                os.close(reader)
                _work(writer, task, index, count)
            os.close(writer)
            self.live[pid] = reader

    def results(self) -> list[T]:
        """Each worker's result, in start order; the first failure raises."""
        return [self._receive(pid) for pid in list(self.live)]

    def _receive(self, pid: int) -> T:
        with os.fdopen(self.live[pid], "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        del self.live[pid]
        code = os.waitstatus_to_exitcode(status)
        try:
            report = pickle.loads(data)  # noqa: S301 - our own child wrote it
        except Exception:  # nothing or half a report: the worker died
            report = None
        if not isinstance(report, _Report):
            how = f"was killed by signal {-code}" if code < 0 else f"ended with exit code {code}"
            raise self.fail(f"a worker process {how} before it reported")
        for record in report.records:
            logging.getLogger(record.name).handle(record)
        if report.error is not None:
            raise self.fail(report.error)
        result: T = report.result
        return result


def _work(writer: int, task: Callable[[int, int], Any], index: int, count: int) -> None:
    report = _Report()
    status = 1
    try:
        collect = _collect_logs()
        try:
            report.result = task(index, count)
            status = 0
        except BaseException as exc:  # reported to the parent, which raises
            report.error = "".join(traceback.format_exception_only(exc)).strip()
        report.records = collect.records
        with os.fdopen(writer, "wb") as pipe:
            pickle.dump(report, pipe)
    finally:
        # Straight out: no return into the parent's stack, no exit handlers of its.
        os._exit(status)

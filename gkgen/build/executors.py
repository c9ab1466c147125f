"""Executors: what runs the tasks of a build — this process, local worker processes, or Dask.

Each runs ``fn(item)`` for every item and yields the results as they finish (any order);
the tasks are the same pure functions everywhere, so only the executor differs between one
core and a cluster. close() ends the workers whatever happened.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, TypeVar

from gkgen.render.pdfout import init_worker

T = TypeVar("T")
R = TypeVar("R")
SCHEDULER_ENV = "GKGEN_SCHEDULER"  # tcp://host:8786 of a Dask scheduler
PARALLEL_FROM = 40  # reports to read or render (no PDFs); below this, workers cost more than they save


class ExecutorFailed(Exception):
    """The executor itself failed (no scheduler, all workers lost); message in Chinese."""


class Executor(Protocol):
    workers: int
    local: bool  # the tasks run on this machine (they may write into the staging tree)

    def run(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """fn(item) for every item, as each finishes."""

    def close(self) -> None:
        """End the workers."""


def fork_safe() -> bool:
    """True when this process may fork children that use its memory: no other thread runs."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Serial:
    """Every task in this process, in order."""

    workers = 1
    local = True

    def run(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        return map(fn, items)

    def close(self) -> None:
        pass


class Processes:
    """Local worker processes (forked where that is safe: no other thread running)."""

    local = True

    def __init__(self, workers: int, pdf: bool) -> None:
        self.workers = workers
        context = multiprocessing.get_context("fork" if fork_safe() else "spawn")
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            workers, mp_context=context, initializer=init_worker, initargs=(pdf,))

    def run(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """A few tasks per worker in flight at a time, and each result let go once yielded:
        the main process holds a window of results, not the whole site's."""
        assert self.pool is not None
        todo = iter(items)
        window = 2 * self.workers + 2
        running: set[Future[R]] = set()
        for item in itertools.islice(todo, window):
            running.add(self.pool.submit(fn, item))
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for item in itertools.islice(todo, len(done)):
                running.add(self.pool.submit(fn, item))
            for future in done:
                yield future.result()
            del done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class Dask:
    """The workers of a Dask distributed cluster (gkgen build --scheduler tcp://…).

    Tasks are retried on another worker when theirs is lost; they are pure, so a retry can
    only give the same result.
    """

    RETRIES = 2
    local = False  # workers may be other machines: they send the files back as bytes
    CONNECT_TIMEOUT = "10s"

    def __init__(self, address: str, pdf: bool = False) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorFailed("未安装 Dask：请先运行 pip install 'gkgen[dask]'"
                                 "（即 distributed）。") from None
        try:
            self.client: Any = Client(address, timeout=self.CONNECT_TIMEOUT,  # type: ignore[no-untyped-call]
                                      set_as_default=False)
        except Exception as exc:
            raise ExecutorFailed(f"无法连接 Dask 调度器 {address}：{exc}") from None
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self.client.scheduler_info()["workers"].values()))
        if pdf:  # as local workers do: each makes its PDF renderer (fonts) before the first task
            self.client.run(init_worker, True, True)
        self.paused: dict[str, list[str]] = self.client.run(pause_profiler)

    def run(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        from distributed import KilledWorker
        from distributed import as_completed as dask_completed

        futures = self.client.map(fn, items, pure=False, retries=self.RETRIES)
        try:
            for future in dask_completed(futures, loop=self.client.loop):  # type: ignore[no-untyped-call]
                try:
                    result: R = future.result()
                except KilledWorker as exc:
                    raise ExecutorFailed(f"Dask 工作进程多次在执行同一任务时退出：{exc}") from None
                yield result
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        for address, names in self.paused.items():
            try:
                if names:
                    self.client.run(resume_profiler, names, workers=[address])
            except Exception:  # noqa: BLE001 - a worker lost meanwhile: nothing to resume there
                continue
        self.client.close()


_PROFILER = ("profile", "profile-cycle")  # the periodic callbacks of a Dask worker's profiler


def pause_profiler(dask_worker: Any) -> list[str]:
    """On a Dask worker: stop its statistical profiler while gkgen's tasks run (it samples
    every thread's stack every 10 ms, which costs a CPU-bound PDF task about 6 %); the
    callbacks it stopped, for resume_profiler."""
    stopped = []
    for name in _PROFILER:
        callback = dask_worker.periodic_callbacks.get(name)
        if callback is not None and callback.is_running():
            callback.stop()
            stopped.append(name)
    return stopped


def resume_profiler(names: list[str], dask_worker: Any) -> None:
    """On a Dask worker: start again what pause_profiler stopped."""
    for name in names:
        callback = dask_worker.periodic_callbacks.get(name)
        if callback is not None and not callback.is_running():
            callback.start()


def executor(jobs: int | None, tasks: int, reports: int, pdf: bool,
             scheduler: str | None = None) -> Executor:
    """The executor for a run: Dask when a scheduler is named, else local processes when
    there is more than one task for more than one worker and enough work (any PDF is),
    else this process."""
    scheduler = _scheduler(scheduler)
    if scheduler:
        return Dask(scheduler, pdf)
    workers = min(jobs or default_jobs(), tasks)
    if workers > 1 and (pdf or reports >= PARALLEL_FROM):
        return Processes(workers, pdf)
    return Serial()


def _scheduler(scheduler: str | None) -> str | None:
    """The Dask scheduler named, else the one GKGEN_SCHEDULER names, else None."""
    return scheduler or os.environ.get(SCHEDULER_ENV) or None


def local_workers(jobs: int | None, scheduler: str | None = None) -> int:
    """The cores of this machine a build may use for its own work (1 when Dask runs the tasks)."""
    return 1 if _scheduler(scheduler) else jobs or default_jobs()

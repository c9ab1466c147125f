"""The site step's files, made side by side in forked children when the build has cores to spare.

The site step makes a few hundred files from every report's light copy: index and body pages,
the roll-ups, the wide tables, the site's data files. Grouped by what they share (the roll-up
view, the wide rows, the records' parts), the groups are independent: with local worker
processes (``--jobs`` > 1) each group is made in a child forked from this process, so it reads
the site data this process holds without copying or pickling it, and returns the files as
bytes; this process writes them (it stays the single writer). The bytes are the same as when
every file is made here, one after the other (tests/test_sitejobs.py).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from gkgen.build.executors import fork_safe

PARALLEL_FROM = 200  # reports in the site; below this a fork costs more than it saves

Make = Callable[[], bytes]
_JOBS: Sequence[Make] = ()  # what the forked children make, by index (set just before the fork)

# Groups of site files that share a lazily computed input, the heaviest first.
_ROLLUP_DATA = frozenset({"data/rollups.csv", "data/figures.csv", "data/quartiles.csv"})
_WIDE = frozenset({"data/reports-wide.csv", "data/reports.xlsx"})
_DATA = frozenset({"data/reports.json", "data/reports.csv", "data/tables.xlsx"})
GROUPS = ("rollup", "wide", "data", "pages")


def group_of(rel: str) -> str:
    """The group of a site file: the files of one group share what is computed for them."""
    if rel.startswith("region/") or rel in _ROLLUP_DATA:
        return "rollup"
    if rel in _WIDE:
        return "wide"
    if rel in _DATA:
        return "data"
    return "pages"


def make_files(rels: Sequence[str], makes: Sequence[Make], workers: int, reports: int,
               meanwhile: Callable[[], None] = lambda: None) -> list[bytes]:
    """makes[i]() for every i, in order; in up to ``workers`` forked children when worth it.

    meanwhile() is run here while the children work (or first, when there are none).
    """
    groups: dict[str, list[int]] = {}
    for i, rel in enumerate(rels):
        groups.setdefault(group_of(rel), []).append(i)
    if workers < 2 or reports < PARALLEL_FROM or len(groups) < 2 or not fork_safe():
        meanwhile()
        return [make() for make in makes]
    return _forked(makes, [groups[g] for g in GROUPS if g in groups], workers, meanwhile)


def _forked(makes: Sequence[Make], groups: list[list[int]], workers: int,
            meanwhile: Callable[[], None]) -> list[bytes]:
    global _JOBS
    _JOBS = makes
    out: list[bytes] = [b""] * len(makes)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(groups)), mp_context=context) as pool:
            futures = [(group, pool.submit(_make_group, group)) for group in groups]
            meanwhile()
            for group, future in futures:
                for i, data in zip(group, future.result(), strict=True):
                    out[i] = data
    finally:
        _JOBS = ()
    return out


def _make_group(indices: list[int]) -> list[bytes]:
    """In a forked child: the files of one group (an exception travels back to the parent)."""
    return [_JOBS[i]() for i in indices]

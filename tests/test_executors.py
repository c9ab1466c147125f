"""The local process executor keeps a window of results, not the whole site's."""

from __future__ import annotations

import gc
import weakref

from gkgen.build.executors import Processes


class Result:
    """A task result the test can watch (weakref-able, unlike bytes)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.data = b"x" * 1000


def make(n: int) -> Result:
    return Result(n)


def test_results_are_let_go_once_taken() -> None:
    runner = Processes(2, pdf=False)
    try:
        seen: list[int] = []
        refs: list[weakref.ref[Result]] = []
        most = 0
        for result in runner.run(make, list(range(60))):  # while the run goes on
            seen.append(result.n)
            refs.append(weakref.ref(result))
            del result
            gc.collect()
            most = max(most, sum(r() is not None for r in refs))
        assert sorted(seen) == list(range(60))  # every task ran once
        assert most <= 6, f"{most} results held by the executor at once"
    finally:
        runner.close()

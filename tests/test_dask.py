"""A real Dask cluster on loopback (two worker processes) builds what a serial build builds.

The same tasks run in this process, in local worker processes and on the cluster's
workers; the outputs must be equal byte for byte, PDFs included. A worker killed in the
middle of a build must not leave a mixed output.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import cli, edit, make_site, report_dir
from distributed import Client, LocalCluster
from test_incremental import tree

from gkgen.build import executors
from gkgen.build.executors import SCHEDULER_ENV
from gkgen.build.site import BuildError, build_site

KEYS = ["x/2021", "x/2022", "y/2021", "y/2022"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as running:
        yield running


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("dask") / "site", years=(2021, 2022))
    shutil.copytree(root / "content/x", root / "content/y")
    edit(root / "content/y/body.yaml", "某市某局", "某市另一局")
    return root


@pytest.fixture(scope="module")
def serial(four: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    result = build_site(four, tmp_path_factory.mktemp("serial") / "out", jobs=1, clean=True)
    assert result.ok and result.pdfs == KEYS
    return tree(result.out)


def test_serial_processes_and_dask_build_the_same_bytes(four: Path, tmp_path: Path,
                                                        cluster: LocalCluster,
                                                        serial: dict[str, bytes]) -> None:
    on_dask = build_site(four, tmp_path / "dask", scheduler=cluster.scheduler_address,
                         clean=True)
    local = build_site(four, tmp_path / "local", jobs=2, clean=True)
    assert on_dask.ok and on_dask.rendered == KEYS and on_dask.pdfs == KEYS
    assert on_dask.checked == KEYS and local.pdfs == KEYS
    assert len([k for k in serial if k.endswith(".pdf")]) == 4
    assert tree(on_dask.out) == serial
    assert tree(local.out) == serial


def test_the_scheduler_can_come_from_the_environment(four: Path, tmp_path: Path,
                                                     cluster: LocalCluster,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCHEDULER_ENV, cluster.scheduler_address)
    with Client(cluster.scheduler_address) as client:
        before = sum(client.run(_tasks_run).values())
        run = cli("build", str(four), "--out", str(tmp_path / "out"), "--no-pdf", "--clean")
        after = sum(client.run(_tasks_run).values())
    assert run.exit_code == 0, run.output
    assert after > before  # the cluster's workers ran the tasks
    plain = build_site(four, tmp_path / "plain", pdf=False, jobs=1, clean=True)
    monkeypatch.delenv(SCHEDULER_ENV)
    assert tree(tmp_path / "out") == tree(plain.out)


def _tasks_run(dask_worker: object) -> int:
    return len(getattr(dask_worker, "state").log)  # noqa: B009  (the worker's event log)


class _KillOnFirst:
    """A reporter that kills one worker process when the first report has arrived."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.killed = pids, False

    def stage(self, name: str) -> None:
        pass

    def report_done(self, key: str, done: int, total: int) -> None:
        if not self.killed:
            self.killed = True
            os.kill(self.pids[0], signal.SIGKILL)


def test_a_worker_killed_mid_build_leaves_no_mixed_output(four: Path, tmp_path: Path,
                                                          cluster: LocalCluster,
                                                          serial: dict[str, bytes]) -> None:
    out = tmp_path / "out"
    path = report_dir(four, 2022, "y") / "5-problems.md"
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text + "\n另外，宣传覆盖面仍需扩大。\n", encoding="utf-8")
        assert build_site(four, out, jobs=1).ok  # the previous output: another y/2022
        before = tree(out)
    finally:
        path.write_text(text, encoding="utf-8")
    with Client(cluster.scheduler_address) as client:
        pids = list(client.run(os.getpid).values())
    assert len(pids) == 2
    reporter = _KillOnFirst(pids)
    try:
        result = build_site(four, out, scheduler=cluster.scheduler_address, clean=True,
                            reporter=reporter)
        finished = result.ok
    except BuildError:
        finished = False
    assert reporter.killed
    after = tree(out)
    assert after == (serial if finished else before)  # all new or all old, never a mix
    assert finished  # Dask ran the lost worker's tasks again elsewhere
    assert not list(out.parent.glob(f".{out.name}.new-*"))


def test_an_unreachable_scheduler_is_a_clear_error(four: Path, tmp_path: Path) -> None:
    run = cli("build", str(four), "--out", str(tmp_path / "out"), "--no-pdf",
              "--scheduler", "tcp://127.0.0.1:9")
    assert run.exit_code == 1
    assert "无法连接 Dask 调度器 tcp://127.0.0.1:9" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


def _profiling(dask_worker: Any) -> list[bool]:
    return [dask_worker.periodic_callbacks[n].is_running() for n in ("profile", "profile-cycle")]


def test_workers_profile_again_after_a_build_that_paused_them(four: Path, tmp_path: Path,
                                                              cluster: LocalCluster) -> None:
    seen: list[dict[str, list[bool]]] = []
    original = executors.Dask.run

    def watching(self: executors.Dask, fn: Any, items: list[Any]) -> Iterator[Any]:
        seen.append(self.client.run(_profiling))  # while the build's tasks run
        return original(self, fn, items)

    with Client(cluster.scheduler_address) as client:
        assert set(map(tuple, client.run(_profiling).values())) == {(True, True)}
        try:
            executors.Dask.run = watching  # type: ignore[method-assign]
            result = build_site(four, tmp_path / "out", scheduler=cluster.scheduler_address,
                                clean=True, pdf=False)
        finally:
            executors.Dask.run = original  # type: ignore[method-assign]
        assert result.ok and len(seen) == 1 and len(seen[0]) == 2
        assert set(map(tuple, seen[0].values())) == {(False, False)}
        assert set(map(tuple, client.run(_profiling).values())) == {(True, True)}

"""The site step made in forked children (gkgen.build.sitejobs): same bytes, same errors."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from test_incremental import tree

from gkgen.build import sitejobs
from gkgen.build.site import build_site
from gkgen.render.pages import TemplateFailed

EXAMPLE = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture()
def region(tmp_path: Path) -> Path:
    """The example site (a region with roll-ups: every group of site files has work)."""
    root = tmp_path / "site"
    shutil.copytree(EXAMPLE, root / "content")
    return root


@pytest.fixture()
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fork from the first report on; the groups each forked site step made."""
    calls: list[int] = []
    forked = sitejobs._forked

    def counting(makes: Sequence[Callable[[], bytes]], groups: list[list[int]],
                 workers: int, meanwhile: Callable[[], None]) -> list[bytes]:
        calls.append(len(groups))
        return forked(makes, groups, workers, meanwhile)

    monkeypatch.setattr(sitejobs, "PARALLEL_FROM", 0)
    monkeypatch.setattr(sitejobs, "_forked", counting)
    # threads earlier tests left in this process would make fork_safe() say no (a build
    # in `gkgen serve`, with the server's threads, makes its site files in process)
    monkeypatch.setattr(sitejobs, "fork_safe", lambda: True)
    return calls


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not sitejobs.fork_safe()
    finally:
        stop.set()
        other.join()


def test_group_of_keeps_files_that_share_inputs_together() -> None:
    assert {sitejobs.group_of(r) for r in ("region/index.html", "region/2022/all.csv",
                                           "data/rollups.csv", "data/quartiles.csv")} == {"rollup"}
    assert sitejobs.group_of("data/reports-wide.csv") == sitejobs.group_of("data/reports.xlsx") == "wide"
    assert sitejobs.group_of("data/reports.json") == sitejobs.group_of("data/tables.xlsx") == "data"
    assert sitejobs.group_of("index.html") == sitejobs.group_of("x/index.html") == "pages"


def test_forked_site_step_is_byte_identical_to_one_process(region: Path, tmp_path: Path,
                                                           forks: list[int]) -> None:
    one = build_site(region, tmp_path / "one", pdf=False, jobs=1)
    assert one.ok and forks == []  # one core: nothing forked
    two = build_site(region, tmp_path / "two", pdf=False, jobs=2, clean=True)
    assert two.ok and forks == [4]  # roll-ups, wide tables, data files, pages
    a, b = tree(one.out), tree(two.out)
    assert sorted(a) == sorted(b) and "region/index.html" in a and "data/reports.xlsx" in a
    for rel in a:
        assert a[rel] == b[rel], rel


def test_small_sites_and_single_cores_stay_in_process(region: Path, tmp_path: Path,
                                                      forks: list[int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitejobs, "PARALLEL_FROM", 10_000)
    assert build_site(region, tmp_path / "out", pdf=False, jobs=2).ok
    assert forks == []


def test_a_template_error_in_a_child_is_the_build_error(region: Path, tmp_path: Path,
                                                        forks: list[int]) -> None:
    out = tmp_path / "out"
    assert build_site(region, out, pdf=False, jobs=2).ok
    before = tree(out)
    (region / "templates").mkdir()
    (region / "templates" / "breakdown.html").write_text("{{ nothing.at.all }}\n", encoding="utf-8")
    official = EXAMPLE.parent / "templates" / "index.html"  # changed too: the pages group has work
    (region / "templates" / "index.html").write_text(official.read_text(encoding="utf-8") + "\n",
                                                     encoding="utf-8")
    with pytest.raises(TemplateFailed) as raised:
        build_site(region, out, pdf=False, jobs=2)
    assert forks == [4, 2]  # the roll-up pages and the index page, made in two children
    assert Path(raised.value.file) == (region / "templates" / "breakdown.html").resolve()
    assert raised.value.line == 1 and "模板" in str(raised.value)
    assert tree(out) == before  # the old output as it was

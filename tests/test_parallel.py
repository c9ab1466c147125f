"""Parallel builds: worker processes, one PDF renderer each, output byte-identical to serial."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import edit, make_site, report_dir
from test_incremental import tree

from gkgen.build import fork as buildfork
from gkgen.build import parallel as buildpar
from gkgen.build.site import BuildResult, build_site, site_info
from gkgen.checks import run as gkgen_check
from gkgen.content.load import load_site
from gkgen.render import pdf as gkgen_pdf
from gkgen.render.report import ReportJob, render_report

KEYS = ["x/2021", "x/2022", "y/2021", "y/2022"]


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("par") / "site", years=(2021, 2022))
    shutil.copytree(root / "content/x", root / "content/y")
    edit(root / "content/y/body.yaml", "某市某局", "某市另一局")
    return root


def test_parallel_build_is_byte_identical_to_serial(four: Path, tmp_path: Path) -> None:
    serial = build_site(four, tmp_path / "serial", jobs=1)
    parallel = build_site(four, tmp_path / "parallel", jobs=2)
    assert serial.ok and parallel.ok
    assert serial.rendered == parallel.rendered == KEYS and parallel.pdfs == KEYS
    one, two = tree(serial.out), tree(parallel.out)
    assert sorted(one) == sorted(two) and len([k for k in one if k.endswith(".pdf")]) == 4
    for rel in one:
        assert one[rel] == two[rel], rel
    assert [str(f.pos) + f.id for f in serial.findings] == \
        [str(f.pos) + f.id for f in parallel.findings]


def test_one_pdf_renderer_per_worker(four: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "inits.log"
    original = gkgen_pdf.PdfRenderer.__init__

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        with log.open("a", encoding="utf-8") as f:  # workers are forked: they log here too
            f.write(f"{os.getpid()}\n")
        original(self, *args, **kwargs)

    monkeypatch.setattr(gkgen_pdf.PdfRenderer, "__init__", counting_init)
    result = build_site(four, tmp_path / "out", jobs=2)
    assert result.ok and result.pdfs == KEYS
    pids = log.read_text(encoding="utf-8").split()
    assert str(os.getpid()) not in pids  # the parent renders nothing
    assert len(set(pids)) == 2 and len(pids) == 2  # two workers, each made exactly one


def test_parallel_incremental_build_equals_a_clean_serial_one(four: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_site(four, out, pdf=False, jobs=2)
    path = report_dir(four, 2022, "y") / "5-problems.md"
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text + "\n另外，培训覆盖面仍需扩大。\n", encoding="utf-8")
        result = build_site(four, out, pdf=False, jobs=2)
        assert result.rendered == ["y/2022"]
        clean = build_site(four, tmp_path / "clean", pdf=False, jobs=1, clean=True)
        assert tree(result.out) == tree(clean.out)
    finally:
        path.write_text(text, encoding="utf-8")


def test_the_unit_of_work_ships_to_a_fresh_process(four: Path) -> None:
    site = load_site(four).site
    job = ReportJob(site_info(site), site.bodies["y"].reports[2022], pdf=False)
    here = render_report(job)
    assert pickle.loads(pickle.dumps(here)).files == here.files
    spawn = multiprocessing.get_context("spawn")  # nothing inherited: only the pickled job
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        there = pool.submit(render_report, job).result()
    assert there.key == "y/2022" and there.files == here.files


# Large sites: workers load, check and render whole bodies (gkgen.build.parallel). The threshold is
# lowered so that the four-report site takes that path; the spy proves it did.


@pytest.fixture()
def by_bodies(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    monkeypatch.setattr(gkgen_check, "PARALLEL_FROM", 1)
    used: list[bool] = []  # per build that started workers: whether they built it
    original = buildfork.build_forked

    def spy(*args: Any) -> BuildResult | None:
        result = original(*args)
        used.append(result is not None)
        return result

    monkeypatch.setattr(buildfork, "build_forked", spy)
    return used


def test_bodies_in_workers_build_byte_identical_output(four: Path, tmp_path: Path,
                                                       by_bodies: list[bool]) -> None:
    serial = build_site(four, tmp_path / "serial", pdf=False, jobs=1)
    assert by_bodies == []
    parallel = build_site(four, tmp_path / "parallel", pdf=False, jobs=2)
    assert by_bodies == [True]
    assert serial.ok and parallel.ok and parallel.rendered == serial.rendered == KEYS
    assert parallel.written == serial.written and parallel.pages == serial.pages
    assert tree(parallel.out) == tree(serial.out)
    assert parallel.findings == serial.findings
    assert parallel.manifest is not None and serial.manifest is not None
    assert parallel.manifest.reports == serial.manifest.reports


def test_bodies_in_workers_build_incrementally(four: Path, tmp_path: Path,
                                               by_bodies: list[bool]) -> None:
    out = tmp_path / "inc"
    assert build_site(four, out, pdf=False, jobs=2).rendered == KEYS
    path = report_dir(four, 2022, "y") / "5-problems.md"
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text + "\n另外，培训覆盖面仍需扩大。\n", encoding="utf-8")
        changed = build_site(four, out, pdf=False, jobs=2)
        assert changed.ok and changed.rendered == ["y/2022"]
        assert changed.skipped == ["x/2021", "x/2022", "y/2021"]
        assert by_bodies == [True, True]
        clean = build_site(four, tmp_path / "clean", pdf=False, jobs=1, clean=True)
        assert tree(changed.out) == tree(clean.out)
        again = build_site(four, out, pdf=False, jobs=2)
        assert again.ok and again.unchanged and again.rendered == []
        (out / "x/2021/index.html").write_text("改动", encoding="utf-8")  # not as last written
        repaired = build_site(four, out, pdf=False, jobs=2)
        assert repaired.rendered == ["x/2021"] and by_bodies[-1] is True
        assert tree(repaired.out) == tree(clean.out)
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_check_error_in_one_body_blocks_the_build(four: Path, tmp_path: Path,
                                                   by_bodies: list[bool]) -> None:
    out = tmp_path / "out"
    assert build_site(four, out, pdf=False, jobs=2).ok
    before = tree(out)
    path = report_dir(four, 2022, "y") / "3-requests.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        edit(path, "自然人: 0", "自然人: 5")
        failed = build_site(four, out, pdf=False, jobs=2)
        assert by_bodies == [True, True]
        assert not failed.ok and failed.written == [] and failed.errors
        assert tree(out) == before
        serial = build_site(four, tmp_path / "serial", pdf=False, jobs=1, clean=True)
        assert not serial.ok and failed.findings == serial.findings
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_render_failure_in_a_worker_falls_back_to_the_serial_build(
        four: Path, tmp_path: Path, by_bodies: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(job: ReportJob) -> Any:
        raise RuntimeError("broken")

    monkeypatch.setattr(buildpar, "render_report", broken)  # in the workers only
    result = build_site(four, tmp_path / "out", pdf=False, jobs=2)
    assert by_bodies == [False] and result.ok and result.rendered == KEYS
    assert tree(result.out) == tree(build_site(four, tmp_path / "serial", pdf=False, jobs=1).out)

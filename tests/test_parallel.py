"""Local worker processes: one PDF renderer each, output byte-identical to a serial build."""

from __future__ import annotations

import multiprocessing
import pickle
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import edit, make_site, report_dir
from test_incremental import tree

from gkgen.build import executors
from gkgen.build.cache import FileDigests, code_digest, output_stat
from gkgen.build.site import build_site, site_info
from gkgen.build.tasks import Context, Task, run_task
from gkgen.checks.run import run_checks
from gkgen.content.load import load_settings
from gkgen.render.pages import TemplateFailed

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


_COUNT_INITS = """
import os, sys
from pathlib import Path
from gkgen.build.site import build_site
from gkgen.render import pdf as gkgen_pdf
log, root, out = map(Path, sys.argv[1:4])
original = gkgen_pdf.PdfRenderer.__init__
def counting_init(self, *args, **kwargs):
    with log.open("a", encoding="utf-8") as f:  # the workers are forked: they log here too
        f.write(f"{os.getpid()}\\n")
    original(self, *args, **kwargs)
gkgen_pdf.PdfRenderer.__init__ = counting_init
result = build_site(root, out, jobs=2, clean=True)
assert result.ok and len(result.pdfs) == 4, result
print(os.getpid())
"""


def test_one_pdf_renderer_per_worker(four: Path, tmp_path: Path) -> None:
    # In a fresh interpreter: this one may run other threads (a Dask client's, say), and then
    # workers are spawned, not forked, and would not inherit the counting patch.
    log = tmp_path / "inits.log"
    run = subprocess.run([sys.executable, "-c", _COUNT_INITS, str(log), str(four),
                          str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    parent = run.stdout.split()[-1]
    pids = log.read_text(encoding="utf-8").split()
    assert parent not in pids  # the parent renders nothing
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
    site = load_settings(four.resolve(), [])
    context = Context(site_info(site), site, code_digest(FileDigests()))
    task = Task("y", check=(2022,), render=(2022,))
    here = run_task(context, task)
    assert pickle.loads(pickle.dumps(here)).outcomes[0].rendered.files == \
        here.outcomes[0].rendered.files  # type: ignore[union-attr]
    spawn = multiprocessing.get_context("spawn")  # nothing inherited: only the pickled task
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        there = pool.submit(run_task, context, task).result()
    assert [o.year for o in there.outcomes] == [2022]
    assert there.outcomes[0].rendered is not None and here.outcomes[0].rendered is not None
    assert there.outcomes[0].rendered.files == here.outcomes[0].rendered.files
    assert there.outcomes[0].findings == here.outcomes[0].findings


def test_a_local_task_writes_its_files_into_the_staging_tree(four: Path, tmp_path: Path) -> None:
    site = load_settings(four.resolve(), [])
    task = Task("y", check=(2022,), render=(2022,))
    sent = run_task(Context(site_info(site), site, code_digest(FileDigests())), task)
    stage = tmp_path / "stage"
    local = run_task(Context(site_info(site), site, code_digest(FileDigests()), stage=str(stage)),
                     task)
    as_bytes, stored = sent.outcomes[0].rendered, local.outcomes[0].rendered
    assert as_bytes is not None and stored is not None and stored.files == {}
    assert sorted(stored.stored) == sorted(as_bytes.files) and "y/2022/index.html" in stored.stored
    for rel, data in as_bytes.files.items():  # the same bytes, and the stat the manifest keeps
        assert (stage / rel).read_bytes() == data
        assert stored.stored[rel] == output_stat(stage / rel)
        assert (stage / rel).stat().st_mode & 0o777 == 0o644


# HTML builds of large sites read, check and render in worker processes too. The threshold is
# lowered so that the four-report site takes that path; the spy proves it did.


@pytest.fixture()
def in_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(executors, "PARALLEL_FROM", 1)
    used: list[int] = []  # per run that started worker processes: how many
    original = executors.Processes.__init__

    def spy(self: executors.Processes, workers: int, pdf: bool) -> None:
        used.append(workers)
        original(self, workers, pdf)

    monkeypatch.setattr(executors.Processes, "__init__", spy)
    return used


def test_html_in_workers_is_byte_identical(four: Path, tmp_path: Path,
                                           in_workers: list[int]) -> None:
    serial = build_site(four, tmp_path / "serial", pdf=False, jobs=1)
    assert in_workers == []
    parallel = build_site(four, tmp_path / "parallel", pdf=False, jobs=2, clean=True)
    assert in_workers == [2]
    assert serial.ok and parallel.ok and parallel.rendered == serial.rendered == KEYS
    assert parallel.checked == KEYS  # clean: nothing taken from the load-and-check records
    assert parallel.written == serial.written and parallel.pages == serial.pages
    assert tree(parallel.out) == tree(serial.out)
    assert parallel.findings == serial.findings
    assert parallel.manifest is not None and serial.manifest is not None
    assert parallel.manifest.reports == serial.manifest.reports


def test_html_in_workers_builds_incrementally(four: Path, tmp_path: Path,
                                              in_workers: list[int]) -> None:
    out = tmp_path / "inc"
    assert build_site(four, out, pdf=False, jobs=2).rendered == KEYS
    path = report_dir(four, 2022, "y") / "5-problems.md"
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text + "\n另外，宣传覆盖面仍需扩大。\n", encoding="utf-8")
        changed = build_site(four, out, pdf=False, jobs=2)
        assert changed.ok and changed.rendered == ["y/2022"] and changed.checked == ["y/2022"]
        assert changed.skipped == ["x/2021", "x/2022", "y/2021"]
        clean = build_site(four, tmp_path / "clean", pdf=False, jobs=1, clean=True)
        assert tree(changed.out) == tree(clean.out)
        again = build_site(four, out, pdf=False, jobs=2)
        assert again.ok and again.unchanged and again.rendered == []
        (out / "x/2021/index.html").write_text("改动", encoding="utf-8")  # not as last written
        repaired = build_site(four, out, pdf=False, jobs=2)
        assert repaired.rendered == ["x/2021"] and repaired.checked == []
        assert tree(repaired.out) == tree(clean.out)
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_check_error_in_one_body_blocks_the_build(four: Path, tmp_path: Path,
                                                   in_workers: list[int]) -> None:
    out = tmp_path / "out"
    assert build_site(four, out, pdf=False, jobs=2).ok
    before = tree(out)
    path = report_dir(four, 2022, "y") / "3-requests.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        edit(path, "自然人: 0", "自然人: 5")
        failed = build_site(four, out, pdf=False, jobs=2, clean=True)
        assert in_workers == [2, 2]
        assert not failed.ok and failed.written == [] and failed.errors
        assert "y/2022" not in failed.rendered  # a report that fails its checks is not rendered
        assert tree(out) == before
        serial = build_site(four, tmp_path / "serial", pdf=False, jobs=1, clean=True)
        assert not serial.ok and failed.findings == serial.findings
        assert [f.to_json() for f in failed.findings] == [
            f.to_json() for f in run_checks(four).findings]
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_render_failure_in_a_worker_fails_the_build_and_keeps_the_output(
        four: Path, tmp_path: Path, in_workers: list[int]) -> None:
    out = tmp_path / "out"
    assert build_site(four, out, pdf=False, jobs=1).ok
    before = tree(out)
    _own = four / "templates"
    _own.mkdir(exist_ok=True)
    (_own / "report.html").write_text("{{ report.title }}\n{{ report.x.y }}\n", encoding="utf-8")
    try:
        with pytest.raises(TemplateFailed) as raised:  # raised in a worker, told here
            build_site(four, out, pdf=False, jobs=2)
        assert in_workers == [2] and raised.value.line == 2
        assert tree(out) == before
        assert not list(out.parent.glob(f".{out.name}.new-*"))  # no staging folder left behind
    finally:
        shutil.rmtree(_own)

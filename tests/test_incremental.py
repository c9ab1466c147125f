"""Incremental builds: only what changed is rendered, and the result equals a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import cli, edit, make_site, report_dir

from gkgen.build.cache import CACHE_DIR, CHECKS_DIR, MANIFEST, entry_dir
from gkgen.build.site import BuildResult, build_site
from gkgen.render.pages import official_templates


def tree(out: Path) -> dict[str, bytes]:
    """Every output file, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def assert_same_as_clean(root: Path, result: BuildResult, tmp: Path, pdf: bool) -> None:
    clean = build_site(root, tmp / "clean", pdf=pdf, jobs=1, clean=True)
    assert clean.ok and clean.skipped == []
    assert tree(result.out) == tree(clean.out)


@pytest.fixture
def two_bodies(tmp_path: Path) -> Path:
    """Bodies x (2021, 2022) and y (2022)."""
    root = make_site(tmp_path / "site", years=(2021, 2022))
    shutil.copytree(root / "content/x", root / "content/y", ignore=shutil.ignore_patterns("2021"))
    edit(root / "content/y/body.yaml", "某市某局", "某市另一局")
    return root


ALL = ["x/2021", "x/2022", "y/2022"]


def test_second_build_renders_nothing_and_leaves_the_output_alone(two_bodies: Path) -> None:
    first = build_site(two_bodies, pdf=False)
    assert first.ok and first.rendered == ALL and first.skipped == []
    assert "index.html" in first.pages and "data/reports.csv" in first.pages
    stamps = {p: p.stat().st_mtime_ns for p in first.out.rglob("*")}
    again = build_site(two_bodies, pdf=False)
    assert again.ok and again.unchanged
    assert again.rendered == [] and again.pages == [] and again.written == []
    assert again.skipped == ALL and again.reports == 3
    assert {p: p.stat().st_mtime_ns for p in again.out.rglob("*")} == stamps


def test_editing_one_markdown_rerenders_that_report_and_the_next_year(two_bodies: Path,
                                                                     tmp_path: Path) -> None:
    build_site(two_bodies, pdf=False)
    path = report_dir(two_bodies, 2021) / "1-overview.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n本年新增一段说明。\n", encoding="utf-8")
    result = build_site(two_bodies, pdf=False)
    # 2022's checks read 2021 (Y3), so it is redone too; y is untouched
    assert result.ok and result.rendered == ["x/2021", "x/2022"] and result.skipped == ["y/2022"]
    # titles and figures did not change: no index page, no data; the search index holds the text
    assert result.pages == ["search/index.js"]
    assert "本年新增一段说明" in (result.out / "x/2021/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(two_bodies, result, tmp_path, pdf=False)


def test_a_title_change_rebuilds_the_pages_that_list_the_report(two_bodies: Path,
                                                                tmp_path: Path) -> None:
    build_site(two_bodies, pdf=False)
    with (report_dir(two_bodies, 2022, "y") / "report.yaml").open("a", encoding="utf-8") as f:
        f.write("title: 某市另一局2022年度政府信息公开工作年度报告（修订）\n")
    result = build_site(two_bodies, pdf=False)
    assert result.rendered == ["y/2022"] and result.skipped == ["x/2021", "x/2022"]
    # the region's files (roll-up pages and data) are keyed on every YAML file
    # (gkgen.build.regionfiles): a narrative change rebuilds none of them, a report.yaml all
    region = {p for p in result.pages if p.startswith("region/") or p == "datapackage.json"
              or p in ("data/reports-wide.csv", "data/reports.xlsx", "data/rollups.csv",
                       "data/figures.csv", "data/quartiles.csv")}
    assert [p for p in result.pages if p not in region] == [
        "data/reports.csv", "data/reports.json", "data/tables.xlsx", "index.html",
        "search.html", "search/index.js", "y/index.html"]
    assert "region/index.html" in region and "data/reports-wide.csv" in region
    assert "（修订）" in (result.out / "y/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(two_bodies, result, tmp_path, pdf=False)


def _override(root: Path, name: str, old: str, new: str) -> None:
    own = root / "templates"
    own.mkdir(exist_ok=True)
    text = (official_templates() / name).read_text(encoding="utf-8")
    assert old in text
    (own / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def test_template_changes_rerender_only_what_uses_them(two_bodies: Path, tmp_path: Path) -> None:
    build_site(two_bodies, pdf=False)
    _override(two_bodies, "index.html", "</section>", "<p>首页说明</p></section>")
    index_only = build_site(two_bodies, pdf=False)
    assert index_only.rendered == [] and index_only.pages == ["index.html"]
    assert "首页说明" in (index_only.out / "index.html").read_text(encoding="utf-8")

    _override(two_bodies, "report.html", "{% block main %}", "{% block main %}<p>报告页说明</p>")
    reports = build_site(two_bodies, pdf=False)
    assert reports.rendered == ALL and reports.pages == ["search/index.js"]  # made from the pages

    _override(two_bodies, "base.html", "</body>", "<p>全站页脚</p></body>")
    everything = build_site(two_bodies, pdf=False)
    assert everything.rendered == ALL
    assert everything.pages == ["index.html", "region/2021/all.bodies.html", "region/2021/all.html",
                                "region/2022/all.bodies.html", "region/2022/all.html",
                                "region/index.html", "search.html", "search/index.js", "x/index.html",
                                "y/index.html"]
    assert all("全站页脚" in p.read_text(encoding="utf-8") for p in everything.out.rglob("*.html"))
    assert_same_as_clean(two_bodies, everything, tmp_path, pdf=False)


def test_static_file_change_is_copied_without_rendering(two_bodies: Path) -> None:
    build_site(two_bodies, pdf=False)
    own = two_bodies / "templates/static"
    own.mkdir(parents=True)
    (own / "site.css").write_bytes((official_templates() / "static/site.css").read_bytes()
                                   + b"\n.extra { color: #000; }\n")
    result = build_site(two_bodies, pdf=False)
    assert result.rendered == [] and result.pages == ["static/site.css"]
    assert b".extra" in (result.out / "static/site.css").read_bytes()


def test_previous_year_requests_table_rerenders_next_year_with_its_y1_finding(
        tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", years=(2021, 2022))
    first = build_site(root, pdf=True)
    assert first.ok and first.pdfs == ["x/2021", "x/2022"]
    assert not [f for f in first.findings if f.id == "Y1"]
    table = report_dir(root, 2021) / "3-requests.yaml"
    edit(table, "自然人: 0", "自然人: 1", line=5)  # one more request received in 2021 ...
    edit(table, "总计: 0", "总计: 1", line=5)
    carried = next(i for i, line in enumerate(table.read_text(encoding="utf-8").split("\n"), 1)
                   if line.startswith("四、结转下年度继续办理"))
    edit(table, "自然人: 0", "自然人: 1", line=carried)  # ... and carried into 2022
    edit(table, "总计: 0", "总计: 1", line=carried)
    result = build_site(root, pdf=True)
    assert result.ok and result.rendered == ["x/2021", "x/2022"]
    y1 = [f for f in result.findings if f.id == "Y1"]
    assert y1 and all(f.pos.file.is_relative_to(report_dir(root, 2022)) for f in y1)
    # 2022's print page is the same, so its PDF is carried over, not rendered again
    assert result.pdfs == ["x/2021"]
    again = build_site(root, pdf=True)
    assert again.unchanged and [f.id for f in again.findings] == [f.id for f in result.findings]
    assert [str(f.pos) for f in again.findings] == [str(f.pos) for f in result.findings]
    assert_same_as_clean(root, again, tmp_path, pdf=True)


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "wrong-shape", "version"])
def test_damaged_cache_means_a_full_correct_build(two_bodies: Path, tmp_path: Path,
                                                  damage: str) -> None:
    out = build_site(two_bodies, pdf=False).out
    manifest = entry_dir(two_bodies, out) / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    if damage == "missing":
        manifest.unlink()
    elif damage == "garbage":
        manifest.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        manifest.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "wrong-shape":
        manifest.write_text(text.replace('"outputs":{', '"outputs":{"x":[1],', 1),
                            encoding="utf-8")
    else:
        manifest.write_text(text.replace('"gkgen":"', '"gkgen":"0.0.0-', 1), encoding="utf-8")
    path = report_dir(two_bodies, 2022, "y") / "6-other.md"
    path.write_text("本年度未收取信息处理费。另有说明。\n", encoding="utf-8")
    result = build_site(two_bodies, pdf=False)
    assert result.ok and result.rendered == ALL and result.skipped == []
    assert "另有说明" in (out / "y/2022/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(two_bodies, result, tmp_path, pdf=False)
    assert build_site(two_bodies, pdf=False).unchanged  # and the new cache works


def test_a_changed_output_file_is_rebuilt(two_bodies: Path, tmp_path: Path) -> None:
    out = build_site(two_bodies, pdf=False).out
    (out / "x/2022/index.html").write_text("tampered", encoding="utf-8")
    (out / "y/2022/data.json").unlink()
    (out / "stale.html").write_text("old", encoding="utf-8")
    result = build_site(two_bodies, pdf=False)
    assert result.rendered == ["x/2022", "y/2022"] and result.skipped == ["x/2021"]
    assert not (out / "stale.html").exists()
    assert_same_as_clean(two_bodies, result, tmp_path, pdf=False)


def test_clean_forces_a_full_build(two_bodies: Path) -> None:
    build_site(two_bodies, pdf=False)
    assert build_site(two_bodies, pdf=False, clean=True).rendered == ALL
    run = cli("build", str(two_bodies), "--no-pdf")
    assert run.exit_code == 0 and "没有改动" in run.output
    run = cli("build", str(two_bodies), "--no-pdf", "--clean", "--jobs", "1")
    assert run.exit_code == 0 and "已生成 3 份报告" in run.output and "没有改动" not in run.output


def test_a_failed_build_keeps_output_and_cache(two_bodies: Path) -> None:
    out = build_site(two_bodies, pdf=False).out
    cache = two_bodies / CACHE_DIR

    def state() -> dict[Path, bytes]:
        return {p: p.read_bytes() for d in (out, cache) for p in d.rglob("*") if p.is_file()}

    before = state()
    table = report_dir(two_bodies, 2022, "y") / "3-requests.yaml"
    good = table.read_text(encoding="utf-8")
    edit(table, "自然人: 0", "自然人: 5")
    assert not build_site(two_bodies, pdf=False).ok
    assert state() == before
    table.write_text(good, encoding="utf-8")
    assert build_site(two_bodies, pdf=False).unchanged


def test_the_cache_is_not_published(two_bodies: Path) -> None:
    """Nothing in the output names a local path or a finding; the cache sits in the site."""
    out = build_site(two_bodies, pdf=False).out
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".gkgen-output"]
    assert (out / ".gkgen-output").read_text(encoding="utf-8") == "gkgen\n"
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(two_bodies).encode() not in data, path
            assert b"/gkgen/" not in data and b"manifest" not in data, path
    assert (entry_dir(two_bodies, out) / MANIFEST).is_file()
    assert entry_dir(two_bodies, out).parent == two_bodies / CACHE_DIR


def test_a_cache_written_for_an_earlier_tree_is_not_used(two_bodies: Path,
                                                          tmp_path: Path) -> None:
    """A build that stops between swapping the output in and saving its cache."""
    out = build_site(two_bodies, pdf=False).out
    manifest = entry_dir(two_bodies, out) / MANIFEST
    stale = manifest.read_bytes()
    path = report_dir(two_bodies, 2022, "y") / "6-other.md"
    path.write_text("本年度未收取信息处理费。另有说明。\n", encoding="utf-8")
    assert build_site(two_bodies, pdf=False).rendered == ["y/2022"]
    manifest.write_bytes(stale)  # the cache of the tree before: its marker no longer matches
    path.write_text("本年度未收取信息处理费。\n", encoding="utf-8")
    result = build_site(two_bodies, pdf=False)
    assert result.ok and result.rendered == ALL and not result.unchanged
    assert "另有说明" not in (out / "y/2022/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(two_bodies, result, tmp_path, pdf=False)


def test_each_output_folder_has_its_own_cache_and_gone_ones_are_pruned(two_bodies: Path,
                                                                      tmp_path: Path) -> None:
    first = build_site(two_bodies, tmp_path / "a", pdf=False)
    second = build_site(two_bodies, tmp_path / "b", pdf=False)
    assert second.rendered == ALL  # a's cache does not describe b
    assert second.checked == []  # but what reading and checking found is the same for both
    assert build_site(two_bodies, tmp_path / "a", pdf=False).unchanged
    outputs = [p for p in (two_bodies / CACHE_DIR).iterdir() if p.name != CHECKS_DIR]
    assert len(outputs) == 2
    shutil.rmtree(first.out)
    build_site(two_bodies, tmp_path / "b", pdf=False, clean=True)
    assert sorted(p.name for p in (two_bodies / CACHE_DIR).iterdir()) == sorted(
        [entry_dir(two_bodies, second.out).name, CHECKS_DIR])


def test_a_seeded_copy_uses_the_cache_of_the_output_it_was_seeded_from(two_bodies: Path,
                                                                       tmp_path: Path) -> None:
    """The preview server builds into fresh folders hard-linked from the one it serves."""
    from gkgen.serve.preview import seed

    first = build_site(two_bodies, tmp_path / "1", pdf=False)
    seed(first.out, tmp_path / "2")
    same = build_site(two_bodies, tmp_path / "2", pdf=False, seeded_from=first.out)
    assert same.unchanged
    seed(same.out, tmp_path / "3")
    path = report_dir(two_bodies, 2022, "y") / "6-other.md"
    path.write_text("本年度未收取信息处理费。另有说明。\n", encoding="utf-8")
    edited = build_site(two_bodies, tmp_path / "3", pdf=False, seeded_from=same.out)
    assert edited.rendered == ["y/2022"] and edited.skipped == ["x/2021", "x/2022"]
    assert_same_as_clean(two_bodies, edited, tmp_path, pdf=False)
    (tmp_path / "4").mkdir()  # not a copy of the seed: its cache must not be used
    assert build_site(two_bodies, tmp_path / "4", pdf=False, seeded_from=edited.out).rendered == ALL


def test_pdf_and_html_builds_do_not_share_outputs(two_bodies: Path, tmp_path: Path) -> None:
    build_site(two_bodies, pdf=False)
    with_pdf = build_site(two_bodies, pdf=True)
    assert with_pdf.rendered == ALL and with_pdf.pdfs == ALL
    assert (with_pdf.out / "y/2022/report.pdf").is_file()
    web = build_site(two_bodies, pdf=False)
    # --no-pdf re-renders the pages but keeps the PDFs that are still current (issue 10)
    assert web.rendered == ALL and web.pdfs == [] and (web.out / "y/2022/report.pdf").is_file()

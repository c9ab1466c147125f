"""gkgen build: layout, open data, atomic output, determinism, failing checks, the CLI."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import cli, edit, make_site, report_dir

from gkgen.build.site import BuildError, build_site
from gkgen.content.load import load_site
from gkgen.content.tableload import norm
from gkgen.format import edition
from gkgen.render.pages import TemplateFailed

REGION = [f"region/{y}/all{suffix}" for y in (2021, 2022)
          for suffix in (".bodies.csv", ".bodies.html", ".csv", ".figures.csv", ".html",
                         ".quartiles.csv")]
LAYOUT = ["data/figures.csv", "data/quartiles.csv", "data/reports-wide.csv",
          "data/reports.csv", "data/reports.json", "data/reports.xlsx", "data/rollups.csv",
          "data/tables.xlsx", "datapackage.json", "index.html",
          *REGION, "region/index.html",
          "search.html", "search/index.js", "static/extra.css", "static/search.js", "static/site.css",
          "x/2021/data.json", "x/2021/index.html", "x/2021/report.docx", "x/2021/report.pdf",
          "x/2021/tables.xlsx",
          "x/2022/data.json", "x/2022/index.html", "x/2022/report.docx", "x/2022/report.pdf",
          "x/2022/tables.xlsx", "x/index.html"]


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = make_site(tmp_path_factory.mktemp("b") / "site", years=(2021, 2022))
    edit(report_dir(root, 2022) / "2-proactive.yaml", "本年收费金额（单位：万元）: 0",
         "本年收费金额（单位：万元）: 12.35")
    result = build_site(root)
    assert result.ok, [f.message for f in result.findings]
    return root, result.out


def test_layout_is_documented_one(two_years: tuple[Path, Path]) -> None:
    root, out = two_years
    assert out == (root / "output").resolve()
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith(".")] == LAYOUT


def _yaml_cells(path: Path, table_key: str) -> dict[str, Decimal]:
    """Cells read straight from a table file with PyYAML, keyed by field id."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, Decimal] = {}
    for cell in edition("2021").table(table_key).cells:
        node = data
        for key in cell.yaml_path:
            node = {norm(k): v for k, v in node.items()}.get(norm(key)) if node else None
        if node is not None:
            out[cell.id] = Decimal(str(node))
    return out


def test_data_json_round_trips_to_the_yaml_cells(two_years: tuple[Path, Path]) -> None:
    root, out = two_years
    data = json.loads((out / "x/2022/data.json").read_text(encoding="utf-8"))
    assert (data["body"], data["year"], data["edition"]) == ("x", 2022, "2021")
    assert set(data["cells"]) == set(edition("2021").cells)
    typed: dict[str, Decimal] = {}
    for part, key in ((2, "t2"), (3, "t3"), (4, "t4")):
        name = edition("2021").parts[part - 1].filename
        typed.update(_yaml_cells(report_dir(root, 2022) / name, key))
    assert typed["t2.fees.amount"] == Decimal("12.35")
    for cid, value in typed.items():
        assert Decimal(str(data["cells"][cid])) == value, cid
    # every cell nobody typed is a total, marked as computed and equal to the loader's value
    report = load_site(root).site.bodies["x"].reports[2022]
    for cid in set(data["cells"]) - set(typed):
        assert cid in data["computed"], cid
        assert Decimal(str(data["cells"][cid])) == report.number(cid)
    assert data["labels"]["t3.new.natural"] == edition("2021").cells["t3.new.natural"].label


def test_site_csv_and_json_hold_every_cell(two_years: tuple[Path, Path]) -> None:
    _, out = two_years
    raw = (out / "data/reports.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "body,body_name,year,edition,table,field,label,value,computed"
    assert len(lines) == 1 + 2 * len(edition("2021").cells)
    assert any(",t2.fees.amount," in line and ",12.35," in line for line in lines)
    site = json.loads((out / "data/reports.json").read_text(encoding="utf-8"))
    assert [(r["body"], r["year"]) for r in site["reports"]] == [("x", 2021), ("x", 2022)]
    assert [f["field"] for f in site["fields"]["2021"]] == list(edition("2021").cells)


def test_build_twice_gives_identical_bytes(two_years: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = two_years
    again = build_site(root, tmp_path / "again")
    assert again.ok
    for rel in LAYOUT:
        assert (out / rel).read_bytes() == (again.out / rel).read_bytes(), rel


def test_check_error_keeps_previous_output(site: Path) -> None:
    first = build_site(site)
    assert first.ok
    before = {p: p.read_bytes() for p in first.out.rglob("*") if p.is_file()}
    edit(report_dir(site, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 5")
    result = build_site(site)
    assert not result.ok and result.written == []
    assert {f.id for f in result.findings if f.severity == "error"} >= {"R1"}
    assert {p: p.read_bytes() for p in first.out.rglob("*") if p.is_file()} == before
    assert not [p for p in first.out.parent.iterdir() if p.name.startswith(".output")]


def test_cli_exit_code_and_findings_on_error(site: Path) -> None:
    edit(report_dir(site, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 5")
    result = cli("build", str(site))
    assert result.exit_code == 1
    assert "错误 R1" in result.output and "3-requests.yaml:" in result.output
    assert "未生成" in result.output
    assert not (site / "output").exists()


def test_cli_summary_and_no_pdf(site: Path, tmp_path: Path) -> None:
    result = cli("build", str(site), "--out", str(tmp_path / "web"), "--no-pdf")
    assert result.exit_code == 0, result.output
    assert "已生成 1 份报告" in result.output and "未生成 PDF" in result.output
    assert (tmp_path / "web/x/2022/index.html").is_file()
    assert not (tmp_path / "web/x/2022/report.pdf").exists()
    assert "report.pdf" not in (tmp_path / "web/x/2022/index.html").read_text(encoding="utf-8")


def test_refuses_to_replace_a_foreign_folder(site: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildError):
        build_site(site, foreign, pdf=False)
    with pytest.raises(BuildError):
        build_site(site, site, pdf=False)
    with pytest.raises(BuildError):
        build_site(site, site / "content" / "out", pdf=False)
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
    result = cli("build", str(site), "--out", str(foreign), "--no-pdf")
    assert result.exit_code == 1 and "生成失败" in result.output


def test_rebuild_replaces_stale_files(site: Path) -> None:
    out = build_site(site, pdf=False).out
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert build_site(site, pdf=False).ok
    assert not (out / "stale.html").exists()
    assert (out / "x/2022/index.html").is_file()


def test_parallel_build_matches_serial(two_years: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = two_years
    par = build_site(root, tmp_path / "par", jobs=2)
    assert par.ok
    for rel in LAYOUT:
        assert (out / rel).read_bytes() == (par.out / rel).read_bytes(), rel


# --- a broken template of the site's own ------------------------------------------------

def _own_template(root: Path, name: str, text: str) -> None:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / name).write_text(text, encoding="utf-8")


def _state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for d in ("output", ".gkgen-cache")
            for p in (root / d).rglob("*") if p.is_file()}


BROKEN = [
    # (template, its text, line, message start, build options)
    ("report.html", "{% if %}broken\n", 1, "模板语法错误：", ("--no-pdf",)),
    ("report.html", "{% if %}broken\n", 1, "模板语法错误：", ("--jobs", "1")),
    ("report.html", '{% extends "base.html" %}{% block main %}\n<p>\n{{ report.nonexist.foo }}'
                    "</p>{% endblock %}\n", 3, "模板引用了不存在的数据：", ("--jobs", "2")),
    ("report.html", '{% extends "base.html" %}{% block main %}\n{{ report.nonexist.foo }}'
                    "{% endblock %}\n", 2, "模板引用了不存在的数据：", ("--jobs", "1", "--no-pdf")),
    ("base.html", "<html>\n{% block main %}{% endblock %}\n{% endif %}\n", 3, "模板语法错误：",
     ("--jobs", "2", "--no-pdf")),  # found only when a worker renders a page on it
    ("index.html", "{{ nothing.here }}\n", 1, "模板引用了不存在的数据：", ("--no-pdf",)),
    ("body.html", "<p>\n{% for %}\n", 2, "模板语法错误：", ("--no-pdf",)),
    ("report.html", '{% extends "missing.html" %}\n', 1, "模板找不到要引用的模板：missing.html",
     ("--jobs", "2", "--no-pdf")),
]


@pytest.mark.parametrize(("name", "text", "line", "message", "options"), BROKEN)
def test_a_broken_site_template_is_one_line_naming_its_place(
        tmp_path: Path, name: str, text: str, line: int, message: str,
        options: tuple[str, ...]) -> None:
    root = make_site(tmp_path / "site", years=(2021, 2022))
    assert cli("build", str(root), "--no-pdf").exit_code == 0
    before = _state(root)
    _own_template(root, name, text)
    run = cli("build", str(root), *options)
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output and "jinja2" not in run.output, run.output
    assert f"templates{os.sep}{name}:{line}: {message}" in run.output, run.output
    assert "生成失败" in run.output and "未改动" in run.output
    assert _state(root) == before  # the old output and its cache are untouched
    (root / "templates" / name).unlink()
    again = cli("build", str(root), "--no-pdf")
    assert again.exit_code == 0 and "没有改动" in again.output, again.output


def test_a_template_error_in_the_api_is_a_template_failed(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", years=(2021, 2022))
    _own_template(root, "report.html", "{{ report.title }}\n{{ report.x.y }}\n")
    with pytest.raises(TemplateFailed) as raised:
        build_site(root, pdf=False, jobs=2)
    assert raised.value.line == 2
    assert Path(raised.value.file) == (root / "templates" / "report.html").resolve()

"""datapackage.json validated with frictionless; roll-up and data files rebuilt only when their inputs change."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest
from rollupsite import build, make_region, number, published, read_csv, record


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_region(tmp_path_factory.mktemp("package") / "site")
    build(root)
    return root


def test_the_datapackage_is_valid_frictionless(region: Path) -> None:
    report = frictionless.validate(str(region / "output" / "datapackage.json"))
    problems = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert report.valid, problems[:10]
    assert len(report.tasks) > 20  # every resource was read and checked, not just the descriptor


def test_it_describes_every_data_file_with_field_types(region: Path) -> None:
    out = region / "output"
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    files = {p.relative_to(out).as_posix() for p in (out / "data").iterdir()}
    files |= {p.relative_to(out).as_posix() for p in (out / "region").rglob("*.csv")}
    assert files <= paths and paths <= {p.relative_to(out).as_posix() for p in out.rglob("*")}
    wide = next(r for r in package["resources"] if r["name"] == "reports-wide")
    types = {f["name"]: f["type"] for f in wide["schema"]["fields"]}
    assert types["年度"] == "integer" and types["发布日期"] == "date"
    assert types["「一、本年新收政府信息公开申请数量」×「总计」"] == "integer"
    assert types["「第二十条第（八）项」×「行政事业性收费」×「本年收费金额（单位：万元）」"] == "number"
    assert wide["schema"]["missingValues"] == [""]  # blank is a missing value, not 0
    header = list(read_csv(out / "data" / "reports-wide.csv")[0])
    assert [f["name"] for f in wide["schema"]["fields"]] == header


def test_a_wrong_file_fails_the_validation(region: Path, tmp_path: Path) -> None:
    """The validation reads the data: a text where the schema says integer is caught."""
    copy = tmp_path / "out"
    shutil.copytree(region / "output", copy)
    path = copy / "region" / "2024" / "all.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(re.sub(r"^(2024,全部机关,all,2021,t2\.rules\.issued,t2,[^,]*,)\d+", r"\1十",
                           text, count=1, flags=re.M), encoding="utf-8-sig")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {e.type for t in report.tasks for e in t.errors} == {"type-error"}


def _mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns
            for p in [*(out / "region").rglob("*"), *(out / "data").iterdir(),
                      out / "datapackage.json"] if p.is_file()}


def test_a_no_op_build_leaves_the_roll_up_files_untouched(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    build(root)
    before = _mtimes(root / "output")
    result = build(root)
    assert result.unchanged and _mtimes(root / "output") == before


def test_a_narrative_change_rebuilds_no_roll_up_file(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    build(root)
    part = root / "content" / "b0002" / "2024" / "6-other.md"
    part.write_text(part.read_text(encoding="utf-8") + "\n本报告另附说明。\n", encoding="utf-8")
    result = build(root)
    assert "b0002/2024/index.html" in result.written
    assert not [p for p in result.pages if p.startswith(("region/", "data/rollups", "data/figures"))]


def test_one_changed_report_rebuilds_its_roll_ups_with_the_new_sum(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    build(root)
    out = root / "output"
    t2 = root / "content" / "b0002" / "2024" / "2-proactive.yaml"
    text = t2.read_text(encoding="utf-8")
    m = re.search(r"(行政规范性文件: \{本年制发件数: )(\d+)", text)
    assert m
    t2.write_text(text[:m.start(2)] + str(int(m.group(2)) + 5) + text[m.end(2):], encoding="utf-8")
    result = build(root)  # Y2 only warns
    assert {"region/2024/all.html", "region/2024/all.csv", "region/2024/of-b0000.html",
            "data/rollups.csv", "data/reports-wide.csv", "datapackage.json"} <= set(result.pages)
    # (every region file is keyed on all YAML files: a figure changed anywhere rebuilds them all,
    # a narrative changed anywhere rebuilds none; see the test above)
    row = next(r for r in read_csv(out / "region" / "2024" / "all.csv")
               if r["字段编号"] == "t2.normative.issued")
    assert number(row["合计"]) == sum(record(out, f"{s}/2024")["cells"]["t2.normative.issued"]
                                    for s in published(root, 2024))

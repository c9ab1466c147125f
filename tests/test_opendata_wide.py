"""The wide open data: one row per report with the official labels as headers, in CSV and Excel."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rollupsite import (
    BLANK,
    BLANK_CELL,
    DRAFT,
    INJECTED,
    MISSING,
    build,
    make_region,
    number,
    read_csv,
    record,
)

from gkgen.format import edition

META = ["机关目录", "机关名称", "机关层级", "上级机关", "所在地区", "年度", "格式版本", "发布日期",
        "发布状态", "逾期天数", "修改记录条数"]


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_region(tmp_path_factory.mktemp("wide") / "site")
    build(root)
    return root


def _label(cid: str) -> str:
    return edition("2021").cells[cid].label


def test_one_row_per_published_report_with_the_official_labels(region: Path) -> None:
    out = region / "output"
    rows = read_csv(out / "data" / "reports-wide.csv")
    header = list(rows[0])
    assert header[:len(META)] == META
    labels = header[len(META):]
    assert labels[:200] == [c.label for c in edition("2021").cells.values()]
    assert len(set(header)) == len(header)
    keys = [f"{r['机关目录']}/{r['年度']}" for r in rows]
    built = sorted(p.parent.relative_to(out).as_posix() for p in out.glob("b*/*/data.json"))
    assert sorted(keys) == built and MISSING not in keys
    for r in rows:
        rec = record(out, f"{r['机关目录']}/{r['年度']}")
        assert r["机关名称"] == rec["body_name"] and r["发布日期"] == (rec["published"] or "")
        for cid, v in rec["cells"].items():
            assert number(r[_label(cid)]) == v, (r["机关目录"], cid)
        for cid in set(edition("2019").cells) - set(edition("2021").cells):
            assert r[next(h for h in labels if h.startswith(edition("2019").cells[cid].label))] == ""


def test_level_parent_status_and_blank_are_written_out(region: Path) -> None:
    rows = {f"{r['机关目录']}/{r['年度']}": r
            for r in read_csv(region / "output" / "data" / "reports-wide.csv")}
    gov = rows["b0000/2024"]
    assert gov["机关层级"] == "县级以上人民政府" and gov["上级机关"] == ""
    child = rows["b0008/2024"]
    assert child["机关层级"] == "县级以上人民政府部门"
    assert child["上级机关"] == record(region / "output", "b0001/2024")["body_name"]
    assert rows["b0009/2024"]["机关层级"] == "乡镇人民政府、街道办事处"
    assert rows["b0001/2024"]["发布状态"] == "按时发布" and rows["b0001/2024"]["逾期天数"] == ""
    assert rows[DRAFT]["发布状态"] == "草稿"  # gkgen build shows drafts unless told not to
    assert rows[BLANK][_label(BLANK_CELL)] == ""  # blank stays blank, never 0


def test_a_late_report_says_by_how_many_days(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    ry = root / "content" / "b0002" / "2024" / "report.yaml"
    text = ry.read_text(encoding="utf-8")
    start = text.index("published: ") + len("published: ")
    ry.write_text(text[:start] + "2025-02-10" + text[start + 10:], encoding="utf-8")
    build(root)  # N5 warns, the build goes through
    row = next(r for r in read_csv(root / "output" / "data" / "reports-wide.csv")
               if r["机关目录"] == "b0002" and r["年度"] == "2024")
    assert row["发布状态"] == "逾期10天" and row["逾期天数"] == "10"


def _sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    wb = openpyxl.load_workbook(path, read_only=False)
    ws = wb[sheet]
    for r in ws.iter_rows():
        for c in r:
            assert c.data_type != "f", (c.coordinate, c.value)  # no formula anywhere
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_the_workbook_holds_the_same_rows_read_back_with_openpyxl(region: Path) -> None:
    data = region / "output" / "data"
    csv_rows = read_csv(data / "reports-wide.csv")
    sheet = _sheet_rows(data / "reports.xlsx", "报告")
    assert sheet[0] == list(csv_rows[0])
    assert len(sheet) == len(csv_rows) + 1
    for got, want in zip(sheet[1:], csv_rows, strict=True):
        for h, v in zip(sheet[0], got, strict=True):
            w = want[h]
            if w == "":
                assert v is None, h  # blank, not 0 or ""
            elif h in ("年度", "逾期天数", "修改记录条数") or h.startswith("「"):
                assert isinstance(v, int | float) and Decimal(str(v)) == Decimal(w), h
            else:
                assert v == w, h
    fields = _sheet_rows(data / "reports.xlsx", "字段")
    assert fields[0] == ["列名", "字段编号", "类型"]
    assert [r[1] for r in fields[1:201]] == list(edition("2021").cells)


def test_formula_injection_is_neutralised_in_csv_and_excel(region: Path) -> None:
    data = region / "output" / "data"
    row = next(r for r in read_csv(data / "reports-wide.csv") if r["机关目录"] == "b0005")
    assert row["所在地区"] == "'" + INJECTED
    sheet = _sheet_rows(data / "reports.xlsx", "报告")
    col = sheet[0].index("所在地区")
    values = [r[col] for r in sheet[1:] if r[0] == "b0005"]
    assert values and all(v == "'" + INJECTED for v in values)
    # the roll-up's breakdown CSV carries the same row, made safe alike
    bodies = read_csv(region / "output" / "region" / "2024" / "all.bodies.csv")
    assert next(r for r in bodies if r["机关目录"] == "b0005")["所在地区"] == "'" + INJECTED


def test_negative_figures_stay_numbers_in_the_long_csv(tmp_path: Path) -> None:
    """A 2019-edition 本年增/减 may be negative: a number, not a neutralised text."""
    from conftest import make_site  # type: ignore[attr-defined]

    root = make_site(tmp_path / "s", years=(2020,), edition="2019")
    t2 = root / "content" / "x" / "2020" / "2-proactive.yaml"
    text = t2.read_text(encoding="utf-8")
    key = "本年增/减: 0"
    assert key in text
    t2.write_text(text.replace(key, "本年增/减: -3", 1), encoding="utf-8")
    build(root)
    rows = read_csv(root / "output" / "data" / "reports.csv")
    assert "-3" in [r["value"] for r in rows] and not [r for r in rows if r["value"].startswith("'")]


def test_a_held_draft_is_in_no_data_file_and_left_out_of_the_roll_ups(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    build(root, drafts=False)
    out = root / "output"
    keys = {f"{r['机关目录']}/{r['年度']}" for r in read_csv(out / "data" / "reports-wide.csv")}
    assert DRAFT not in keys and "b0002/2024" in keys
    bodies = {r["机关目录"] for r in read_csv(out / "region" / "2024" / "all.bodies.csv")}
    assert DRAFT.split("/")[0] not in bodies
    page = (out / "region" / "2024" / "all.html").read_text(encoding="utf-8")
    assert "报告为草稿，尚未发布，不计入" in page
    assert not (out / DRAFT).exists()

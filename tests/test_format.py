"""The official format as data, checked against the spec text (sections 2–6) and golden field ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, cli

from gkgen.format import EDITIONS, Edition, Table, edition

SPEC = Path("/work/shared/spec/annual-report-format.md")
if not SPEC.is_file():  # the spec travels with the repository's shared folder
    SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "annual-report-format.md"


def section(number: int) -> str:
    text = SPEC.read_text(encoding="utf-8")
    m = re.search(rf"^## {number}\. .*?(?=^## \d)", text, re.S | re.M)
    assert m, number
    return m.group(0)


def printed(ed: Edition) -> set[str]:
    """Every label an edition prints: headings, titles, header cells, notes."""
    out = {p.heading for p in ed.parts}
    for t in ed.tables:
        out |= {t.title}
        for b in t.blocks:
            out |= {x for x in (b.heading, b.stub, b.corner_note, b.col_group) if x}
        for c in t.cells:
            out |= set(c.row_labels) | set(c.col_labels)
    return out


def row_count(t: Table) -> int:
    return len({c.row_labels for c in t.cells})


def col_count(t: Table) -> int:
    return len({c.col_labels for c in t.cells})


# --- shape ---------------------------------------------------------------------------------

def test_table3_is_25_rows_by_7_columns_in_2021_and_23_rows_in_2019() -> None:
    t21, t19 = edition("2021").table("t3"), edition("2019").table("t3")
    assert (row_count(t21), col_count(t21), len(t21.cells)) == (25, 7, 175)
    assert (row_count(t19), col_count(t19), len(t19.cells)) == (23, 7, 161)


def test_table2_has_10_cells_in_2021_and_table4_15() -> None:
    assert len(edition("2021").table("t2").cells) == 10
    for key in EDITIONS:
        assert len(edition(key).table("t4").cells) == 15


def test_table3_columns_in_order_and_no_legal_person_subtotal() -> None:
    cols = [c.col_labels[-1] for c in edition("2021").table("t3").cells if c.row_labels[0].startswith("一、")]
    assert cols == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_table3_spanning_rows_have_no_cells_of_their_own() -> None:
    t3 = edition("2021").table("t3")
    for span in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        assert not [c for c in t3.cells if c.row_labels[-1] == span]
    t19 = edition("2019").table("t3")
    assert [c for c in t19.cells if c.row_labels[-1] == "（六）其他处理"]  # 2019: a plain row


# --- labels, parsed out of the spec --------------------------------------------------------

def _split(s: str) -> list[str]:
    return [p.split(" —")[0].strip() for p in re.split(r"[;,]\s*", s) if p.strip()]


def spec_labels_2021() -> set[str]:
    labels: set[str] = set()
    for line in section(3).splitlines():  # | block | 信息内容 | columns |
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("第二十条"):
            labels |= {cells[0], *_split(cells[1]), *_split(cells[2])}
    s4 = section(4)
    labels |= {ln.strip() for ln in re.search(r"```\n(.*?)```", s4, re.S).group(1).splitlines()  # type: ignore[union-attr]
               if ln.strip()}
    labels |= set(_split(re.search(r"Columns in order: (.*)\.", s4).group(1)))  # type: ignore[union-attr]
    labels |= set(re.findall(r'"([^"]+)"', s4))
    table4 = re.search(r"```\n(.*?)```", section(5), re.S).group(1).splitlines()[:2]  # type: ignore[union-attr]
    labels |= {w for ln in table4 for w in re.findall(r"[\u4e00-\u9fff]+", ln)}
    return labels


def spec_labels_2019() -> set[str]:
    s6 = section(6)
    labels: set[str] = set()
    for m in re.finditer(r"\((rows|row|columns) ([^)]*)\)", s6):
        for part in re.split(r"; (?=columns|rows|same)", " ".join(m.group(0)[1:-1].split())):
            kind, _, rest = part.partition(" ")
            if kind in ("rows", "row", "columns"):
                labels |= {x for x in _split(rest) if not re.search(r"[A-Za-z]", x)}
    labels |= set(re.findall(r"(第二十条第（[一二三四五六七八九]）项)", s6))
    apart = re.search(r"Telling them apart: (.*?) mean 2019", s6, re.S).group(1)  # type: ignore[union-attr]
    return labels | set(re.findall(r'"([^"]+)"', apart))


def test_spec_parsing_found_the_labels() -> None:
    """Guard the parser itself, so that an empty set cannot pass the tests below."""
    got21, got19 = spec_labels_2021(), spec_labels_2019()
    assert len(got21) >= 50 and "3.危及“三安全一稳定”" in got21 and "本年收费金额（单位：万元）" in got21
    assert {"政府集中采购", "本年增/减", "其他对外管理服务事项", "采购总金额", "处理决定数量",
            "本年新公开数量"} <= got19


def test_every_2021_label_of_the_spec_is_in_the_format() -> None:
    missing = spec_labels_2021() - printed(edition("2021"))
    assert not missing


def test_every_2019_label_of_the_spec_is_in_the_format() -> None:
    missing = spec_labels_2019() - printed(edition("2019"))
    assert not missing


def test_part_headings_are_the_spec_table_in_order() -> None:
    headings = re.findall(r"^\| \d \| (\S+) \|", section(2), re.M)
    assert len(headings) == 6
    for key in EDITIONS:
        assert [p.heading for p in edition(key).parts] == headings


def test_edition_markers() -> None:
    s6 = section(6)
    m21 = re.search(r"mean 2019;\s*(.*?) and the three", s6, re.S).group(1)  # type: ignore[union-attr]
    assert set(re.findall(r'"([^"]+)"', m21)) <= printed(edition("2021")) - printed(edition("2019"))


# --- field ids -----------------------------------------------------------------------------

@pytest.mark.parametrize("key", EDITIONS)
def test_field_ids_are_unique_and_match_the_golden_list(key: str) -> None:
    ids = [c.id for t in edition(key).tables for c in t.cells]
    assert len(ids) == len(set(ids))
    golden = (FIXTURES / f"field-ids-{key}.txt").read_text(encoding="utf-8").split()
    result = cli("fields", "--edition", key)
    assert result.exit_code == 0
    assert [ln.split()[0] for ln in result.output.splitlines()] == golden == ids


def test_field_ids_shared_by_both_editions_mean_the_same_cell() -> None:
    c21, c19 = edition("2021").cells, edition("2019").cells
    for cid in set(c21) & set(c19):
        if cid.startswith(("t3.", "t4.")):
            assert c21[cid].label == c19[cid].label, cid

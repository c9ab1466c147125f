"""Derived figures, year on year, quartiles among bodies of one level, band flags, charts.

Every expected value is computed here from the built reports' own data.json (or the roll-up's
sums CSV, itself checked against them in test_rollup_sums), with the formula written out anew.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rollupsite import BLANK, build, make_region, number, published, read_csv, record

from gkgen.build.site import build_site

Cells = dict[str, object]


def _share(num: list[object], den: list[object]) -> Decimal | None:
    if any(v is None for v in num + den):
        return None
    d = sum(Decimal(str(v)) for v in den)
    return None if d == 0 else sum(Decimal(str(v)) for v in num) * 100 / d


def expected(c: Cells) -> dict[str, Decimal | None]:
    """Spec section 7, written out again."""
    out: dict[str, Decimal | None] = {
        "requests": None if c["t3.new.total"] is None else Decimal(str(c["t3.new.total"])),
        "granted_share": _share([c["t3.result.granted.total"], c["t3.result.partial.total"]],
                                [c["t3.result.total.total"]]),
        "not_held_share": _share([c["t3.result.unable.not_held.total"]],
                                 [c["t3.result.total.total"]])}
    for g in ("review", "suit.direct", "suit.after"):
        total, pending = c[f"t4.{g}.total"], c[f"t4.{g}.pending"]
        den = None if total is None or pending is None else Decimal(str(total)) - Decimal(str(pending))
        out[f"{g.replace('.', '_')}_corrected"] = _share([c[f"t4.{g}.corrected"]], [den])
    return out


def close(got: str, want: Decimal | None) -> bool:
    if want is None:
        return got == ""
    return got != "" and abs(Decimal(got) - want) < Decimal("0.0001")


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_region(tmp_path_factory.mktemp("figures") / "site")
    build(root)
    return root


def _figures(root: Path, rel: str) -> list[dict[str, str]]:
    return read_csv(root / "output" / rel)


def test_roll_up_figures_follow_their_formulas_from_the_sums(region: Path) -> None:
    for year in (2023, 2024):
        for stem in ("all", "of-b0000", "of-b0001", "of-b0010"):
            sums = {r["字段编号"]: number(r["合计"])
                    for r in read_csv(region / "output" / f"region/{year}/{stem}.csv")}
            rows = [r for r in _figures(region, f"region/{year}/{stem}.figures.csv")
                    if r["对象代码"] == stem]
            want = expected(sums)  # type: ignore[arg-type]
            assert {r["指标代码"] for r in rows} == {*want, "requests_yoy"}
            for r in rows:
                if r["指标代码"] in want:
                    assert close(r["数值"], want[r["指标代码"]]), (year, stem, r)


def test_each_member_has_its_own_figures_from_its_cells(region: Path) -> None:
    rows = _figures(region, "region/2024/all.figures.csv")
    members = [r for r in rows if r["对象代码"] != "all"]
    assert {r["对象代码"] for r in members} == set(published(region, 2024))
    for r in members:
        cells = record(region / "output", f"{r['对象代码']}/2024")["cells"]
        if r["指标代码"] != "requests_yoy":
            assert close(r["数值"], expected(cells)[r["指标代码"]]), r


def test_a_figure_of_a_blank_cell_is_left_blank_with_the_reason(region: Path) -> None:
    slug = BLANK.split("/")[0]
    row = next(r for r in _figures(region, "region/2024/all.figures.csv")
               if r["对象代码"] == slug and r["指标代码"] == "review_corrected")
    assert row["数值"] == "" and row["说明"] == "所需单元格有空白，不计算"


def test_year_on_year_of_bodies_and_of_roll_ups_with_the_same_members(region: Path) -> None:
    out = region / "output"
    rows = _figures(region, "region/2024/all.figures.csv")
    for r in (r for r in rows if r["指标代码"] == "requests_yoy" and r["对象代码"] != "all"):
        now = record(out, f"{r['对象代码']}/2024")["cells"]["t3.new.total"]
        before = record(out, f"{r['对象代码']}/2023")["cells"]["t3.new.total"]
        assert close(r["数值"], Decimal(now - before) * 100 / before), r
    # of-b0010 has the same two members both years: its year on year is computed
    sums = {y: {r["字段编号"]: number(r["合计"]) for r in read_csv(out / f"region/{y}/of-b0010.csv")}
            for y in (2023, 2024)}
    yoy = next(r for r in _figures(region, "region/2024/of-b0010.figures.csv")
               if r["对象代码"] == "of-b0010" and r["指标代码"] == "requests_yoy")
    a, b = sums[2024]["t3.new.total"], sums[2023]["t3.new.total"]
    assert isinstance(a, int) and isinstance(b, int)
    assert close(yoy["数值"], Decimal(a - b) * 100 / b)
    # all bodies: 2024 lost a draft and a missing report, so no year on year, and it says why
    whole = next(r for r in rows if r["对象代码"] == "all" and r["指标代码"] == "requests_yoy")
    assert whole["数值"] == "" and "不同" in whole["说明"]


def _quartile(values: list[Decimal], p: Decimal) -> Decimal:
    """QUARTILE.INC: position (n − 1) × p, interpolated."""
    values = sorted(values)
    pos = (len(values) - 1) * p
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def test_quartiles_among_bodies_of_the_same_level(region: Path) -> None:
    out = region / "output"
    rows = read_csv(out / "region/2024/all.quartiles.csv")
    levels: dict[str, list[str]] = {}
    for slug in published(region, 2024):
        levels.setdefault(record(out, f"{slug}/2024")["level"], []).append(slug)
    assert len(levels["department"]) == 8  # government and township: one body each, no quartiles
    assert {r["机关层级"] for r in rows} == {"县级以上人民政府部门"}
    for r in rows:
        if r["指标代码"] == "requests_yoy":
            continue
        values = [v for s in levels["department"]
                  if (v := expected(record(out, f"{s}/2024")["cells"])[r["指标代码"]]) is not None]
        assert int(r["机关数"]) == len(values)
        for col, p in (("下四分位数", "0.25"), ("中位数", "0.5"), ("上四分位数", "0.75")):
            assert close(r[col], _quartile(values, Decimal(p))), (r, col)


def test_figures_outside_a_band_are_flagged_for_a_reader_never_as_errors(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    out = root / "output"
    build(root)
    values = {r["对象代码"]: Decimal(r["数值"]) for r in _figures(root, "region/2024/all.figures.csv")
              if r["指标代码"] == "granted_share" and r["对象代码"] != "all"}
    ordered = sorted(set(values.values()))
    k = len(ordered) // 2  # about half the bodies above it, none near it
    high = ((ordered[k - 1] + ordered[k]) / 2).quantize(Decimal("0.01"))
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8")
                    + f"bands:\n  予以公开和部分公开占已办结的比例: [~, {high}]\n", encoding="utf-8")
    result = build(root)
    assert not [f for f in result.findings if "关注" in f.message]  # a note, never a finding
    rows = _figures(root, "region/2024/all.figures.csv")
    shares = [r for r in rows if r["指标代码"] == "granted_share"]
    flagged = {r["对象代码"] for r in shares if r["请关注"]}
    whole = next(r for r in shares if r["对象代码"] == "all")  # the roll-up is flagged alike
    assert flagged - {"all"} == {s for s, v in values.items() if v > high} and flagged
    assert ("all" in flagged) == (Decimal(whole["数值"]) > high)
    assert all("高于站点设定的关注区间" in r["请关注"] for r in rows if r["请关注"])
    page = (out / "region/2024/all.bodies.html").read_text(encoding="utf-8")
    assert page.count("<strong class=\"flag\">请关注</strong>") == len(flagged - {"all"})
    assert not re.search(r"(?<!不是)错误", re.sub(r"<[^>]+>", "", page))  # only "不是错误"


def test_a_wrong_band_is_refused_in_chinese_with_its_line(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site")
    site = root / "content" / "site.yaml"
    before = site.read_text(encoding="utf-8")
    site.write_text(before + "bands:\n  纠错率: [0, 15]\n", encoding="utf-8")
    line = len(before.splitlines()) + 2  # the line of the wrong name
    result = build_site(root, pdf=False, jobs=1)
    assert not result.ok
    f = next(f for f in result.findings if f.id == "F7")
    assert "没有名为“纠错率”的派生指标" in f.message and f.pos.line == line
    assert f.hint and "行政复议纠错率（review_corrected）" in f.hint
    site.write_text(before + "bands:\n  review_corrected: [20, 10]\n", encoding="utf-8")
    result = build_site(root, pdf=False, jobs=1)
    assert any("下限 20 大于上限 10" in f.message for f in result.findings if f.id == "F7")


def test_roll_up_pages_carry_charts_with_text_alternatives(region: Path) -> None:
    out = region / "output" / "region" / "2024"
    for page in ("all.html", "all.bodies.html"):
        html = (out / page).read_text(encoding="utf-8")
        svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
        assert svgs
        for svg in svgs:
            assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    bodies = (out / "all.bodies.html").read_text(encoding="utf-8")
    desc = re.search(r'<desc id="chart-requests-desc">([^<]*)</desc>', bodies)
    assert desc
    for slug in published(region, 2024):
        rec = record(region / "output", f"{slug}/2024")
        assert f"{rec['body_name']}{rec['cells']['t3.new.total']}件" in desc.group(1)


def test_the_region_index_marks_a_flagged_roll_up_figure(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site", "bands:\n  requests: {上限: 1}\n")  # every count is above
    build(root)
    html = (root / "output" / "region" / "index.html").read_text(encoding="utf-8")
    for year in (2023, 2024):
        total = next(r for r in read_csv(root / "output" / f"region/{year}/all.csv")
                     if r["字段编号"] == "t3.new.total")["合计"]
        assert f"{total}件（请关注）" in html

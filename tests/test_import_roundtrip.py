"""Round trip: reports built to HTML by gkgen (and written to Word) import back unchanged.

The cells come back as the page shows them and the narrative renders to the same text,
paragraph by paragraph, with headings and list numbering in place.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_import_common import (
    blocks,
    copy_example,
    empty_site,
    rendered,
    report,
    run,
    shown,
    typed,
    write_figures,
)

from gkgen.content.load import load_site
from gkgen.findings import Number

try:
    from gkgen.build.site import build_site
except ImportError:  # pragma: no cover - the build is written by another change
    build_site = None  # type: ignore[assignment]

needs_build = pytest.mark.skipif(build_site is None, reason="gkgen.build.site.build_site is not available yet")

NARRATIVE_2021 = {
    1: ("本报告统计期限为2022年1月1日至2022年12月31日。本局坚持以公开为常态、不公开为例外。\n\n"
        "### （一）主动公开\n\n全年制发行政规范性文件{{ t2.normative.issued }}件，收费{{ t2.fees.amount }}万元。\n\n"
        "（二）依申请公开\n\n本年度共收到申请{{ t3.new.total }}件。\n\n"
        "1\\. 这一行以数字开头，但不是列表。\n\n"
        "文中有星号\\*、下划线\\_、尖括号\\<b\\>、方括号\\[注\\]和反斜杠\\\\。\n"),
    5: ("存在的主要问题：一是解读形式单一；二是更新不够及时。\n\n2023年，我局将：\n\n"
        "1. 丰富解读形式。\n2. 加强栏目维护。\n\n- 其他：加强培训。\n\n"
        "3. 从三开始编号的一项。\n4. 接着的一项。\n"),
    6: "本年度未收取信息处理费。\n\n{# 这是注释，不会出现在页面上 #}\n无其他需要报告的事项。\n",
}
NARRATIVE_2019 = {
    1: "本报告统计期限为2020年1月1日至2020年12月31日。\n\n（一）主动公开情况良好。\n",
    5: "主要问题是栏目更新不及时。2021年，我局将加强栏目维护。\n",
    6: "本年度未收取信息处理费。\n",
}


def _figures_2021() -> dict[str, Number | None]:
    v: dict[str, Number | None] = {
        "t2.rules.issued": 1, "t2.rules.repealed": 0, "t2.rules.in_force": 7,
        "t2.normative.issued": 12, "t2.normative.repealed": 3, "t2.normative.in_force": 1234,
        "t2.licensing.decisions": 5678, "t2.penalty.decisions": 9, "t2.coercion.decisions": 0,
        "t2.fees.amount": Decimal("1.25"),
        "t3.new.natural": 20, "t3.new.business": 5, "t3.carried.natural": 2,
        "t3.result.granted.natural": 12, "t3.result.granted.business": 5,
        "t3.result.partial.natural": 3, "t3.result.denied.secret.natural": 1,
        "t3.result.unable.not_held.natural": 2, "t3.forward.natural": 4,
        "t4.review.upheld": 1, "t4.review.corrected": 1, "t4.suit.after.pending": 1,
    }
    return v


def _figures_2019() -> dict[str, Number | None]:
    return {"t2.normative.made": 3, "t2.normative.published": 3, "t2.normative.public_total": 15,
            "t2.licensing.previous": 12, "t2.licensing.change": -1, "t2.licensing.decisions": 356,
            "t2.fees.previous": 1, "t2.fees.change": -1, "t2.procurement.projects": 6,
            "t2.procurement.amount": Decimal("186.52"), "t3.new.natural": 4,
            "t3.result.granted.natural": 3, "t3.result.other.natural": 1}


def fixture_site(root: Path, year: int, edition_key: str, figures: dict[str, Number | None],
                 narrative: dict[int, str]) -> Path:
    """A site made with `gkgen new`, then filled with figures and narrative."""
    empty_site(root)
    result = run(root, "new", "rt", str(year), "--name", "示例市某某局", "--edition", edition_key)
    assert result.exit_code == 0, result.output
    folder = root / "content" / "rt" / str(year)
    from gkgen.format import edition

    zeros: dict[str, Number | None] = {c.id: 0 for c in edition(edition_key).cells.values()
                                       if not c.total}
    write_figures(folder, edition_key, zeros | figures)
    files = {1: "1-overview.md", 5: "5-problems.md", 6: "6-other.md"}
    for part, text in narrative.items():
        (folder / files[part]).write_text(text, encoding="utf-8")
    return root


def _sites(tmp_path: Path) -> list[Path]:
    return [copy_example(tmp_path / "example"),
            fixture_site(tmp_path / "f2021", 2022, "2021", _figures_2021(), NARRATIVE_2021),
            fixture_site(tmp_path / "f2019", 2020, "2019", _figures_2019(), NARRATIVE_2019)]


def assert_same_report(src: Path, dst: Path, slug: str, year: int) -> None:
    before, after = report(src, slug, year), report(dst, slug, year)
    assert after.edition.key == before.edition.key
    assert typed(dst, slug, year) == shown(src, slug, year)
    for part in (1, 5, 6):
        got = blocks((dst / "content" / slug / str(year) / after.narratives[part].path.name)
                     .read_text(encoding="utf-8"))
        assert got == rendered(before, part), f"part {part} of {slug}/{year}"


@needs_build
def test_built_html_imports_back(tmp_path: Path) -> None:
    for src in _sites(tmp_path):
        out = tmp_path / (src.name + "-out")
        result = build_site(src, out, pdf=False)
        assert result.ok, [f"{f.pos} {f.id} {f.message}" for f in result.findings]
        site = load_site(src).site
        dst = empty_site(tmp_path / (src.name + "-back"))
        for body in site.bodies.values():
            for year in body.reports:
                page = out / body.slug / str(year) / "index.html"
                res = run(dst, "import", str(page), "--body", body.slug)
                assert res.exit_code == 0, res.output
                assert "无法读取或无法确定位置：0 格；来源空白：0 格" in res.output
                assert_same_report(src, dst, body.slug, year)
        assert run(dst, "check").exit_code == 0


@needs_build
def test_imported_site_builds_again(tmp_path: Path) -> None:
    src = fixture_site(tmp_path / "f2021", 2022, "2021", _figures_2021(), NARRATIVE_2021)
    out = tmp_path / "out"
    assert build_site(src, out, pdf=False).ok
    dst = empty_site(tmp_path / "back")
    run(dst, "import", str(out / "rt" / "2022" / "index.html"), "--body", "rt")
    again = build_site(dst, tmp_path / "out2", pdf=False)
    assert again.ok, [f"{f.pos} {f.id} {f.message}" for f in again.findings]
    first = (out / "rt" / "2022" / "index.html").read_text(encoding="utf-8")
    second = (tmp_path / "out2" / "rt" / "2022" / "index.html").read_text(encoding="utf-8")
    assert _main(first) == _main(second)


def _main(html: str) -> str:
    return html[html.index("<section class=\"part part-1\""):html.index("</article>")]


def test_docx_imports_back(tmp_path: Path) -> None:
    pytest.importorskip("docx", reason="python-docx (test extra) is not installed")
    from test_import_docx import write_docx

    for src in _sites(tmp_path):
        site = load_site(src).site
        dst = empty_site(tmp_path / (src.name + "-docx"))
        for body in site.bodies.values():
            for year, r in body.reports.items():
                path = tmp_path / f"{src.name}-{body.slug}-{year}.docx"
                write_docx(r, path)
                res = run(dst, "import", str(path), "--body", body.slug)
                assert res.exit_code == 0, res.output
                assert_same_report(src, dst, body.slug, year)

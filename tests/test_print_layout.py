"""The print PDF's page layout, read back from real PDFs (WeasyPrint, Fandol fonts, poppler).

Table 2's blocks are a few lines each: a page break must never leave a block's
第二十条第（…）项 heading at the foot of a page with its rows on the next. A title too long
for one line breaks after the body's name, never before a lone 报告.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from buildsite import pdfinfo, pdftext, squash
from conftest import NAME, edit, make_site, report_dir

from gkgen.build.site import BuildResult, build_site
from gkgen.format import edition

LONG_NAME = "示例市人民政府办公室"
PARA = "本机关认真贯彻落实政府信息公开条例，坚持以公开为常态、不公开为例外，推进决策执行管理服务结果公开。"
# Lines of text before table 2 that put one of its blocks at the foot of page 1 (found by
# sweeping 0-21 lines with the stylesheet before the fix: 2, 4, 6 and 7 did so).
FILLERS = (2, 4, 6, 7)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = make_site(tmp_path_factory.mktemp("print") / "site")  # a one-line title
    long = root / "content" / "long"
    shutil.copytree(root / "content" / "x", long)
    edit(long / "body.yaml", NAME, LONG_NAME)
    for k in FILLERS:
        body = root / "content" / f"b{k}"
        shutil.copytree(root / "content" / "x", body)
        text = "\n\n".join([PARA] * 4 + ["补充说明。"] * k
                           + ["本报告统计期限为2022年1月1日至2022年12月31日。\n"])
        (body / "2022" / "1-overview.md").write_text(text, encoding="utf-8")
    shutil.rmtree(root / "content" / "x")
    result = build_site(root, jobs=2)
    assert result.ok, [f.message for f in result.findings]
    return result


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", pdfinfo(pdf)).group(1))  # type: ignore[union-attr]
    return [pdftext(pdf, "-f", str(n), "-l", str(n)) for n in range(1, count + 1)]


def test_table2_block_headings_stay_with_their_rows(built: BuildResult) -> None:
    blocks = edition("2021").table("t2").blocks
    split = 0
    for k in FILLERS:
        pages = [squash(p) for p in _pages(built.out / f"b{k}/2022/report.pdf")]
        first = next(i for i, p in enumerate(pages) if blocks[0].heading in p)
        for block in blocks:
            assert block.heading and block.rows
            where = [i for i, p in enumerate(pages) if block.heading in p]
            assert len(where) == 1, (k, block.heading)
            page = pages[where[0]]
            rows = page[page.index(block.heading):]
            assert block.rows[0].label in rows, (k, block.heading, where[0] + 1)
            split += where[0] != first
    assert split, "no filler length made table 2 cross a page: the test shows nothing"


def test_a_long_title_breaks_after_the_body_name(built: BuildResult) -> None:
    lines = [ln.strip() for ln in pdftext(built.out / "long/2022/report.pdf", "-f", "1", "-l", "1")
             .splitlines() if ln.strip()]
    assert lines[:2] == [LONG_NAME, "2022年政府信息公开工作年度报告"], lines[:3]
    short = pdftext(built.out / f"b{FILLERS[0]}/2022/report.pdf", "-f", "1", "-l", "1")
    assert short.lstrip().startswith(f"{NAME}2022年政府信息公开工作年度报告\n")


def test_a_title_that_fits_stays_on_one_line(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", name="某局")
    edit(report_dir(root, 2022) / "report.yaml", "published:", "title: 某局2022年度报告\npublished:")
    result = build_site(root)
    assert result.ok
    lines = [ln.strip() for ln in pdftext(result.out / "x/2022/report.pdf", "-f", "1", "-l", "1")
             .splitlines() if ln.strip()]
    assert lines[0] == "某局2022年度报告"

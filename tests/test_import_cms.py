"""A report page as government CMSs publish it: the article in a TRS_Editor div inside layout
tables and site chrome, Word-exported table markup (mso classes, labels split across <span> and
<font>, &nbsp; and <o:p> blanks), row and column spans, the corner note cell, columns printed in
another order; and the page's printed publication time."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_common import empty_site, report, run, typed
from test_import_make import PARTS_TEXT, cms_table, swapped, values_for

from gkgen.format import edition

BODY = "示例县发展和改革局"


def cms_page(values: dict[str, object], date_html: str = "", meta: str = "",
             swap: bool = False, heading5: str = "五、存在的主要问题及改进情况") -> str:
    ed = edition("2021")
    tables = {}
    for t in ed.tables:
        shown = t
        if swap and t.key == "t3":
            shown = swapped(t, "商业企业", "科研机构")
        if swap and t.key == "t2":
            shown = swapped(t, "本年废止件数", "现行有效件数")
        tables[t.part] = cms_table(shown, values)  # type: ignore[arg-type]
    heads = [p.heading for p in ed.parts]
    heads[4] = heading5
    body = []
    for n, h in enumerate(heads, 1):
        body.append(f'<p class="MsoNormal" style="text-indent:2em"><strong><span style="font-family:黑体">'
                    f'{h}</span></strong></p>')
        if n in tables:
            body.append(f'<div align="center">{tables[n]}</div>')
        else:
            body.append(f'<p class="MsoNormal" style="text-indent:2em"><span style="font-size:16pt">'
                        f'{PARTS_TEXT[n]}</span><span lang="EN-US"><o:p></o:p></span></p>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{meta}
<title>{BODY}2023年政府信息公开工作年度报告-{BODY}</title></head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | 无障碍浏览 | 长者模式</div>
<table width="1000" class="layout"><tr><td class="left">
<table><tr><td><a href="/a">通知公告</a></td></tr><tr><td><a href="/b">政策文件</a></td></tr></table>
</td><td class="main">
<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="title">{BODY}2023年政府信息公开工作年度报告</div>
<div class="info">{date_html}<span>来源：县发改局</span><span>浏览次数：<script>document.write(99)</script></span></div>
<div class="TRS_Editor"><div class="Section0" style="layout-grid:15.6pt">
{"".join(body)}
<p class="MsoNormal" align="right">{BODY}</p><p class="MsoNormal" align="right">2024年3月8日</p>
</div></div>
<div class="share">分享到：微信 微博</div>
</td></tr></table>
<div class="footer">版权所有：示例县人民政府 主办单位：示例县人民政府办公室 网站标识码 1234567890</div>
</body></html>"""


def _import(tmp_path: Path, page: str, *args: str) -> tuple[Path, str]:
    src = tmp_path / "report.html"
    src.write_text(page, encoding="utf-8")
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "fgj", *args)
    assert res.exit_code == 0, res.output
    return root, res.output


@pytest.mark.parametrize("swap", [False, True], ids=["official-order", "columns-swapped"])
def test_cms_page_cells_read_by_label(tmp_path: Path, swap: bool) -> None:
    values = values_for("2021")
    root, _ = _import(tmp_path, cms_page(values, swap=swap))  # type: ignore[arg-type]
    assert typed(root, "fgj", 2023) == values
    r = report(root, "fgj", 2023)
    assert r.body.name == BODY and r.body.level == "department"
    texts = "\n".join(r.narratives[n].source or "" for n in (1, 5, 6))
    for n, text in PARTS_TEXT.items():
        assert text.split("。")[0] in (r.narratives[n].source or "")
    for chrome in ("首页", "版权所有", "浏览次数", "分享到", "通知公告", "当前位置"):
        assert chrome not in texts


def test_article_time_span_is_the_publication_date(tmp_path: Path) -> None:
    page = cms_page(values_for("2021"), '<span class="article_time">时间：2024-03-08 15:34</span>')
    root, out = _import(tmp_path, page.replace("2024年3月8日", "2024年3月1日"))
    assert str(report(root, "fgj", 2023).published) == "2024-03-08"
    assert "发布日期：2024-03-08（网页上印的“时间：2024-03-08”）" in out
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "落款日期 2024-03-01 与" in log  # the disagreement with the signature is said


def test_meta_pubdate_is_the_publication_date(tmp_path: Path) -> None:
    page = cms_page(values_for("2021"), meta='<meta name="PubDate" content="2024-03-09 10:00">')
    root, out = _import(tmp_path, page)
    assert str(report(root, "fgj", 2023).published) == "2024-03-09"
    assert '<meta name="PubDate">' in out


def test_collection_time_is_not_a_publication_date(tmp_path: Path) -> None:
    page = cms_page(values_for("2021"), "<span>采集时间：2025-01-02</span>")
    root, _ = _import(tmp_path, page)
    assert str(report(root, "fgj", 2023).published) == "2024-03-08"  # the signature's date


def test_heading_variant_keeps_part_five(tmp_path: Path) -> None:
    page = cms_page(values_for("2021"), heading5="五、存在的主要问题及整改措施")
    root, _ = _import(tmp_path, page)
    r = report(root, "fgj", 2023)
    assert PARTS_TEXT[5].split("。")[0] in (r.narratives[5].source or "")
    assert PARTS_TEXT[5].split("。")[0] not in (r.narratives[1].source or "")
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "“五、存在的主要问题及整改措施” → 「五、存在的主要问题及改进情况」" in log


def test_blank_cells_stay_blank_with_a_reason(tmp_path: Path) -> None:
    values: dict[str, object] = dict(values_for("2021"))
    values["t3.new.research"] = None
    root, _ = _import(tmp_path, cms_page(values))
    got = typed(root, "fgj", 2023)
    assert got["t3.new.research"] is None
    assert got["t3.new.business"] == values["t3.new.business"]
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "「一、本年新收政府信息公开申请数量」×「法人或其他组织 科研机构」：来源中空白" in log


@pytest.mark.parametrize("swap", [False, True], ids=["official-order", "columns-swapped"])
def test_log_says_where_each_cell_was_read(tmp_path: Path, swap: bool) -> None:
    values = values_for("2021")
    root, _ = _import(tmp_path, cms_page(values, swap=swap))  # type: ignore[arg-type]
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    section = log.split("## 读出的单元格及其出处")[1].split("\n## ")[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("- ")]
    assert len(lines) == len(values)  # every cell read is listed once
    research = values["t3.new.research"]
    assert (f"- 表三 「一、本年新收政府信息公开申请数量」×「法人或其他组织 科研机构」 = {research}："
            "行“一、本年新收政府信息公开申请数量”，列“科研机构”") in lines
    secret = values["t3.result.denied.secret.natural"]
    assert (f"- 表三 「三、本年度办理结果 （三）不予公开 1.属于国家秘密」×「自然人」 = {secret}："
            "行“三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密”，列“自然人”") in lines
    assert "第 " not in section  # no page numbers for a web page

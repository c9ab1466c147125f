"""Converter output (PDF to Markdown, pages saved as text): `#`/`##` and **bold** headings, pipe
tables whose |---| rows are not cells, an HTML table inside the Markdown, lines wrapped at the
page width, a year wrapped onto the next line, a printed "发布时间: …", and a "标题:" prefix."""

from __future__ import annotations

from pathlib import Path

from test_import_common import empty_site, report, run, typed
from test_import_make import pipe_table, plain_table, values_for

from gkgen.format import edition

BODY = "示例县发展和改革局"
INTRO = ("本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室关于年度报告格式的要求编制，"
         "由本局办公室汇总全局政府信息公开工作情况形成。为便于社会公众查阅和监督，现将本局本年度有关情况报告如下，报告所列数据的统计期限为2024年1月1日至2024年12月31日。"
         "本年度，本局坚持以公开为常态、不公开为例外，围绕发展改革重点工作，持续加大政府信息主动公开力度，"
         "规范依申请公开办理流程，加强政府信息管理和平台建设，政务公开工作取得新的进展，群众满意度不断提高，"
         "全年未发生因信息公开不当引发的问题，各项工作按计划推进。")


def wrapped(text: str, width: int = 30) -> str:
    """Text broken into lines of width characters, as a PDF-to-text converter leaves it; the
    break falls right after a year ("2024" / "年1月1日…")."""
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    assert any(line.endswith("2024") and not line.endswith("至2024") for line in lines)
    return "\n".join(lines)


def converted(values: dict[str, object]) -> str:
    ed = edition("2021")
    t2, t3, t4 = (ed.table(k) for k in ("t2", "t3", "t4"))
    return f"""# 标题：{BODY}2024年政府信息公开工作年度报告

发布时间: 2025-02-20

## 一、总体情况

{wrapped(INTRO)}

## 二、主动公开政府信息情况

{pipe_table(t2, values)}

**三、收到和处理政府信息公开申请情况**

{plain_table(t3, values)}

## 四、政府信息公开行政复议、行政诉讼情况

{pipe_table(t4, values)}

**五、存在的主要问题及改进情况**

存在的问题是公开内容不够全面。下一步将加强培训，提高公开质量。

## 六、其他需要报告的事项

本年度未收取信息处理费。
"""


def _import(tmp_path: Path, text: str, *args: str) -> tuple[Path, str]:
    src = tmp_path / "report.md"
    src.write_text(text, encoding="utf-8")
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), *args)
    assert res.exit_code == 0, res.output
    return root, res.output


def test_converter_markdown_reads_every_cell_and_part(tmp_path: Path) -> None:
    values: dict[str, object] = dict(values_for("2021"))
    values["t2.rules.repealed"] = None  # a blank pipe cell stays blank
    root, out = _import(tmp_path, converted(values))
    slug = "shi-li-xian-fa-zhan-he-gai-ge-ju"
    assert f"机关名称：{BODY}（" in out  # the "标题：" prefix is not part of the name
    assert typed(root, slug, 2024) == values
    r = report(root, slug, 2024)
    assert str(r.published) == "2025-02-20"
    overview = r.narratives[1].source or ""
    assert INTRO in overview.replace("\n", "")  # wrapped lines joined back into one paragraph
    assert INTRO[:60] in overview  # ... on one line, not kept as separate lines
    assert "存在的问题是公开内容不够全面" in (r.narratives[5].source or "")
    assert "信息处理费" in (r.narratives[6].source or "")
    assert "---" not in (root / "content" / slug / "2024" / "import-log.md").read_text(encoding="utf-8")


def test_year_wrapped_onto_the_next_line(tmp_path: Path) -> None:
    text = (f"{BODY}政府信息公开工作年度报告\n\n一、总体情况\n\n本报告统计期限为2025\n年1月1日至12月31日。\n\n"
            "二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n"
            "四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n无。\n\n"
            "六、其他需要报告的事项\n\n无。\n")
    root, out = _import(tmp_path, text, "--body", "fgj", "--name", BODY)
    assert "年度：2025（统计期限“2025年1月1日至12月31日”）" in out
    assert "按年度判断：2025 年度报告只能用国办公开办函〔2021〕30号" in out  # edition from the year
    assert (root / "content" / "fgj" / "2025" / "3-requests.yaml").is_file()

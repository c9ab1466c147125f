"""A report printed as one line (a .txt) or one paragraph (a web page): the six part headings
run into the text are cut out when they follow in order; a heading quoted inside a sentence,
a stray "二、" and the text of a table are left alone, and every sentence lands in one part."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_import_common import empty_site, run

from gkgen.importer.doc import Grid, Para
from gkgen.importer.runin import split_parts
from gkgen.importer.sources.html import read_html
from gkgen.importer.sources.text import read_text

BODY = "示例县财政局"
TITLE = f"{BODY}2023年政府信息公开工作年度报告"
# (heading, sentences of the part); part 五 uses a published variant of its heading
PARTS = [
    ("一、总体情况", ["2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。",
                 "详见 二、主动公开政府信息情况 一节所列数据。"]),
    ("二、主动公开政府信息情况", ["本年度通过门户网站主动公开政府信息1200条。"]),
    ("三、收到和处理政府信息公开申请情况", ["本年度共收到政府信息公开申请12件，均已按期答复。"]),
    ("四、政府信息公开行政复议、行政诉讼情况", ["本年度未发生因政府信息公开引起的行政复议和行政诉讼。"]),
    ("五、存在的主要问题及改进措施", ["存在的问题是公开内容不够全面。", "下一步：一、加强学习；二、加强培训，提高公开质量。"]),
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]
SENTENCES = [s for _, texts in PARTS for s in texts]


def one_line() -> str:
    return " ".join([TITLE, *(f"{h} {''.join(texts)}" for h, texts in PARTS)])


def _part_texts(blocks: list[Para | Grid]) -> dict[int, str]:
    split = split_parts(list(blocks))
    assert split.run_in == 6
    assert [b.text for b in split.before if isinstance(b, Para)] == [TITLE]
    assert sorted(split.headings) == [1, 2, 3, 4, 5, 6]
    return {n: "".join(b.text for b in bs if isinstance(b, Para)) for n, bs in split.parts.items()}


def test_one_line_text_cut_at_the_headings() -> None:
    doc = read_text(one_line() + "\n")
    assert len(doc.blocks) == 1
    texts = _part_texts(list(doc.blocks))  # type: ignore[arg-type]
    for n, (_, sentences) in enumerate(PARTS, start=1):
        assert texts[n] == "".join(sentences)  # the quoted heading and "二、" stay in their sentences


def test_one_paragraph_web_page_cut_but_table_text_not() -> None:
    cell = "二、主动公开政府信息情况"  # a heading printed inside a table is no cut
    page = (f"<html><head><title>{TITLE}</title></head><body><p>{html.escape(one_line())}</p>"
            f"<table><tr><td>{cell}</td><td>{cell} 三、收到和处理政府信息公开申请情况</td></tr></table>"
            "</body></html>")
    doc = read_html(page)
    assert [type(b).__name__ for b in doc.blocks] == ["Para", "Grid"]
    texts = _part_texts(list(doc.blocks))  # type: ignore[arg-type]
    assert texts[1] == "".join(PARTS[0][1])
    split = split_parts(list(doc.blocks))
    grid = [b for b in split.parts[6] if isinstance(b, Grid)]
    assert grid and grid[0].rows == [[cell, f"{cell} 三、收到和处理政府信息公开申请情况"]]


def test_headings_out_of_order_are_no_sequence() -> None:
    text = ("本机关按照 六、其他需要报告的事项 的要求报告。 一、总体情况 本年度工作平稳。"
            "五、存在的主要问题及改进情况 暂无。")
    split = split_parts([Para(text)])
    assert split.run_in == 2 and sorted(split.headings) == [1, 5]  # 六 before 一 is not a heading
    assert "六、其他需要报告的事项" in split.before[0].text  # type: ignore[union-attr]
    stray = split_parts([Para("本年度重点做了两件事：一、完善制度；二、加强培训。")])
    assert stray.run_in == 0 and not stray.headings


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_one_line_report_imports_every_sentence_once(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"report{suffix}"
    text = one_line()
    src.write_text(text if suffix == ".txt" else f"<html><body><p>{html.escape(text)}</p></body></html>",
                   encoding="utf-8")
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "czj")
    assert res.exit_code == 0, res.output
    folder = root / "content" / "czj" / "2023"
    narratives = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md") if p.name != "import-log.md"}
    joined = {name: "".join(t.replace("\\", "").split()) for name, t in narratives.items()}
    for sentence in SENTENCES:
        bare = "".join(sentence.split())
        holders = [name for name, t in joined.items() if bare in t]
        assert len(holders) == 1, (sentence, holders)
    assert "".join(PARTS[0][1][0].split()) in joined["1-overview.md"]
    assert "本年度未收取信息处理费。" in joined["6-other.md"]
    log = (folder / "import-log.md").read_text(encoding="utf-8")
    assert "6 个部分标题与正文连在同一段里" in log
    assert "来源中没有找到「" not in log  # every part found


def test_a_page_of_repeated_headings_is_not_cut_and_stays_quick() -> None:
    import time

    from gkgen.importer.runin import MAX_HITS

    text = "。 ".join(h for h, _ in PARTS) * (MAX_HITS // 2)
    start = time.perf_counter()
    split = split_parts([Para(text)] * 50)
    assert time.perf_counter() - start < 5
    assert split.run_in == 0

"""The report page: official structure and labels, table semantics, links, author injection."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from buildsite import Tags, pages, pdftext
from conftest import cli, edit, make_site, report_dir

from gkgen.build.site import build_site
from gkgen.checks.run import run_checks
from gkgen.format import edition
from gkgen.format.table3 import CORNER_NOTE

TITLE = "某市某局2022年政府信息公开工作年度报告"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("h") / "site")
    folder = report_dir(root, 2022)
    edit(folder / "report.yaml", "published: 2023-01-31", "published: 2023-01-20")
    # totals nobody typed are computed and shown like typed ones
    edit(folder / "3-requests.yaml", ", 总计: 0}", "}")
    result = build_site(root, pdf=False)
    assert result.ok, [f.message for f in result.findings]
    return result.out


def page(out: Path) -> tuple[str, Tags]:
    html = (out / "x/2022/index.html").read_text(encoding="utf-8")
    return html, Tags(html)


def test_document_frame(built: Path) -> None:
    html, tags = page(built)
    assert re.search(r'<html lang="zh-CN">', html)
    assert f"<title>{TITLE}</title>" in html
    assert len(tags.find("main")) == 1 and tags.find("main")[0]["id"] == "main"
    assert tags.find("a", href="#main", **{"class": "skip-link"})
    assert tags.find("meta", name="dcterms.created", content="2023-01-20")
    assert tags.find("meta", name="viewport")
    assert "<script" not in html


def test_six_parts_in_order_with_official_headings(built: Path) -> None:
    html, _ = page(built)
    found = re.findall(r"<h2 id=\"part-\d-heading\">([^<]+)</h2>", html)
    assert found == [p.heading for p in edition("2021").parts]


def _table(html: str, key: str) -> str:
    m = re.search(rf'<table class="official {key}".*?</table>', html, re.S)
    assert m, key
    return m.group(0)


def test_every_official_label_is_printed(built: Path) -> None:
    html, _ = page(built)
    for table in edition("2021").tables:
        text = Tags(_table(html, table.key)).text
        joined = "\n".join(text)
        for cell in table.cells:
            for label in (*cell.row_labels, *cell.col_labels, cell.block or ""):
                assert label in text or not label, (table.key, label, joined[:200])
        assert f"{table.number}　{table.title}" in text


def test_data_cells_name_their_headers(built: Path) -> None:
    html, _ = page(built)
    for table in edition("2021").tables:
        tags = Tags(_table(html, table.key))
        ids = {a["id"] for _, a in tags.tags if "id" in a}
        cells = tags.find("td")
        data = [c for c in cells if "data-field" in c]
        assert [c["data-field"] for c in data] == [c.id for c in table.cells]
        for c in data:
            assert c["headers"] and set(c["headers"].split()) <= ids, c
        assert all(a.get("scope") in ("col", "row", "rowgroup") for t, a in tags.tags if t == "th")


def test_table3_spans_corner_and_computed_totals(built: Path) -> None:
    html, _ = page(built)
    t3 = _table(html, "t3")
    assert re.search(r'<td class="corner" colspan="3" rowspan="3">' + re.escape(CORNER_NOTE), t3)
    assert re.search(r'<th id="[^"]+" scope="row" rowspan="22" class="row-l0">三、本年度办理结果</th>', t3)
    assert re.search(r'<th id="[^"]+" scope="col" colspan="5">法人或其他组织</th>', t3)
    assert re.search(r'<th id="[^"]+" scope="col" colspan="7">申请人情况</th>', t3)
    assert "<thead>" in t3
    assert 'data-field="t3.new.total" class="num">0</td>' in t3  # computed, shown
    t4 = _table(html, "t4")
    assert re.search(r'scope="col" colspan="10">行政诉讼</th>', t4)


def test_tables_scroll_in_labelled_focusable_regions(built: Path) -> None:
    _, tags = page(built)
    regions = [a for a in tags.find("div", role="region") if a.get("class") == "table-scroll"]
    assert len(regions) == 3
    assert all(r["tabindex"] == "0" and r.get("aria-labelledby") for r in regions)


def test_links_are_relative_and_resolve(built: Path) -> None:
    for path in pages(built):
        tags = Tags(path.read_text(encoding="utf-8"))
        for tag, attrs in tags.tags:
            url = attrs.get("href") or attrs.get("src")
            if not url or tag == "link" and attrs.get("rel") == "canonical":
                continue
            if url.startswith("#"):
                continue
            assert not re.match(r"^[a-z]+:|^/", url), (path, url)
            target = (path.parent / url.split("#")[0]).resolve()
            assert target.is_file(), (path, url)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x80\x20\x20" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


EVIL = """本年度未收取信息处理费。

<script>alert("x")</script>

<img src="x.png" onerror="alert(1)">

[点我](javascript:alert(1)) 和 <javascript:alert(2)> 和 [网站](https://www.gov.cn/)

![密码](file:///etc/passwd)

![相对](../../../../../../../../../../etc/passwd)

![链接](passwd.png)

![远程](http://example.com/a.png)

![组织机构图](images/org.png)
"""


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = make_site(tmp_path_factory.mktemp("i") / "site")
    folder = report_dir(root, 2022)
    (folder / "6-other.md").write_text(EVIL, encoding="utf-8")
    (folder / "images").mkdir()
    (folder / "images" / "org.png").write_bytes(png())
    os.symlink("/etc/passwd", folder / "passwd.png")
    result = build_site(root)
    assert result.ok, [f.message for f in result.findings]
    return result.out, [f"{f.pos.line}:{f.id}:{f.message}" for f in result.findings]


def test_author_markdown_cannot_inject(evil: tuple[Path, list[str]]) -> None:
    out, _ = evil
    html = (out / "x/2022/index.html").read_text(encoding="utf-8")
    tags = Tags(html)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not any(k.startswith("on") for _, a in tags.tags for k in a)
    assert not any(a.get("href", "").lower().startswith("javascript") for _, a in tags.tags)
    assert tags.find("a", href="https://www.gov.cn/")
    assert "点我" in html and "](javascript" not in html  # a refused link keeps its text only
    assert [a["src"] for a in tags.find("img")] == ["images/org.png"]
    assert (out / "x/2022/images/org.png").read_bytes() == png()
    assert "root:" not in html
    assert "![密码]" not in html and "［图片：密码］" in html  # a file: image is refused, not shown as source


def test_rejected_images_are_f9_warnings_in_build_and_check(evil: tuple[Path, list[str]]) -> None:
    out, findings = evil
    images = [f for f in findings if ":F9:图片" in f]
    assert images == [
        "9:F9:图片“file:///etc/passwd”不是站点内的相对路径，已改为显示其说明文字。",
        "11:F9:图片“../../../../../../../../../../etc/passwd”位于站点 content 目录之外，"
        "已改为显示其说明文字。",
        "13:F9:图片“passwd.png”位于站点 content 目录之外，已改为显示其说明文字。",
        "15:F9:图片“http://example.com/a.png”不是站点内的相对路径，已改为显示其说明文字。",
    ], findings
    assert not [f for f in findings if ":F6:" in f]
    root = out.parent
    checked = [f"{f.pos.line}:{f.id}:{f.message}" for f in run_checks(root).findings]
    assert [f for f in checked if ":F9:" in f] == images  # check sees exactly what build does
    run = cli("check", str(root))
    assert run.exit_code == 0 and run.output.count("警告 F9") == 4, run.output


def test_an_image_on_a_later_line_of_a_paragraph_is_placed_on_its_line(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    path = report_dir(root, 2022) / "6-other.md"
    path.write_text("本年度未收取信息处理费。\n第二行，\n见下图：![图](missing.png)\n", encoding="utf-8")
    found = [f for f in run_checks(root).findings if f.id == "F9"]
    assert [(f.pos.file, f.pos.line, f.severity) for f in found] == [(path, 3, "warning")]
    assert "不存在" in found[0].message


def test_pdf_never_reads_files_outside_the_site(evil: tuple[Path, list[str]]) -> None:
    out, _ = evil
    text = pdftext(out / "x/2022/report.pdf")
    assert "root:" not in text and "/bin/" not in text
    assert "［图片：相对］" in text.replace(" ", "")
    listing = os.popen(f"pdfimages -list {out / 'x/2022/report.pdf'}").read()
    assert len(listing.strip().splitlines()) == 3  # header, rule, the one allowed image

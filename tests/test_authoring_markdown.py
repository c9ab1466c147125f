"""One Markdown configuration: no code blocks, no author HTML, no link that leaves the site.

Built for real (HTML and WeasyPrint PDF): what the reader gets, not what a function returns.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
from buildsite import Tags
from conftest import edit, make_site, report_dir

from gkgen.build.site import build_site
from gkgen.render.markdown import render_markdown, sniff_image


def _uris(pdf: Path) -> list[str]:
    out = []
    for page in pypdf.PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def test_slip_indented_paragraph_is_a_paragraph_not_code(tmp_path: Path) -> None:
    for indent in ("\t", "    "):
        md = render_markdown(f"第一段。\n\n{indent}缩进的第二段。\n\n```\n围栏\n```\n", tmp_path / "1.md", tmp_path)
        assert "<pre" not in md.html and "<code" not in md.html, md.html
        assert "<p>缩进的第二段。</p>" in md.html


def test_leak_markdown_links_never_become_file_links_in_the_pdf(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    other = report_dir(root, 2022) / "6-other.md"
    edit(other, "本年度未收取信息处理费。", "本年度未收取信息处理费。详见[甲](/etc/passwd)、[乙](//host/share)、"
         "[丙](../2021/index.html)和[官网](https://www.gov.cn/)。")
    result = build_site(root, tmp_path / "out", jobs=1)
    assert result.ok, result.findings
    uris = _uris(tmp_path / "out" / "x" / "2022" / "report.pdf")
    assert uris == ["https://www.gov.cn/"], uris
    page = Tags((tmp_path / "out" / "x" / "2022" / "index.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for a in page.find("a") if "href" in a]
    assert "/etc/passwd" not in hrefs and "//host/share" not in hrefs
    assert "../2021/index.html" in hrefs  # a relative link stays a link on the web page
    f10 = sorted((f.pos.column, f.message) for f in result.findings if f.id == "F10")
    assert [c for c, _ in f10] == [15, 32], f10
    assert "链接“/etc/passwd”不允许使用" in f10[0][1]


def test_slip_svg_saved_as_png_is_not_a_picture(tmp_path: Path) -> None:
    svg = tmp_path / "a.png"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    png = tmp_path / "b.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    assert sniff_image(svg) is None and sniff_image(png) == "png"

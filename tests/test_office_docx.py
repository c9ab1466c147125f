"""report.docx opened with python-docx: page setup after GB/T 9704, the fonts named for title,
body and headings, the three official tables with their merged header cells and row spans,
repeated header rows and rows kept whole, the signature and date, the "— N —" footer, and
bytes that two builds reproduce exactly."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from gkgen.build.site import build_site
from gkgen.content.load import load_site
from gkgen.format import edition
from gkgen.format.parts import PARTS
from gkgen.render.tables import render_table

docx = pytest.importorskip("docx", reason="python-docx is not installed")

REPO = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _reports() -> list[tuple[str, int]]:
    site = load_site(REPO).site
    return [(b.slug, y) for b in site.bodies.values() for y in b.reports]


@pytest.fixture(scope="module")
def out(built: Any) -> Path:
    return Path(built.out)


def _open(out: Path, slug: str = "shiyi-gov", year: int = 2022) -> Any:
    return docx.Document(str(out / slug / str(year) / "report.docx"))


def _east_asia(element: Any) -> str | None:
    fonts = element.find(f".//{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def test_every_report_has_a_docx_beside_its_pdf(out: Path) -> None:
    for slug, year in _reports():
        folder = out / slug / str(year)
        assert (folder / "report.pdf").is_file() and (folder / "report.docx").is_file()
        assert (folder / "tables.xlsx").is_file()


def test_page_setup_is_gb9704(out: Path) -> None:
    section = _open(out).sections[0]
    for got, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                    (section.left_margin, 28), (section.right_margin, 26),
                    (section.bottom_margin, 35)):
        assert abs(got.mm - mm) < 0.1, (got.mm, mm)
    # 156 mm x 225 mm text block
    assert abs(section.page_width.mm - section.left_margin.mm - section.right_margin.mm - 156) < 0.1


def test_fonts_are_named_for_title_body_and_headings(out: Path) -> None:
    d = _open(out)
    defaults = d.styles.element.find(f"{W}docDefaults")
    assert _east_asia(defaults) == "仿宋"  # body
    size = defaults.find(f".//{W}sz")
    assert size is not None and size.get(f"{W}val") == "32"  # 三号 = 16 pt
    expected = {"Title": ("方正小标宋简体", 22.0), "Heading 1": ("黑体", 16.0),
                "Heading 2": ("楷体", 16.0), "Heading 3": ("仿宋", 16.0)}
    for name, (font, pt) in expected.items():
        style = d.styles[name]
        assert _east_asia(style.element) == font, name
        assert style.font.size.pt == pt and not style.font.bold, name
    assert "FandolFang" in d.core_properties.comments or "FandolFang" in _description(out)


def _description(out: Path) -> str:
    with zipfile.ZipFile(out / "shiyi-gov" / "2022" / "report.docx") as z:
        return z.read("docProps/core.xml").decode("utf-8")


def test_six_headings_title_signature_and_date(out: Path) -> None:
    d = _open(out)
    paras = [p for p in d.paragraphs if p.text.strip()]
    assert paras[0].style.name == "Title"
    assert paras[0].text == "示例市人民政府2022年政府信息公开工作年度报告"
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == [p.heading for p in PARTS]
    assert [p.text for p in paras[-2:]] == ["示例市人民政府", "2023年2月20日"]
    assert all(p.alignment is None or p.style.name == "Signoff" for p in paras[-2:])
    assert d.styles["Signoff"].paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def _same(t: Any, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return bool(t.cell(*a)._tc is t.cell(*b)._tc)


def test_table3_has_the_official_merged_header_and_row_spans(out: Path) -> None:
    t = _open(out).tables[1]
    assert (len(t.rows), len(t.columns)) == (3 + 25, 3 + 7)
    assert t.cell(0, 0).text == CORNER and _same(t, (0, 0), (2, 2))  # 3 x 3 corner note
    assert t.cell(0, 3).text == "申请人情况" and _same(t, (0, 3), (0, 9))
    assert t.cell(1, 3).text == "自然人" and _same(t, (1, 3), (2, 3))  # two rows high
    assert t.cell(1, 4).text == "法人或其他组织" and _same(t, (1, 4), (1, 8))  # over five
    assert t.cell(1, 9).text == "总计" and _same(t, (1, 9), (2, 9))
    assert [t.cell(2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织",
                                                       "法律服务机构", "其他"]
    assert t.cell(3, 0).text == "一、本年新收政府信息公开申请数量" and _same(t, (3, 0), (3, 2))
    assert t.cell(5, 0).text == "三、本年度办理结果" and _same(t, (5, 0), (26, 0))  # 22 rows
    assert t.cell(7, 1).text == "（三）不予公开" and _same(t, (7, 1), (14, 1))  # its 8 items
    assert t.cell(7, 2).text == "1.属于国家秘密"
    assert t.cell(27, 0).text == "四、结转下年度继续办理"
    assert [t.cell(3, c).text for c in range(3, 10)] == ["21", "3", "0", "0", "2", "1", "27"]


def test_table2_and_table4_layout(out: Path) -> None:
    d = _open(out)
    t2, t4 = d.tables[0], d.tables[2]
    assert t2.cell(0, 0).text == "第二十条第（一）项" and _same(t2, (0, 0), (0, 3))
    licensing = next(r for r in range(len(t2.rows)) if t2.cell(r, 0).text == "行政许可")
    assert _same(t2, (licensing, 1), (licensing, 3))  # a single value spans three columns
    assert t4.cell(0, 0).text == "行政复议" and _same(t4, (0, 0), (0, 4))
    assert t4.cell(0, 5).text == "行政诉讼" and _same(t4, (0, 5), (0, 14))
    assert t4.cell(1, 0).text == "结果维持" and _same(t4, (1, 0), (2, 0))
    assert t4.cell(1, 5).text == "未经复议直接起诉" and _same(t4, (1, 5), (1, 9))
    assert [t4.cell(2, c).text for c in range(10, 15)] == ["结果维持", "结果纠正", "其他结果",
                                                          "尚未审结", "总计"]


def test_header_rows_repeat_and_rows_do_not_split(out: Path) -> None:
    for t, head in zip(_open(out).tables, (0, 3, 3), strict=True):
        rows = t._tbl.findall(f"{W}tr")
        for i, tr in enumerate(rows):
            props = tr.find(f"{W}trPr")
            assert props is not None and props.find(f"{W}cantSplit") is not None
            assert (props.find(f"{W}tblHeader") is not None) == (i < head), i


def test_footer_is_the_page_number_between_dashes(out: Path) -> None:
    d = _open(out)
    section = d.sections[0]
    assert d.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        field = p._p.find(f"{W}fldSimple")
        assert field is not None and field.get(f"{W}instr").strip() == "PAGE"
        assert p.text == "—  —"  # "— " + the page number field + " —"
        jc = p._p.find(f"{W}pPr/{W}jc")
        assert jc is not None and jc.get(f"{W}val") == side


def test_two_builds_give_the_same_bytes(tmp_path: Path, out: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    again = build_site(tmp_path, tmp_path / "again", pdf=False, clean=True)
    assert again.ok
    for slug, year in _reports():
        for name in ("report.docx", "tables.xlsx"):
            a = (out / slug / str(year) / name).read_bytes()
            assert a == (tmp_path / "again" / slug / str(year) / name).read_bytes(), (slug, year, name)
    assert (out / "data" / "tables.xlsx").read_bytes() == (tmp_path / "again" / "data" / "tables.xlsx").read_bytes()
    d = _open(out)
    published = dt.datetime(2023, 2, 20, tzinfo=dt.UTC)
    assert d.core_properties.created == published and d.core_properties.modified == published
    with zipfile.ZipFile(out / "shiyi-gov" / "2022" / "report.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 2, 20, 0, 0, 0)}


class _Cells(HTMLParser):
    """The texts of an HTML table's th/td cells, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td"):
            self.texts.append("")
            self.open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.open = False

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[-1] += data


def test_word_tables_and_headings_come_from_the_pdfs_description(out: Path) -> None:
    """Word shows each official table cell for cell as the print page (render_table) does, and
    the render/office code types no label or heading of its own."""
    site = load_site(REPO).site
    for body in site.bodies.values():
        for year, report in body.reports.items():
            d = _open(out, body.slug, year)
            assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == [
                p.heading for p in report.edition.parts]
            for table, t in zip(report.edition.tables, d.tables, strict=True):
                html = _Cells()
                html.feed(render_table(table, report))
                seen: list[Any] = []
                texts = []
                for row in t.rows:
                    for cell in row.cells:
                        if cell._tc not in seen:
                            seen.append(cell._tc)
                            texts.append(cell.text)
                assert texts == html.texts, (body.slug, year, table.key)
    source = "".join(p.read_text(encoding="utf-8") for p in (REPO / "gkgen/render/office").glob("*.py"))
    labels = {label for ed in ("2021", "2019") for c in edition(ed).cells.values()
              for label in (*c.row_labels, *c.col_labels, c.block or "") if len(label) > 3}
    labels |= {p.heading for p in PARTS}
    assert not sorted(label for label in labels if label in source)

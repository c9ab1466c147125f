"""A report saved by WPS: no core properties (so no title property), tables without w:tblGrid
or with too few or zero-width grid columns, text in one run per character, WPS namespaces, and paragraph
styles with ids "1"/"2" whose names are not "Heading N": the headings are found by their
text (一、…) as for any paragraph, and every cell by its labels."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docxmake import report_body, save
from test_import_common import empty_site, report, run, typed
from test_import_make import PARTS_TEXT, values_for

from gkgen.findings import Number
from gkgen.importer.doc import Para
from gkgen.importer.sources.docx import read_docx

docx = pytest.importorskip("docx", reason="python-docx (test extra) is not installed")
BODY = "示例县财政局"
TITLE = f"{BODY}2023年政府信息公开工作年度报告"


def _wps(path: Path, values: dict[str, Number | None]) -> None:
    save(path, report_body(TITLE, values, heading="2", per_char=True, grids=("missing", "short", "zero")),
         wps=True)


def test_wps_file_is_what_it_claims(tmp_path: Path) -> None:
    src = tmp_path / "wps.docx"
    _wps(src, dict(values_for("2021")))
    with zipfile.ZipFile(src) as z:
        assert "docProps/core.xml" not in z.namelist()
        xml = z.read("word/document.xml").decode("utf-8")
    assert "wpsCustomData" in xml and 'w:pStyle w:val="2"' in xml
    assert "<w:t xml:space=\"preserve\">总</w:t>" in xml  # a run per character
    assert xml.count("<w:tblGrid>") == 2 and 'w:gridCol w:w="0"' in xml
    short = xml.split("<w:tblGrid>")[1].split("</w:tblGrid>")[0]
    assert short.count("<w:gridCol") == 3  # table 3 has ten columns
    doc = read_docx(src)
    assert doc.title is None  # not python-docx's made-up "Word Document"
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    assert Para("一、总体情况") in paras and all(p.level == 0 for p in paras)


def test_wps_report_imports_every_cell_and_part(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    src = tmp_path / "wps.docx"
    _wps(src, values)
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src))
    assert res.exit_code == 0, res.output
    slug = "shi-li-xian-cai-zheng-ju"
    assert f"机关名称：{BODY}" in res.output  # from the first paragraph, there is no title property
    assert typed(root, slug, 2023) == values
    r = report(root, slug, 2023)
    for n in (1, 5, 6):
        assert PARTS_TEXT[n] in (r.narratives[n].source or "")
    assert str(r.published) == "2024-01-20"

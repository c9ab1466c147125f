"""The example site (content/) built for real: every report as HTML, PDF and data, PDFs checked
with poppler the way a reader's tools see them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from buildsite import pdfinfo, pdftext, squash

from gkgen.build.site import BuildResult
from gkgen.content.load import load_site
from gkgen.findings import fmt
from gkgen.model import Report

REPO = Path(__file__).resolve().parents[1]
FAMILIES = ("GK-FangSong", "GK-Hei", "GK-Kai", "GK-Song")




def reports() -> list[Report]:
    return load_site(REPO).site.reports()


def ids() -> list[str]:
    return [r.key for r in reports()]


@pytest.fixture(params=reports(), ids=ids())
def report(request: pytest.FixtureRequest) -> Report:
    rep: Report = request.param
    return rep


def test_every_report_has_html_pdf_and_data(built: BuildResult) -> None:
    assert len(reports()) >= 2
    for r in reports():
        for name in ("index.html", "report.pdf", "data.json"):
            assert (built.out / r.body.slug / str(r.year) / name).is_file(), (r.key, name)
        assert (built.out / r.body.slug / "index.html").is_file()


def test_pdf_fonts_are_embedded_subsets_of_the_intended_families(
        built: BuildResult, report: Report) -> None:
    pdf = built.out / report.key / "report.pdf"
    lines = pdfinfo(pdf, "-meta").splitlines()  # smoke: poppler opens it
    assert lines
    import subprocess
    table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert table
    names = set()
    for line in table:
        cols = line.split()
        name = cols[0].split("+", 1)[-1]
        names.add(name.removesuffix("-Bold"))
        emb, sub = cols[-5], cols[-4]
        assert (emb, sub) == ("yes", "yes"), line
        assert re.match(r"^[A-Z]{6}\+", cols[0]), line
    assert names <= set(FAMILIES), names
    assert {"GK-FangSong", "GK-Hei", "GK-Song"} <= names


def test_pdf_metadata_and_pages(built: BuildResult, report: Report) -> None:
    info = pdfinfo(built.out / report.key / "report.pdf")
    assert re.search(rf"^Title:\s+{re.escape(report.full_title)}$", info, re.M)
    assert re.search(rf"^Author:\s+{re.escape(report.body.name)}$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert "A4" in info
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))  # type: ignore[union-attr]
    assert 3 <= pages <= 40
    if report.published:
        when = report.published
        assert re.search(rf"^CreationDate:.*{when.day} 00:00:00 {when.year}", info, re.M), info


def test_pdf_text_has_every_heading_label_and_value(built: BuildResult, report: Report) -> None:
    pdf = built.out / report.key / "report.pdf"
    flat = squash(pdftext(pdf))
    assert squash(report.full_title) in flat
    for part in report.edition.parts:
        assert part.heading in flat, part.heading
    raw = pdftext(pdf, "-raw")
    raw = re.sub(r"^— \d+ —$", "", raw, flags=re.M)
    cells_text = squash(raw)  # content order: a wrapped cell's lines stay together
    for table in report.edition.tables:
        for cell in table.cells:
            for label in (*cell.row_labels, *cell.col_labels):
                assert squash(label) in cells_text, label
        start = raw.index(f"{table.number} {table.title}")
        end = min([raw.find(p.heading, start) for p in report.edition.parts
                   if p.number > table.part and raw.find(p.heading, start) > 0] or [len(raw)])
        numbers = re.findall(r"(?<!\S)-?\d+(?:\.\d+)?(?!\S)", raw[start:end])
        expected = [fmt(report.number(c.id)) for c in table.cells]
        assert numbers == expected, (table.key, numbers, expected)


def test_pdf_tag_tree_has_tables_with_header_cells(built: BuildResult, report: Report) -> None:
    tree = pdfinfo(built.out / report.key / "report.pdf", "-struct")
    kinds = re.findall(r"^\s*(\w+)", tree, re.M)
    assert kinds.count("H1") == 1
    assert kinds.count("H2") == 6
    assert kinds.count("Table") >= 3 and "Caption" in kinds and "THead" in kinds
    assert kinds.count("TH") > 40 and kinds.count("TD") >= sum(
        len(t.cells) for t in report.edition.tables)


def test_bookmarks_are_the_six_parts(built: BuildResult, report: Report) -> None:
    from pypdf import PdfReader  # test extra (pyproject [test])

    outline = PdfReader(built.out / report.key / "report.pdf").outline
    top = [o.title for o in outline if not isinstance(o, list)]
    assert top == [p.heading for p in report.edition.parts]


def test_data_json_matches_loaded_values(built: BuildResult, report: Report) -> None:
    data = json.loads((built.out / report.key / "data.json").read_text(encoding="utf-8"))
    for cid in report.edition.cells:
        value = report.number(cid)
        assert data["cells"][cid] == (None if value is None else json.loads(fmt(value))), cid

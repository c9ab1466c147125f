"""The look test: LibreOffice (Debian libreoffice-writer-nogui) turns each example report.docx
into a PDF, as an office opening the file would see it; pdfplumber then finds the six part
headings and every label of the three official tables in it, and its page count is within one
of gkgen's own report.pdf.

The page of table 3's 三、本年度办理结果 rows is rendered to PNG (pdftoppm) beside it; with
GKGEN_UPDATE_SCREENSHOTS=1 it replaces docs/screenshots/report-docx-tables.png (the README
shows it next to the PDF's table page).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gkgen.content.load import load_site
from gkgen.format.parts import PARTS

pdfplumber = pytest.importorskip("pdfplumber")

REPO = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="soffice not found: install Debian libreoffice-writer-nogui "
                            "(bash scripts/setup.sh --test) to run the Word look test")
SCREENSHOT = REPO / "docs" / "screenshots" / "report-docx-tables.png"


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@pytest.fixture(scope="module")
def converted(built: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(LibreOffice's PDF of report.docx, gkgen's report.pdf) of every example report."""
    out = Path(built.out)
    tmp = tmp_path_factory.mktemp("look")
    site = load_site(REPO).site
    pairs: dict[str, tuple[Path, Path]] = {}
    for body in site.bodies.values():
        for year in body.reports:
            name = f"{body.slug}-{year}"
            shutil.copyfile(out / body.slug / str(year) / "report.docx", tmp / f"{name}.docx")
            pairs[name] = (tmp / "pdf" / f"{name}.pdf", out / body.slug / str(year) / "report.pdf")
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(tmp / "pdf"),
                    *sorted(str(p) for p in tmp.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    return pairs


def _cells(pdf: Any) -> set[str]:
    """Every table cell's text in a PDF, white space removed (labels wrap inside cells)."""
    return {_squash(c) for page in pdf.pages for table in page.extract_tables()
            for row in table for c in row if c}


def test_libreoffice_shows_headings_and_table_labels(converted: dict[str, tuple[Path, Path]]) -> None:
    site = load_site(REPO).site
    for body in site.bodies.values():
        for year, report in body.reports.items():
            ours, gkgen_pdf = converted[f"{body.slug}-{year}"]
            with pdfplumber.open(ours) as pdf:
                text = _squash("".join(page.extract_text() or "" for page in pdf.pages))
                cells = _cells(pdf)
                pages = len(pdf.pages)
            for part in PARTS:
                assert _squash(part.heading) in text, (body.slug, year, part.heading)
            labels = {label for cell in report.edition.cells.values()
                      for label in (*cell.row_labels, *cell.col_labels, cell.block or "") if label}
            missing = sorted(label for label in labels if _squash(label) not in cells)
            assert not missing, (body.slug, year, missing)
            for table in report.edition.tables:
                assert _squash(f"{table.number}\u3000{table.title}") in text
            with pdfplumber.open(gkgen_pdf) as pdf:
                theirs = len(pdf.pages)
            assert abs(pages - theirs) <= 1, (body.slug, year, pages, theirs)


def test_table_page_renders_to_png(converted: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    ours, _ = converted["shiyi-gov-2022"]
    with pdfplumber.open(ours) as pdf:
        page = next(i for i, p in enumerate(pdf.pages, 1) if "（一）予以公开" in (p.extract_text() or ""))
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
                    str(ours), str(tmp_path / "page")], check=True, timeout=60)
    png = tmp_path / "page.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    if os.environ.get("GKGEN_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(png, SCREENSHOT)

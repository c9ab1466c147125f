"""gkgen build: --no-pdf keeps the PDFs still current, drafts stay out, --strict refuses warnings."""

from __future__ import annotations

from pathlib import Path

from conftest import cli, edit, make_site, report_dir

from gkgen.build.site import build_site


def _links(page: Path) -> bool:
    return 'report.pdf"' in page.read_text(encoding="utf-8")


def test_slip_no_pdf_keeps_the_existing_pdfs_of_unchanged_reports(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", years=(2021, 2022))
    out = root / "output"
    assert build_site(root, out, jobs=1).ok
    pdf21, pdf22 = (out / "x" / str(y) / "report.pdf" for y in (2021, 2022))
    before = pdf21.read_bytes(), pdf22.read_bytes()
    result = build_site(root, out, pdf=False, jobs=1)
    assert result.ok and result.pdfs == []  # no PDF made…
    assert (pdf21.read_bytes(), pdf22.read_bytes()) == before  # …and none lost
    assert _links(out / "x" / "2021" / "index.html") and _links(out / "x" / "index.html")
    # A changed report's old PDF would be out of date: it goes, and so do its links.
    edit(report_dir(root, 2022) / "6-other.md", "本年度未收取信息处理费。", "本年度未收取信息处理费，特此说明。")
    assert build_site(root, out, pdf=False, jobs=1).ok
    assert not pdf22.exists() and not _links(out / "x" / "2022" / "index.html")
    assert pdf21.read_bytes() == before[0] and _links(out / "x" / "2021" / "index.html")
    body = (out / "x" / "index.html").read_text(encoding="utf-8")
    assert 'href="2021/report.pdf"' in body and 'href="2022/report.pdf"' not in body
    # The next full build makes the missing PDF again.
    assert build_site(root, out, jobs=1).pdfs == ["x/2022"]


def test_no_pdf_through_the_command_line(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    assert cli("build", str(root)).exit_code == 0
    pdf = root / "output" / "x" / "2022" / "report.pdf"
    data = pdf.read_bytes()
    result = cli("build", "--no-pdf", str(root))
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes() == data

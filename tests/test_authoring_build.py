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


def _unpublish(root: Path, year: int) -> None:
    edit(report_dir(root, year) / "report.yaml", "published:", "# published:")


def test_slip_draft_is_left_out_of_the_build_and_said_so(tmp_path: Path) -> None:
    from buildsite import pdftext

    root = make_site(tmp_path / "site", years=(2021, 2022))
    _unpublish(root, 2022)
    result = cli("build", str(root))
    assert result.exit_code == 0, result.output
    assert "草稿未生成：x/2022（report.yaml 中没有发布日期 published" in result.output
    out = root / "output"
    assert (out / "x" / "2021" / "index.html").is_file() and not (out / "x" / "2022").exists()
    assert "2022/index.html" not in (out / "index.html").read_text(encoding="utf-8")
    assert "x/2022" not in (out / "data" / "reports.csv").read_text(encoding="utf-8-sig")
    # --drafts builds it, marked on the page and in the PDF.
    result = cli("build", "--drafts", str(root))
    assert result.exit_code == 0, result.output
    page = (out / "x" / "2022" / "index.html").read_text(encoding="utf-8")
    assert "草稿：本报告尚未发布" in page
    assert "草稿：本报告尚未发布" in pdftext(out / "x" / "2022" / "report.pdf")
    assert "草稿" not in (out / "x" / "2021" / "index.html").read_text(encoding="utf-8")
    # …and a build without --drafts takes it out again.
    assert cli("build", str(root)).exit_code == 0 and not (out / "x" / "2022").exists()


def test_draft_true_holds_back_a_dated_report(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    with (report_dir(root, 2022) / "report.yaml").open("a", encoding="utf-8") as f:
        f.write("\ndraft: true\n")
    result = build_site(root, tmp_path / "out", pdf=False, jobs=1, drafts=False)
    assert result.ok and result.held == ["x/2022"] and not (tmp_path / "out" / "x" / "2022").exists()


def test_strict_build_refuses_warnings(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    edit(report_dir(root, 2022) / "6-other.md", "本年度未收取信息处理费。", "本年度未收取<b>信息处理费</b>。")
    result = cli("build", "--strict", "--no-pdf", str(root))
    assert result.exit_code == 1, result.output
    assert "F10" in result.output and "个警告（--strict），未生成" in result.output
    assert not (root / "output").exists()
    assert cli("build", "--no-pdf", str(root)).exit_code == 0


def test_serve_shows_drafts_marked(tmp_path: Path) -> None:
    from serve_helpers import request

    from gkgen.serve.session import Session

    root = make_site(tmp_path / "site")
    _unpublish(root, 2022)
    with Session(root, port=0) as s:
        page = request(s.server.port, "/x/2022/index.html")
        assert page.status == 200 and "草稿：本报告尚未发布" in page.text

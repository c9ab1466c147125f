"""The print PDF of a report page, through one PdfRenderer per process (gkgen.pdf)."""

from __future__ import annotations

from pathlib import Path

from gkgen.fonts import FontsNotFoundError
from gkgen.model import Report
from gkgen.pdf import PdfError, PdfRenderer, PdfSecurityError


class PdfFailed(Exception):
    """A report's PDF could not be made; the message is for the author (Chinese)."""


_RENDERER: PdfRenderer | None = None


def renderer() -> PdfRenderer:
    """This process's renderer, made on first use (fonts and print CSS load once)."""
    global _RENDERER
    if _RENDERER is None:
        try:
            _RENDERER = PdfRenderer()
        except (PdfError, FontsNotFoundError) as exc:
            raise PdfFailed(f"无法生成 PDF：字体或打印样式不可用（{exc}）。"
                            "请运行 scripts/setup.sh 安装所需字体，或用 --no-pdf 只生成网页。") from exc
    return _RENDERER


def render_pdf(html: str, report: Report, content: Path) -> bytes:
    """The PDF of the report's print HTML; it may read files inside the site's content only."""
    try:
        return renderer().render(html, report.dir, [content])
    except PdfSecurityError as exc:
        raise PdfFailed(f"{report.key}：报告引用了站点以外的资源，已拒绝读取：{'、'.join(exc.urls)}") from exc
    except PdfError as exc:
        raise PdfFailed(f"{report.key}：生成 PDF 失败：{exc}") from exc

"""The print PDF of a report page, through one PdfRenderer per process (gkgen.render.pdf)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import weasyprint

from gkgen.model import Report
from gkgen.render import fonts
from gkgen.render.fonts import FontsNotFoundError
from gkgen.render.pdf import PdfError, PdfRenderer, PdfSecurityError, print_css_path


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


def init_worker(pdf: bool, keep: bool = False) -> None:
    """Worker process start: drop any renderer inherited by fork, make this process's own.

    keep: a long-lived worker (Dask) keeps the renderer an earlier build made in it.
    A failure is not raised here (it would break the pool): the first render reports it.
    """
    global _RENDERER
    if not keep:
        _RENDERER = None
    if pdf:
        with contextlib.suppress(PdfFailed):
            renderer()


def pdf_salt() -> str:
    """A digest of everything a PDF depends on besides its HTML: WeasyPrint, print.css, fonts."""
    h = hashlib.sha256(f"weasyprint {weasyprint.__version__}\n".encode())
    h.update(print_css_path().read_bytes())
    try:
        h.update(fonts.font_face_css().encode("utf-8"))
        for folder in fonts.font_dirs():
            for path in sorted(folder.iterdir()):
                st = os.stat(path)
                h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except (FontsNotFoundError, OSError):
        h.update(b"no fonts")
    return h.hexdigest()


def pdf_key(salt: str, html: str, report: Report, content: Path, images: list[Path]) -> str:
    """The key of a report's PDF: the salt, its print HTML, where it sits and its images' bytes."""
    h = hashlib.sha256(salt.encode())
    h.update(report.dir.resolve().relative_to(content.resolve()).as_posix().encode() + b"\0")
    h.update(html.encode("utf-8") + b"\0")
    for image in sorted(set(images)):
        h.update(str(image).encode() + b"\0" + hashlib.sha256(image.read_bytes()).digest())
    return h.hexdigest()


def render_pdf(html: str, report: Report, content: Path) -> bytes:
    """The PDF of the report's print HTML; it may read files inside the site's content only."""
    try:
        return renderer().render(html, report.dir, [content])
    except PdfSecurityError as exc:
        raise PdfFailed(f"{report.key}：报告引用了站点以外的资源，已拒绝读取：{'、'.join(exc.urls)}") from exc
    except PdfError as exc:
        raise PdfFailed(f"{report.key}：生成 PDF 失败：{exc}") from exc

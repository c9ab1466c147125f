"""Report PDFs in the preview: rendered when first asked for, reused until their inputs change.

HTML rebuilds never render PDFs (WeasyPrint takes about half a second per report). The
PDF link renders on request with the functions `gkgen build` uses (the print variant of
the report page, then ``render_pdf``) and keeps the bytes in memory under the build's own
PDF key (print HTML, images, fonts, print.css): a save that does not change what the PDF
shows does not render it again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from gkgen.serve.server import PdfUnavailable


class PdfCache:
    """One PDF per report, in memory; renders one at a time (WeasyPrint is not thread-safe)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, int], tuple[str, bytes]] = {}
        self._salt: str | None = None
        self.renders = 0  # how many PDFs were actually rendered (tests, diagnostics)

    def get(self, body: str, year: int) -> bytes | None:
        """The report's PDF from the current sources; None when there is no such report."""
        with self._lock:
            try:
                return self._get(body, year)
            except PdfUnavailable:
                raise
            except Exception as exc:  # a template or loader problem must not kill the server
                raise PdfUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _get(self, body: str, year: int) -> bytes | None:
        from gkgen.build.site import site_info
        from gkgen.content.load import load_site
        from gkgen.render.pdfout import PdfFailed, pdf_key, pdf_salt, render_pdf
        from gkgen.render.report import ReportJob, report_html

        site = load_site(self.root).site
        found = site.bodies.get(body)
        report = found.reports.get(year) if found else None
        if report is None:
            return None
        info = site_info(site)
        html, images, _ = report_html(ReportJob(info, report, pdf=True), for_print=True)
        if self._salt is None:
            self._salt = pdf_salt()
        key = pdf_key(self._salt, html, report, info.content, images)
        cached = self._cache.get((body, year))
        if cached and cached[0] == key:
            return cached[1]
        try:
            data = render_pdf(html, report, info.content)
        except PdfFailed as exc:
            raise PdfUnavailable(str(exc)) from exc
        self.renders += 1
        self._cache[(body, year)] = (key, data)
        return data

    def close(self) -> None:
        """Drop the cached PDFs."""
        with self._lock:
            self._cache.clear()

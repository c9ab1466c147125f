"""Print PDF from the report HTML, with WeasyPrint (70.x).

Use one :class:`PdfRenderer` per process: it holds the font configuration (the Fandol
``@font-face`` rules are parsed and registered once) and the parsed print stylesheet.
It is not thread-safe (fontconfig/pango state); run several processes to go parallel.

What a render guarantees:

* **Sandboxed fetching.** Only ``data:`` URLs and ``file:`` URLs whose real path (symlinks
  resolved) lies inside ``allowed_roots`` (plus gkgen's own font and asset folders) are
  read. Anything else (``http(s):``, ``ftp:``, ``file:///etc/passwd``, a symlink out of
  the site) is refused, *and a refused fetch fails the render* with
  :class:`PdfSecurityError`, even where WeasyPrint itself would swallow the error (an
  ``<image>`` inside an SVG). A missing or unreadable file inside the roots fails it
  with :class:`PdfResourceError`. Links (``<a href>``) are never fetched; they stay
  link annotations.
* **PDF/UA-1** (``pdf_variant="pdf/ua-1"``): tagged PDF, ``/Lang`` from ``<html lang>``,
  ``DisplayDocTitle``, XMP metadata. Title, author and dates come from ``<title>``,
  ``<meta name="author">``, ``<meta name="dcterms.created">`` (and ``dcterms.modified``).
  A document without ``<title>`` is refused (PDF/UA needs one).
* **Deterministic bytes**: same HTML in, same PDF out; no clock is read.
* **Fonts embedded as subsets via HarfBuzz**: the renderer refuses to start without
  ``libharfbuzz-subset0`` and fails a render that logs the fontTools-fallback warning
  or an unloadable ``@font-face`` (:class:`PdfFontError`).
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from gkgen.render import fonts

__all__ = [
    "PDF_VARIANT",
    "PdfError",
    "PdfFontError",
    "PdfRenderer",
    "PdfResourceError",
    "PdfSecurityError",
    "SandboxedURLFetcher",
    "print_css_path",
]

PDF_VARIANT = "pdf/ua-1"

#: WeasyPrint log messages that make a PDF wrong rather than merely imperfect.
_FATAL_LOG_MARKERS = (
    "Using fontTools instead of HarfBuzz-Subset",  # subsetting fallback: slow, 20x memory
    "cannot be loaded",  # "Font-face %r cannot be loaded": silent fallback font otherwise
)


class PdfError(Exception):
    """The PDF could not be produced."""


class PdfSecurityError(PdfError):
    """The document asked for a resource outside the sandbox (refused, never read)."""

    def __init__(self, urls: Sequence[str]) -> None:
        self.urls = list(urls)
        super().__init__(
            "refused to fetch resource(s) outside the allowed folders: " + ", ".join(self.urls)
        )


class PdfResourceError(PdfError):
    """An allowed resource (image, stylesheet, font) could not be read."""

    def __init__(self, urls: Sequence[str], detail: str = "") -> None:
        self.urls = list(urls)
        super().__init__(
            "could not read resource(s): "
            + ", ".join(self.urls)
            + (f" ({detail})" if detail else "")
        )


class PdfFontError(PdfError):
    """Fonts are missing or would be embedded the wrong way."""


def print_css_path() -> Path:
    """The packaged print stylesheet (``gkgen/assets/print.css``)."""
    return Path(__file__).resolve().parents[1] / "assets" / "print.css"


class _Refused(ValueError):
    """Raised inside WeasyPrint's fetch machinery for a URL outside the sandbox."""


class SandboxedURLFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that reads only ``data:`` and sandboxed ``file:`` URLs.

    Constructed with ``fail_on_errors=True`` so that any refused or failed fetch stops the
    render (WeasyPrint turns the exception into a ``FatalURLFetchingError``). Every refusal
    and failure is also recorded in :attr:`refused` / :attr:`failed`, so the caller can
    fail the render where WeasyPrint catches even fatal errors (nested SVG resources).
    """

    def __init__(self, allowed_roots: Sequence[Path]) -> None:
        super().__init__(
            timeout=1,
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=True,
        )
        self.roots: tuple[Path, ...] = tuple(Path(root).resolve() for root in allowed_roots)
        self.refused: list[str] = []
        self.failed: list[tuple[str, str]] = []

    def local_path(self, url: str) -> Path | None:
        """The real path a ``file:`` URL names when it is inside the roots, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        raw = url2pathname(parts.path)
        if not raw or "\x00" in raw:
            return None
        path = Path(raw)
        if not path.is_absolute():
            return None
        real = path.resolve()  # follows symlinks, removes ".."
        if any(real.is_relative_to(root) for root in self.roots):
            return real
        return None

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self.local_path(url)
            if path is not None:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    self.failed.append((url, f"{type(exc).__name__}: {exc.strerror or exc}"))
                    raise
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": content_type})
        self.refused.append(url)
        raise _Refused(f"refused URL outside the sandbox: {url}")


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # pragma: no cover - a broken log call must not break a render
            self.messages.append(str(record.msg))


@contextmanager
def _captured_weasyprint_log() -> Iterator[_LogCapture]:
    handler = _LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _harfbuzz_subset_available() -> bool:
    from weasyprint.text import ffi

    return getattr(ffi, "harfbuzz_subset", None) is not None


class PdfRenderer:
    """Render report HTML to PDF bytes. Construct once per process and reuse."""

    def __init__(self, extra_stylesheets: Sequence[Path] = ()) -> None:
        if not _harfbuzz_subset_available():
            raise PdfFontError(
                "libharfbuzz-subset0 is not installed: WeasyPrint would subset the CJK fonts "
                "with fontTools (about 20x slower). Run scripts/setup.sh or "
                "`apt-get install libharfbuzz-subset0`."
            )
        self.font_config = FontConfiguration()
        css_path = print_css_path()
        self._trusted_roots: list[Path] = [*fonts.font_dirs(), css_path.parent.resolve()]
        self._trusted_roots.extend(Path(p).resolve().parent for p in extra_stylesheets)
        fetcher = SandboxedURLFetcher(self._trusted_roots)
        with _captured_weasyprint_log() as log:
            self._stylesheets = [
                weasyprint.CSS(
                    string=fonts.font_face_css(),
                    font_config=self.font_config,
                    url_fetcher=fetcher,
                ),
                weasyprint.CSS(
                    filename=str(css_path), font_config=self.font_config, url_fetcher=fetcher
                ),
                *(
                    weasyprint.CSS(
                        filename=str(path), font_config=self.font_config, url_fetcher=fetcher
                    )
                    for path in extra_stylesheets
                ),
            ]
        if fetcher.refused or fetcher.failed:
            raise PdfFontError(
                "font files could not be read: "
                + "; ".join([*fetcher.refused, *(f"{u} ({why})" for u, why in fetcher.failed)])
            )
        if log.messages:  # keep print.css free of anything WeasyPrint ignores
            raise PdfError("print stylesheet problems: " + "; ".join(log.messages))
        self._lock = threading.Lock()
        #: WeasyPrint warnings and errors logged during the last :meth:`render`.
        self.last_warnings: list[str] = []
        #: Number of pages of the last rendered PDF.
        self.last_page_count = 0

    def render(self, html: str, base_dir: Path, allowed_roots: Sequence[Path]) -> bytes:
        """Render ``html`` (relative URLs resolve against ``base_dir``) to PDF bytes.

        ``allowed_roots``: folders the document may read images/stylesheets from.
        Raises :class:`PdfSecurityError`, :class:`PdfResourceError`, :class:`PdfFontError`
        or :class:`PdfError`.
        """
        with self._lock:
            return self._render(html, Path(base_dir), list(allowed_roots))

    def _render(self, html: str, base_dir: Path, allowed_roots: list[Path]) -> bytes:
        fetcher = SandboxedURLFetcher([*allowed_roots, *self._trusted_roots])
        base_url = base_dir.resolve().as_uri().rstrip("/") + "/"
        options: dict[str, Any] = {
            "stylesheets": self._stylesheets,
            "pdf_variant": PDF_VARIANT,
        }
        self.last_warnings = []
        with _captured_weasyprint_log() as log:
            try:
                document = weasyprint.HTML(
                    string=html, base_url=base_url, url_fetcher=fetcher, media_type="print"
                ).render(font_config=self.font_config, **options)
                if not (document.metadata.title or "").strip():
                    raise PdfError("the HTML has no <title>; a PDF/UA document needs one")
                pdf = document.write_pdf(**options)
            except FatalURLFetchingError as exc:
                self._raise_fetch_problems(fetcher, str(exc.__cause__ or exc))
                raise PdfResourceError([str(exc)], str(exc.__cause__ or "")) from exc
        self.last_warnings = list(log.messages)
        # WeasyPrint swallows even fatal fetch errors in a few places (SVG sub-resources):
        # the fetcher's own record decides.
        self._raise_fetch_problems(fetcher, "")
        bad = [m for m in log.messages if any(marker in m for marker in _FATAL_LOG_MARKERS)]
        if bad:
            raise PdfFontError("; ".join(bad))
        self.last_page_count = len(document.pages)
        assert isinstance(pdf, bytes)
        return pdf

    @staticmethod
    def _raise_fetch_problems(fetcher: SandboxedURLFetcher, detail: str) -> None:
        if fetcher.refused:
            raise PdfSecurityError(fetcher.refused)
        if fetcher.failed:
            raise PdfResourceError(
                [url for url, _ in fetcher.failed],
                "; ".join(reason for _, reason in fetcher.failed) or detail,
            )

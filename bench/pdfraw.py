"""gkgen's PDF renders recorded in a build, and the same HTML through raw WeasyPrint.

`install_capture(folder)` wraps gkgen.render.pdf.PdfRenderer so that every render of a build
leaves its HTML, base folder and duration in `folder` (one JSON line per render, written
with O_APPEND so forked workers may record too). `render_raw(folder)` then renders that very
HTML with plain `weasyprint.HTML(string=…, base_url=…).write_pdf()` and exactly the style
sheets, font configuration, media type and PDF variant PdfRenderer passes — but none of its
sandboxing, log capture or checks: the floor gkgen cannot beat.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

MANIFEST = "renders.jsonl"


def _record(folder: Path, entry: dict[str, Any]) -> None:
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
    fd = os.open(folder / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def install_capture(folder: Path) -> None:
    """Record every PdfRenderer construction and render of this process (and forked children)."""
    from gkgen.render import pdf

    folder.mkdir(parents=True, exist_ok=True)
    cls = pdf.PdfRenderer
    orig_init, orig_render = cls.__init__, cls.render

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        orig_init(self, *args, **kwargs)
        extra = kwargs.get("extra_stylesheets", args[0] if args else ())
        self._bench_extra = [str(Path(p).resolve()) for p in extra]
        _record(folder, {"kind": "init", "seconds": time.perf_counter() - start,
                         "extra_stylesheets": self._bench_extra})

    def render(self: Any, *args: Any, **kwargs: Any) -> bytes:
        start, cpu = time.perf_counter(), time.process_time()
        data: bytes = orig_render(self, *args, **kwargs)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        html = kwargs.get("html", args[0] if args else None)
        base = kwargs.get("base_dir", args[1] if len(args) > 1 else None)
        entry: dict[str, Any] = {"kind": "render", "seconds": seconds, "cpu_s": cpu,
                                 "bytes": len(data),
                                 "pages": getattr(self, "last_page_count", None), "pid": os.getpid(),
                                 "extra_stylesheets": getattr(self, "_bench_extra", [])}
        if isinstance(html, str) and base is not None:
            name = f"{os.getpid()}-{time.monotonic_ns()}.html"
            (folder / name).write_text(html, encoding="utf-8")
            entry.update(html=name, base_dir=str(Path(base).resolve()))
        _record(folder, entry)
        return data

    cls.__init__, cls.render = init, render


def read_manifest(folder: Path) -> list[dict[str, Any]]:
    """The recorded entries, in the order they were written."""
    path = folder / MANIFEST
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def render_raw(folder: Path) -> dict[str, Any]:
    """Render every captured HTML with raw WeasyPrint; per-render seconds and page counts."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from gkgen.render import fonts
    from gkgen.render.pdf import PDF_VARIANT, print_css_path

    renders = [e for e in read_manifest(folder) if e["kind"] == "render" and "html" in e]
    if not renders:
        return {"status": "n/a", "reason": "the build recorded no PdfRenderer.render() call"}
    start, cpu0 = time.perf_counter(), time.process_time()
    font_config = FontConfiguration()
    extra = renders[0].get("extra_stylesheets", [])
    stylesheets = [weasyprint.CSS(string=fonts.font_face_css(), font_config=font_config),
                   weasyprint.CSS(filename=str(print_css_path()), font_config=font_config),
                   *(weasyprint.CSS(filename=p, font_config=font_config) for p in extra)]
    setup, setup_cpu = time.perf_counter() - start, time.process_time() - cpu0
    times, cpus, pages = [], [], []
    for e in renders:
        html = (folder / e["html"]).read_text(encoding="utf-8")
        base_url = Path(e["base_dir"]).as_uri().rstrip("/") + "/"
        t, c = time.perf_counter(), time.process_time()
        doc = weasyprint.HTML(string=html, base_url=base_url, media_type="print").render(
            font_config=font_config, stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
        pdf = doc.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        pages.append(len(doc.pages))
        if not pdf:
            raise RuntimeError("WeasyPrint returned no PDF")
    gkgen_pages = [e.get("pages") for e in renders]
    return {"status": "ok", "seconds": setup + sum(times), "cpu_s": setup_cpu + sum(cpus),
            "setup_s": setup, "render_s": times, "render_cpu_s": cpus, "renders": len(times),
            "pages": pages,
            "same_pages_as_gkgen": pages == gkgen_pages}

"""The print PDF: real WeasyPrint, real Fandol fonts, checked with poppler and pypdf."""

from __future__ import annotations

import http.server
import io
import logging
import re
import shutil
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from gkgen.render import fonts
from gkgen.render.pdf import (
    PdfError,
    PdfFontError,
    PdfRenderer,
    PdfResourceError,
    PdfSecurityError,
)

TITLE = "某某市人民政府2021年政府信息公开工作年度报告"
AUTHOR = "某某市人民政府办公室"
PARA = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "推进决策、执行、管理、服务、结果公开，持续提升政府信息公开工作质量。"
)
HEADER_CELL = "勾稽关系说明"
ROWS = 40


def sample_html(extra: str = "") -> str:
    """About three A4 pages: title, parts, long Chinese paragraphs, a table over 2 pages."""
    paras = "".join(f"<p>{PARA * 3}</p>" for _ in range(6))
    rows = "".join(
        f'<tr><th scope="row">第{i}项申请办理情况</th><td>{i}</td><td>{i * 3}</td>'
        f"<td>{i * 7}</td></tr>"
        for i in range(1, ROWS + 1)
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{TITLE}</title>
<meta name="author" content="{AUTHOR}"><meta name="dcterms.created" content="2022-01-20">
</head><body><main>
<h1 class="title">{TITLE}</h1>
<section class="part" id="part-1"><h2>一、总体情况</h2><h3>（一）主动公开</h3>{paras}{extra}</section>
<section class="part" id="part-2"><h2>二、收到和处理政府信息公开申请情况</h2>
<table><caption>收到和处理政府信息公开申请情况</caption>
<thead><tr><th scope="col">{HEADER_CELL}</th><th scope="col">自然人</th>
<th scope="col">商业企业</th><th scope="col">总计</th></tr></thead>
<tbody>{rows}</tbody></table></section>
<section class="part" id="part-3"><h2>三、存在的主要问题及改进情况</h2><p>{PARA}</p></section>
</main></body></html>"""


def tiny_html(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>'
        f"</head><body><main><p>正文</p>{body}</main></body></html>"
    )


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: run `bash scripts/setup.sh --test` (poppler-utils)")
    return path


def run(*args: str) -> str:
    return subprocess.run(
        [tool(args[0]), *args[1:]], check=True, capture_output=True, text=True
    ).stdout


def page_text(pdf_path: Path, page: int, layout: bool = False) -> str:
    opts = ["-layout"] if layout else []
    return run("pdftotext", *opts, "-f", str(page), "-l", str(page), str(pdf_path), "-")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def decompressed_streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated where it is Flate-compressed."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        data = match.group(1)
        try:
            out.append(zlib.decompressobj().decompress(data))
        except zlib.error:
            out.append(data)
    return b"\n".join(out)


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def renderer() -> PdfRenderer:
    return PdfRenderer()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@dataclass
class Sample:
    pdf: bytes
    path: Path
    seconds: float
    log: list[logging.LogRecord]


@pytest.fixture(scope="module")
def sample(renderer: PdfRenderer, site: Path, tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """Render the sample once, capturing everything WeasyPrint logs."""
    capture = LogCapture()
    logger = logging.getLogger("weasyprint")
    old_level = logger.level
    logger.setLevel(logging.DEBUG)  # fontTools-fallback warning and anything else
    logger.addHandler(capture)
    try:
        start = time.perf_counter()
        pdf = renderer.render(sample_html(), site, [site])
        seconds = time.perf_counter() - start
    finally:
        logger.removeHandler(capture)
        logger.setLevel(old_level)
    path = tmp_path_factory.mktemp("out") / "sample.pdf"
    path.write_bytes(pdf)
    return Sample(pdf, path, seconds, capture.records)


def test_no_fonttools_fallback_and_no_warnings(sample: Sample) -> None:
    messages = [r.getMessage() for r in sample.log if r.levelno >= logging.WARNING]
    assert not [m for m in messages if "fontTools" in m or "HarfBuzz" in m]
    assert messages == []


def test_fonts_are_embedded_fandol_subsets_only(sample: Sample) -> None:
    out = run("pdffonts", str(sample.path))
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    names = {row[0] for row in rows}
    for row in rows:
        # name type... emb sub uni: the three yes/no columns before the object id.
        assert row[-5:-2] == ["yes", "yes", "yes"], row
    assert all(re.fullmatch(r"[A-Z]{6}\+GK-(FangSong|Kai|Hei|Song|Song-Bold)", n) for n in names), (
        names
    )
    assert {n.split("+")[1] for n in names} == {
        "GK-FangSong",
        "GK-Kai",
        "GK-Hei",
        "GK-Song",
        "GK-Song-Bold",
    }
    # and the embedded programs really are Fandol (PostScript names inside the subsets)
    from fontTools.ttLib import TTFont

    reader = PdfReader(io.BytesIO(sample.pdf))
    ps_names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            descendant = ref.get_object()["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"]["/FontFile3"].get_object().get_data()
            ps_names.add(TTFont(io.BytesIO(program))["name"].getDebugName(6))
    assert ps_names == {
        "FandolFang-Regular",
        "FandolKai-Regular",
        "FandolHei-Regular",
        "FandolSong-Regular",
        "FandolSong-Bold",
    }


def test_text_round_trips(sample: Sample) -> None:
    text = squash(run("pdftotext", str(sample.path), "-"))
    assert TITLE in text
    assert "一、总体情况" in text and "（一）主动公开" in text
    assert PARA in text
    assert f"第{ROWS}项申请办理情况" in text
    assert "三、存在的主要问题及改进情况" in text


def test_pdfinfo_tagged_title_a4(sample: Sample) -> None:
    info = run("pdfinfo", str(sample.path))
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == TITLE
    assert fields["Author"] == AUTHOR
    assert fields["Page size"].endswith("(A4)")
    assert "2022" in fields["CreationDate"] and "Jan 20" in fields["CreationDate"]
    assert 3 <= int(fields["Pages"]) <= 5
    reader = PdfReader(io.BytesIO(sample.pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert bool(root["/MarkInfo"]["/Marked"])
    struct = run("pdfinfo", "-struct", str(sample.path))
    for tag in ("H1", "H2", "H3", "P", "Table", "TH", "TD", "Caption"):
        assert re.search(rf"^\s*{tag}\b", struct, re.M), tag


def test_bookmarks_are_the_parts(sample: Sample) -> None:
    reader = PdfReader(io.BytesIO(sample.pdf))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [
        "一、总体情况",
        "二、收到和处理政府信息公开申请情况",
        "三、存在的主要问题及改进情况",
    ]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert nested and nested[0][0].title == "（一）主动公开"


def test_rendering_is_deterministic(renderer: PdfRenderer, site: Path, sample: Sample) -> None:
    assert renderer.render(sample_html(), site, [site]) == sample.pdf
    assert PdfRenderer().render(sample_html(), site, [site]) == sample.pdf


def test_thead_repeats_on_every_table_page(sample: Sample) -> None:
    pages = len(PdfReader(io.BytesIO(sample.pdf)).pages)
    table_pages = [
        n for n in range(1, pages + 1) if "申请办理情况" in squash(page_text(sample.path, n))
    ]
    assert len(table_pages) >= 2, table_pages
    for n in table_pages:
        assert HEADER_CELL in squash(page_text(sample.path, n)), n


def test_body_page_follows_the_grid(sample: Sample) -> None:
    """Page 2 is all body text: 22 lines of at most 28 characters (GB/T 9704)."""
    lines = [squash(line) for line in page_text(sample.path, 2, layout=True).splitlines()]
    lines = [line for line in lines if line]
    body, number = lines[:-1], lines[-1]
    assert re.fullmatch(r"—2—", number)
    assert len(body) == 22, body
    assert max(len(line) for line in body) == 28


def test_page_numbers_odd_right_even_left(sample: Sample) -> None:
    bbox = run("pdftotext", "-bbox", "-f", "1", "-l", "2", str(sample.path), "-")
    pages = bbox.split("<page ")[1:]
    width = 595.28
    for n, page in enumerate(pages, start=1):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)
        number = [
            float(x) for x, y, w in words if w == str(n) and float(y) > 742
        ]  # below text block
        assert len(number) == 1, words[-4:]
        if n % 2:
            assert number[0] > width / 2
        else:
            assert number[0] < width / 2


def test_rare_character_falls_back_to_noto(
    renderer: PdfRenderer, site: Path, tmp_path: Path
) -> None:
    # 堃 and 喆 are not in GB2312, hence not in Fandol.
    path = tmp_path / "rare.pdf"
    path.write_bytes(renderer.render(tiny_html("<p>张堃、李喆</p>"), site, [site]))
    names = {line.split()[0].split("+")[1] for line in run("pdffonts", str(path)).splitlines()[2:]}
    assert "Noto-Serif-CJK-SC" in names
    assert not [n for n in names if "DejaVu" in n or "PL" in n]
    assert "张堃、李喆" in squash(run("pdftotext", str(path), "-"))


# --------------------------------------------------------------------- sandbox

SECRET = "gkgen-secret-9f3c1e"


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A file outside the site, with a marker that must never reach a PDF."""
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


@pytest.mark.parametrize(
    "fragment",
    [
        '<img src="file:///etc/passwd" alt="x">',
        '<img src="{secret}" alt="x">',
        '<img src="../outside/secret.png" alt="x">',
        '<img src="escape.png" alt="x">',  # symlink inside the site pointing out of it
        '<link rel="attachment" href="{secret}">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<div style="background: url(file:///etc/passwd)">x</div>',
        '<object data="{secret}" type="image/png"></object>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        '<image href="file:///etc/passwd" width="9" height="9"/></svg>',
        "<style>@font-face {{ font-family: X; src: url({secret}); }} p {{ font-family: X }}</style>",
    ],
)
def test_file_urls_outside_the_site_fail_the_render(
    renderer: PdfRenderer, tmp_path: Path, outside: Path, fragment: str
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "escape.png").symlink_to(outside)
    html = tiny_html(fragment.format(secret=outside.as_uri()))
    with pytest.raises(PdfSecurityError) as info:
        renderer.render(html, site, [site])
    assert SECRET not in str(info.value)


def test_file_link_is_not_fetched(renderer: PdfRenderer, tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    html = tiny_html(
        f'<p><a href="file:///etc/passwd">密码文件</a> <a href="{outside.as_uri()}">秘密</a></p>'
    )
    pdf = renderer.render(html, site, [site])
    everything = pdf + decompressed_streams(pdf)
    assert SECRET.encode() not in everything
    assert b"root:x:0:0" not in everything
    assert "密码文件" in squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


def test_images_inside_the_site_are_embedded(renderer: PdfRenderer, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>'
    (site / "img" / "chart.svg").write_text(svg)
    pdf = renderer.render(tiny_html('<img src="img/chart.svg" alt="图表">'), site, [site])
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(PdfResourceError):
        renderer.render(tiny_html('<img src="img/missing.png" alt="缺">'), site, [site])


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def http_server() -> Iterator[tuple[str, list[str]]]:
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "fragment",
    [
        '<img src="{base}/logo.png" alt="x">',
        '<link rel="stylesheet" href="{base}/style.css">',
        '<div style="background: url({base}/bg.png)">x</div>',
    ],
)
def test_http_is_never_fetched(
    renderer: PdfRenderer, site: Path, http_server: tuple[str, list[str]], fragment: str
) -> None:
    base, requests = http_server
    with pytest.raises(PdfSecurityError):
        renderer.render(tiny_html(fragment.format(base=base)), site, [site])
    assert requests == []


def test_missing_title_is_refused(renderer: PdfRenderer, site: Path) -> None:
    html = '<html lang="zh-CN"><head></head><body><main><p>正文</p></main></body></html>'
    with pytest.raises(PdfError, match="title"):
        renderer.render(html, site, [site])


def test_fonttools_fallback_is_an_error(
    renderer: PdfRenderer, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.pdf.fonts
    import weasyprint.text.ffi

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    with pytest.raises(PdfFontError, match="harfbuzz"):
        PdfRenderer()
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    with pytest.raises(PdfFontError, match="fontTools"):
        renderer.render(tiny_html(""), site, [site])


def test_fandol_dir_is_found() -> None:
    directory = fonts.find_fandol_dir()
    assert (directory / "FandolFang-Regular.otf").is_file()
    css = fonts.font_face_css()
    assert css.count("@font-face") == len(fonts.FONT_FACES)
    assert '"GK FangSong"' in css and "FandolFang-Regular.otf" in css

"""Narrative Markdown to safe HTML: CommonMark + tables, no author HTML, vetted links and images.

Author text can never run anything: raw HTML is shown as text, links may only be
http(s), mailto or relative (any other link keeps its text only), and an image must be a
picture file inside the site's content folder (anything else is shown as its alt text,
with an F9 finding that says why). ``gkgen check`` runs the same image vetting
(``image_findings``), so check and build report the same images.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from gkgen.findings import Finding, Pos

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TOP_LEVEL = 3  # the parts are <h2>; an author's first heading level becomes <h3>


def link_allowed(url: str) -> bool:
    """A link target an author may use: http(s), mailto, or a relative reference."""
    text = url.strip()
    if any(ord(ch) < 0x20 for ch in text):
        return False
    m = _SCHEME.match(text)
    return m is None or m.group(1).lower() in LINK_SCHEMES


def is_relative(url: str) -> bool:
    """True for a relative reference (no scheme, no host, no absolute path)."""
    return not _SCHEME.match(url.strip()) and not url.strip().startswith(("/", "\\"))


def _any_url(url: str) -> bool:
    return True


def _engine() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    # Every link and image is parsed as one (so a refused image is reported, not left as
    # Markdown source); _vet_inline then drops refused link targets and images.
    md.validateLink = _any_url  # type: ignore[method-assign]
    return md


_MD = _engine()


@dataclass
class MarkdownResult:
    """HTML of one part, the site files its images use, and what the author should know."""

    html: str
    images: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Context:
    source: Path  # the Markdown file (for finding positions and relative image paths)
    content_root: Path
    for_print: bool
    result: MarkdownResult


def render_markdown(text: str, source: Path, content_root: Path, *,
                    for_print: bool = False) -> MarkdownResult:
    """The part's Markdown (already quoted by Jinja) as HTML."""
    result = MarkdownResult("")
    tokens = _vetted(text, _Context(source, content_root.resolve(), for_print, result))
    _shift_headings(tokens)
    result.html = _MD.renderer.render(tokens, _MD.options, {})
    result.html = _wrap_tables(result.html)
    return result


def image_findings(text: str, source: Path, content_root: Path) -> list[Finding]:
    """The F9 findings render_markdown gives for the part's images (without rendering it)."""
    if "![" not in text:  # every Markdown image starts so: nothing to vet
        return []
    result = MarkdownResult("")
    _vetted(text, _Context(source, content_root.resolve(), False, result))
    return result.findings


def _vetted(text: str, ctx: _Context) -> list[Token]:
    tokens = _MD.parse(text)
    for tok in tokens:
        if tok.type == "inline" and tok.children:
            tok.children = _vet_inline(tok.children, tok.map, ctx)
    return tokens


def _shift_headings(tokens: Sequence[Token]) -> None:
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    shift = TOP_LEVEL - min(levels)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = _HEADINGS[min(5, int(tok.tag[1]) - 1 + shift)]


def _vet_inline(children: list[Token], lines: list[int] | None, ctx: _Context) -> list[Token]:
    out: list[Token] = []
    line = (lines[0] + 1) if lines else 0
    kept: list[bool] = []  # per open link: whether it stays a link
    for tok in children:
        if tok.type in ("softbreak", "hardbreak") and line:
            line += 1
        if tok.type == "image":
            out.extend(_vet_image(tok, Pos(ctx.source, line, 1), ctx))
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            # In the PDF a relative link would point into the author's disk: text only.
            kept.append(link_allowed(href) and not (ctx.for_print and is_relative(href)))
            out.append(tok if kept[-1] else _span("<span>"))
        elif tok.type == "link_close":
            out.append(tok if kept.pop() else _span("</span>"))
        else:
            out.append(tok)
    return out


def _span(html: str) -> Token:
    span = Token("html_inline", "", 0)
    span.content = html
    return span


def _vet_image(tok: Token, pos: Pos, ctx: _Context) -> list[Token]:
    src = str(tok.attrs.get("src", ""))
    problem, path = _image_problem(src, ctx)
    if path is not None:
        ctx.result.images.append(path)
        return [tok]
    alt = "".join(c.content for c in tok.children or [])
    ctx.result.findings.append(Finding(
        "F9", f"图片“{src}”{problem}，已改为显示其说明文字。", pos,
        hint="图片只能引用站点 content 目录中的 PNG、JPEG、GIF 或 WebP 文件，并使用相对路径，"
             "例如 ![组织机构图](images/org.png)。"))
    text = Token("text", "", 0)
    text.content = f"［图片：{alt}］" if alt else "［图片］"
    return [text]


def _image_problem(src: str, ctx: _Context) -> tuple[str, Path | None]:
    if not is_relative(src) or urlsplit(src).query or urlsplit(src).fragment:
        return "不是站点内的相对路径", None
    target = (ctx.source.parent / unquote(src)).resolve()
    if not target.is_relative_to(ctx.content_root):
        return "位于站点 content 目录之外", None
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return "不是支持的图片格式", None
    if not target.is_file():
        return "不存在", None
    return "", target


def _wrap_tables(html: str) -> str:
    # A wide author table scrolls inside a focusable region instead of the whole page.
    return (html.replace("<table>", '<div class="table-scroll" role="region" tabindex="0" '
                                    'aria-label="表格（可横向滚动）"><table>')
                .replace("</table>", "</table></div>"))

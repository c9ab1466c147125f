"""Narrative Markdown to safe HTML: CommonMark + tables, no author HTML, vetted links and images.

Author text can never run anything: raw HTML is shown as text (with an F10 warning), links
may only be http(s), mailto or relative (any other link keeps its text only, with an F10
warning), and an image must be a picture file inside the site's content folder, by its bytes
as well as its name (anything else is shown as its alt text, with an F9 finding that says
why). No report holds code: indented or fenced blocks and backticks are plain paragraphs and
text. ``gkgen check`` runs the same vetting (``markup_findings``), so check and build agree.
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
    # A paragraph indented with a Tab or four spaces is still a paragraph: no report has code.
    md.disable(["code", "fence", "backticks"])
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
    lines: list[str] = field(default_factory=list)

    def column(self, line: int, needle: str, back: str = "") -> int:
        """The 1-based column of needle on line (back: rather the last back before it), else 1."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        at = text.find(needle)
        if at >= 0 and back:
            at = max(text.rfind(back, 0, at), 0)
        return at + 1 if at >= 0 else 1


def render_markdown(text: str, source: Path, content_root: Path, *,
                    for_print: bool = False) -> MarkdownResult:
    """The part's Markdown (already quoted by Jinja) as HTML."""
    result = MarkdownResult("")
    tokens = _vetted(text, _Context(source, content_root.resolve(), for_print, result))
    _shift_headings(tokens)
    result.html = _MD.renderer.render(tokens, _MD.options, {})
    result.html = _wrap_tables(result.html)
    return result


def markup_findings(text: str, source: Path, content_root: Path) -> list[Finding]:
    """The F9 and F10 findings render_markdown gives for the part (without rendering it)."""
    if "![" not in text and "](" not in text and "<" not in text and "]:" not in text:
        return []  # no image, link or tag: nothing to vet
    result = MarkdownResult("")
    _vetted(text, _Context(source, content_root.resolve(), False, result))
    return result.findings


def _vetted(text: str, ctx: _Context) -> list[Token]:
    tokens = _MD.parse(text)
    ctx.lines = lines = text.split("\n")
    for tok in tokens:
        if tok.type == "inline" and tok.children:
            tok.children = _vet_inline(tok.children, tok.map, ctx)
            if not ctx.for_print:  # the web rendering reports; the print one says the same
                _tags(tok, lines, ctx)
    return tokens


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


def _tags(tok: Token, lines: list[str], ctx: _Context) -> None:
    """F10 for the first HTML tag of a paragraph: it is shown as text, not applied."""
    if tok.map is None or "<" not in tok.content:
        return
    for i in range(tok.map[0], min(tok.map[1], len(lines))):
        m = _TAG.search(lines[i])
        if m:
            tag = m.group(0) if len(m.group(0)) <= 30 else m.group(0)[:30] + "…"
            ctx.result.findings.append(Finding(
                "F10", f"正文中的网页代码“{tag}”不会生效，会按原样显示为文字。", Pos(ctx.source, i + 1, m.start() + 1),
                hint="正文只能用 Markdown 写法：加粗写作 **文字**，小标题写作 ### （一）…；删除网页代码。"))
            return


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
            src = str(tok.attrs.get("src", ""))
            out.extend(_vet_image(tok, Pos(ctx.source, line, ctx.column(line, f"]({src}", "![")), ctx))
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            allowed = link_allowed(href) and not _off_site(href)
            if not allowed and not ctx.for_print:
                _refused_link(href, Pos(ctx.source, line, ctx.column(line, f"]({href}", "[")), ctx)
            # In the PDF any link without a scheme (relative, /etc/passwd, //host/share) would
            # become a file: link into the reader's disk: text only.
            kept.append(allowed and not (ctx.for_print and not _SCHEME.match(href.strip())))
            out.append(tok if kept[-1] else _span("<span>"))
        elif tok.type == "link_close":
            out.append(tok if kept.pop() else _span("</span>"))
        else:
            out.append(tok)
    return out


def _off_site(url: str) -> bool:
    """An absolute path or network path (/etc/passwd, //host/share, \\\\host): not on this site."""
    return not _SCHEME.match(url.strip()) and url.strip().startswith(("/", "\\"))


def _refused_link(href: str, pos: Pos, ctx: _Context) -> None:
    shown = href if len(href) <= 60 else href[:60] + "…"
    ctx.result.findings.append(Finding(
        "F10", f"链接“{shown}”不允许使用，网页和 PDF 中只保留链接文字。", pos,
        hint="链接只能是 http、https、mailto 地址，或站点内的相对路径（如 ../2021/index.html）；"
             "不能指向本机文件（file:、以“/”开头的路径）或共享文件夹（//主机/…）。"))


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
    kind = sniff_image(target)
    if kind is None:
        return f"的内容不是图片（文件名是 {target.suffix}，内容却不是 PNG、JPEG、GIF 或 WebP）", None
    return "", target


_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"),
          (b"GIF89a", "gif"))


def sniff_image(path: Path) -> str | None:
    """The picture format of a file by its first bytes (PNG, JPEG, GIF, WebP), or None."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "webp" if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else None


def _wrap_tables(html: str) -> str:
    # A wide author table scrolls inside a focusable region instead of the whole page.
    return (html.replace("<table>", '<div class="table-scroll" role="region" tabindex="0" '
                                    'aria-label="表格（可横向滚动）"><table>')
                .replace("</table>", "</table></div>"))

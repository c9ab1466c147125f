"""An import gathered in memory: the report folder's files and the log, nothing written yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gkgen.content.scaffold import body_yaml, table_yaml
from gkgen.findings import Number
from gkgen.format import Edition
from gkgen.format import edition as get_edition
from gkgen.format.parts import PARTS
from gkgen.importer.bodies import (
    guess_level,
    level_note,
    pinyin_slug,
    safe_slug,
    site_bodies,
    unsafe_reason,
)
from gkgen.importer.cells import is_number
from gkgen.importer.dates import publication
from gkgen.importer.detect import Guess, TitleFacts, detect_edition, detect_year, read_title
from gkgen.importer.doc import Block, Document, Flat, Grid, Para
from gkgen.importer.files import report_yaml
from gkgen.importer.log import Found, ImportLog, LabelNote, render
from gkgen.importer.narrative import is_prose, to_markdown, trim_tail
from gkgen.importer.orphans import place
from gkgen.importer.parts import Split
from gkgen.importer.runin import split_parts
from gkgen.importer.tables import place_table, votes

LOG_NAME = "import-log.md"


class Unresolved(Exception):
    """Something the source does not say and no option gave; the message asks for the option."""


class ReportExists(Exception):
    """The report folder already holds a report and --force was not given."""


@dataclass
class Options:
    body: str | None = None
    year: int | None = None
    edition: str | None = None
    name: str | None = None
    force: bool = False


@dataclass
class Plan:
    folder: Path
    files: dict[Path, str]
    log: ImportLog
    values: dict[str, Number | None] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)
    parts_found: list[int] = field(default_factory=list)  # parts whose heading the source prints


def _edition(doc: Document, opts: Options, log: ImportLog, year: int) -> Edition:
    if opts.edition:
        log.found["格式版本"] = Found(opts.edition, "命令行 --edition")
        return get_edition(opts.edition)
    guess = detect_edition(doc.blocks)
    by_year = "2021" if year >= 2021 else "2019" if year >= 2019 else None
    if guess.value is None and by_year is None:
        raise Unresolved(f"无法判断格式版本：{guess.how}，{year} 年早于两个版本的格式。"
                         "请用 --edition 2021 或 --edition 2019 指定。")
    if guess.value is None:
        assert by_year is not None
        name = get_edition(by_year).name
        log.found["格式版本"] = Found(by_year, f"{guess.how}；按年度判断：{year} 年度报告只能用{name}")
        return get_edition(by_year)
    if by_year and guess.value != by_year:
        log.notes.append(f"表格的标签属于 {guess.value} 版，但 {year} 年度报告应使用 {by_year} 版"
                         f"（{get_edition(by_year).name}），按表格导入；如有误请用 --edition 指定。")
    log.found["格式版本"] = Found(guess.value, guess.how)
    return get_edition(guess.value)


def _title(doc: Document, split: Split) -> TitleFacts:
    lines = [doc.title or ""] + [b.text for b in split.before if isinstance(b, Para)][:40]
    return read_title([t for t in lines if t])


def _year(title: TitleFacts, split: Split, opts: Options, log: ImportLog) -> int:
    if opts.year:
        log.found["年度"] = Found(str(opts.year), "命令行 --year")
        return opts.year
    texts = [b.text for blocks in (split.before, split.parts.get(1, [])) for b in blocks
             if isinstance(b, Para)]
    guess: Guess = detect_year(title, texts)
    if guess.value is None:
        raise Unresolved(f"无法确定报告年度：{guess.how}。请用 --year 指定，例如 --year 2021。")
    log.found["年度"] = Found(guess.value, guess.how)
    return int(guess.value)


def _body(content: Path, title: TitleFacts, opts: Options, log: ImportLog) -> tuple[str, str | None]:
    name = opts.name or title.name
    if opts.name:
        log.found["机关名称"] = Found(opts.name, "命令行 --name")
    elif title.name:
        log.found["机关名称"] = Found(title.name, title.how or f"标题“{title.title}”")
    if opts.body:
        if safe_slug(opts.body) is None:
            raise Unresolved(f"--body “{opts.body}”不是有效的机关目录名：{unsafe_reason(opts.body)}。"
                             "例如 --body czj。")
        log.found["机关目录"] = Found(opts.body, "命令行 --body")
        return opts.body, name
    bodies = list(site_bodies(content))
    for slug, body_name in bodies:
        if name and body_name == name:
            log.found["机关目录"] = Found(slug, f"站点中已有的机关“{name}”")
            return slug, name
    taken = {p.name for p in content.iterdir()} if content.is_dir() else set()
    derived = pinyin_slug(name, taken) if name else None
    if derived:
        slug = derived
        log.found["机关目录"] = Found(slug, f"新机关，按名称“{name}”的拼音命名（可用 --body 另行指定）")
        return slug, name
    said = f"（来源中的机关名称为“{name}”，站点中没有这个机关）" if name else "（来源中没有机关名称）"
    raise Unresolved(f"无法确定写入哪个机关目录{said}。请用 --body 指定机关目录名。{_choices(bodies)}")


def _choices(bodies: list[tuple[str, str]]) -> str:
    new = "新机关请另取一个目录名（字母、数字和连字符），并用 --name 给出机关全称。"
    if not bodies:
        return f"站点中还没有机关目录；{new}"
    listed = "；".join(f"{slug}（{name}）" for slug, name in bodies)
    return f"站点中已有的机关目录：{listed}。{new}"


def _table_blocks(split: Split, part: int, table: str, edition: str, by_space: bool) -> list[Block]:
    blocks: list[Block] = [b for b in split.parts.get(part, []) if isinstance(b, Grid | Flat)]
    if blocks:  # with the rows printed as lines ("行政许可 97") of the same part
        return [row_line(b) or b for b in split.parts.get(part, [])
                if isinstance(b, Grid | Flat) or row_line(b)]
    if not split.headings:  # no part headings at all: recognise the tables by their labels
        return [b for blocks in split.parts.values() for b in blocks if isinstance(b, Grid | Flat)
                and votes(edition, table, b) >= 3] or [b for b in split.before if isinstance(
                    b, Grid | Flat) and votes(edition, table, b) >= 3]
    paras = [b.text for b in split.parts.get(part, []) if isinstance(b, Para)]
    tokens = [t for p in paras for t in (p.split() if by_space else [p])]
    return [Flat(tokens)] if tokens else []  # cells as lines (copied text) or rows as lines (PDF)


def row_line(block: Block) -> Grid | None:
    """A paragraph that is a table row printed as one line: a label, then only numbers."""
    if not isinstance(block, Para) or len(block.text) > 120:
        return None
    words = block.text.split()
    cut = next((i for i, w in enumerate(words) if is_number(w)), len(words))
    if 0 < cut < len(words) and all(is_number(w) for w in words[cut:]):
        return Grid([[" ".join(words[:cut]), *words[cut:]]])
    return None


def _narratives(split: Split, edition: Edition, log: ImportLog,
                name: str | None) -> tuple[dict[int, str], str | None]:
    narrative = [p.number for p in edition.parts if p.table is None]
    last = max(split.parts) if split.parts else 0
    out: dict[int, str] = {}
    signed = None
    placed = place(split, edition, log.notes)
    for number in narrative:
        blocks = placed.get(number, []) + list(split.parts.get(number, []))
        heading = edition.parts[number - 1].heading
        if number == 1:
            blocks = _intro(split, log) + blocks
        if number == last:
            blocks, signed = trim_tail(blocks, log.notes, name)
        if number not in split.headings:
            log.notes.append(f"来源中没有找到「{heading}」" + ("。" if blocks else "，该部分留空。"))
        out[number] = to_markdown(blocks, split.levels.get(number, 0), log.notes, f"「{heading}」")
    return out, signed


def _intro(split: Split, log: ImportLog) -> list[Block]:
    """Prose paragraphs just before 一、总体情况 (a report's preface) belong to part 一."""
    before = split.before
    i = len(before)
    while i > 0 and is_prose(before[i - 1]):
        i -= 1
    dropped = [b.text for b in before[:i] if isinstance(b, Para)]
    if dropped:
        log.notes.append(f"「{PARTS[0].heading}」之前的 {len(dropped)} 段网页文字（标题、导航等）未写入正文。")
    if i < len(before):
        log.notes.append(f"「{PARTS[0].heading}」之前的 {len(before) - i} 段正文（前言）已并入第一部分。")
    return before[i:]


def _keep_text(files: dict[Path, str], paths: list[Path], log: ImportLog) -> None:
    """A source with tables only (Excel) leaves the report's existing text and settings alone."""
    kept = [p for p in paths if p.is_file()]
    for p in kept:
        del files[p]
    if kept:
        log.notes.append("来源只有统计表：" + "、".join(p.name for p in kept) + " 已存在，保持原样，未改动。")


def plan_import(source: Path, doc: Document, content: Path, opts: Options) -> Plan:
    """Every file of the imported report and the log; raises Unresolved or ReportExists."""
    log = ImportLog(source, doc.source_kind, notes=list(doc.notes))
    split = split_parts(doc.blocks)
    if split.run_in:
        log.notes.append(f"来源中有 {split.run_in} 个部分标题与正文连在同一段里（整篇报告排成一段或一行），"
                         "已在这些标题处分段。")
    for h in split.headings.values():
        if h.how:
            log.label(LabelNote("部分标题", h.text, h.part.heading, h.how))
    title = _title(doc, split)
    year = _year(title, split, opts, log)
    edition = _edition(doc, opts, log, year)
    slug, name = _body(content, title, opts, log)
    folder = content / slug / str(year)
    if folder.is_dir() and any(folder.iterdir()) and not opts.force:
        raise ReportExists(str(folder))
    files: dict[Path, str] = {}
    if not (content / slug / "body.yaml").is_file():
        if not name:
            raise Unresolved(f"“{slug}”是新机关，来源标题中没有机关名称。请用 --name 指定机关全称。")
        level, why = guess_level(name)
        files[content / slug / "body.yaml"] = body_yaml(name, level)
        log.found["机关层级"] = Found(level, why)
        log.notes.append(level_note(slug, level, why))
    values: dict[str, Number | None] = {}
    for part in edition.parts:
        if part.table:
            blocks = _table_blocks(split, part.number, part.table, edition.key, doc.cells_by_space)
            values.update(place_table(edition.key, part.table, blocks, log))
            files[folder / part.filename] = table_yaml(
                edition, edition.table(part.table), values,
                f"由 gkgen import 从 {source.name} 导入；留空的单元格见 {LOG_NAME}。")
    narratives, signed = _narratives(split, edition, log, name)
    for number, text in narratives.items():
        files[folder / edition.parts[number - 1].filename] = text
    chrome = [b.text for b in split.before if isinstance(b, Para)]
    published = publication(doc.meta, chrome, signed, log.notes)
    if published:
        log.found["发布日期"] = published
    files[folder / "report.yaml"] = report_yaml(edition, year, published, title.title, source.name)
    if doc.tables_only:
        _keep_text(files, [folder / "report.yaml", *(folder / p.filename for p in edition.parts
                                                     if p.table is None)], log)
    files[folder / LOG_NAME] = render(log)
    return Plan(folder, files, log, values, narratives, sorted(split.headings))

"""Importing many files at once: every file read first, then each body's years in order (so a
new body is created once and last year's report is there for the Y checks), one outcome each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from gkgen.build.output import WouldOverwrite
from gkgen.i18n import os_error_zh
from gkgen.importer.doc import Document
from gkgen.importer.plan import Options, Plan, ReportExists, Unresolved, plan_import
from gkgen.importer.sources import SUFFIXES, SourceError, read_document, shown

MAX_FILES = 5000


@dataclass
class Outcome:
    source: Path
    plan: Plan | None = None
    error: str = ""
    exists: bool = False  # the report is there, or writing failed: exit 1, not 2


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The files to import: files as given, folders by their importable files (sorted)."""
    files: list[Path] = []
    bad: list[Outcome] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.is_file():
            files.append(p)
        else:
            bad.append(Outcome(p, error=f"文件 {shown(p)} 不存在。"))
    return files[:MAX_FILES], bad


def _order(docs: list[tuple[Path, Document]], content: Path) -> list[tuple[Path, Document]]:
    """Each body's reports oldest first; files whose body or year cannot be told keep their place."""
    keys: dict[Path, tuple[str, int]] = {}
    for path, doc in docs:
        try:
            plan = plan_import(path, doc, content, Options(force=True))
            keys[path] = (plan.log.found.get("机关名称", plan.log.found["机关目录"]).value,
                          int(plan.folder.name))
        except (Unresolved, ReportExists, SourceError, ValueError, KeyError, RecursionError):
            continue
    return sorted(docs, key=lambda d: keys.get(d[0], ("", 0)))


def import_paths(paths: Iterable[Path], content: Path, opts: Options, write: bool = True,
                 before_write: Callable[[], None] | None = None) -> list[Outcome]:
    """Import every file; never raises for a bad file (its outcome says why)."""
    files, outcomes = expand(paths)
    docs: list[tuple[Path, Document]] = []
    for path in files:
        try:
            docs.append((path, read_document(path)))
        except SourceError as exc:
            outcomes.append(Outcome(path, error=str(exc)))
    ordered = _order(docs, content) if len(docs) > 1 else docs
    for path, doc in ordered:
        out = _one(path, doc, content, opts, write, before_write)
        outcomes.append(out)
        if out.plan is not None:
            before_write = None  # done once
    return outcomes


def _one(path: Path, doc: Document, content: Path, opts: Options, write: bool,
         before_write: Callable[[], None] | None) -> Outcome:
    try:
        plan = plan_import(path, doc, content, opts)
        if write:
            if before_write:
                before_write()
            from gkgen import importer  # looked up at call time: tests replace it

            importer.write_plan(plan, opts.force)
        return Outcome(path, plan)
    except (Unresolved, SourceError) as exc:
        return Outcome(path, error=str(exc))
    except (ReportExists, WouldOverwrite) as exc:
        return Outcome(path, error=f"报告已存在，未做任何修改：{exc}（确需覆盖请加 --force）", exists=True)
    except OSError as exc:
        return Outcome(path, error=f"{exc.filename or content}：{os_error_zh(exc)}。", exists=True)
    except RecursionError:
        return Outcome(path, error="文件结构嵌套过深，无法导入。")


def one_line(plan: Plan) -> str:
    """The summary line of one imported report: body, year, cells read / left blank, parts."""
    found = plan.log.found
    cells = [v for v in plan.values.values()]
    read = sum(v is not None for v in cells)
    parts = "".join("一二三四五六"[n - 1] for n in plan.parts_found) or "无"
    body = found.get("机关名称", found.get("机关目录"))
    return (f"{body.value if body else plan.folder.parent.name} {plan.folder.name} 年 → "
            f"{plan.folder.parent.name}/{plan.folder.name}；单元格读出 {read} 格、留空 {len(cells) - read} 格；"
            f"找到部分标题：{parts}")

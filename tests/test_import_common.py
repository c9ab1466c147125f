"""Helpers shared by the import tests, and unit tests of the importer's small pieces."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from gkgen.cli.main import main
from gkgen.content.load import load_site
from gkgen.content.new import SITE_YAML
from gkgen.content.quote import render_part
from gkgen.content.scaffold import table_yaml
from gkgen.content.totals import fill_totals
from gkgen.findings import Finding, Number
from gkgen.format import edition
from gkgen.importer.labels import label_index
from gkgen.importer.narrative import escape
from gkgen.importer.normalize import fix_radicals, key, number
from gkgen.model import Report

FIXTURES = Path(__file__).parent / "fixtures" / "import"
_MD = MarkdownIt("commonmark").enable("table")


@contextmanager
def cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run(site: Path, *args: str) -> Any:
    """`gkgen <args>` run in-process inside site (created empty when missing)."""
    site.mkdir(parents=True, exist_ok=True)
    with cwd(site):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


def empty_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return root


def report(root: Path, slug: str, year: int) -> Report:
    return load_site(root).site.bodies[slug].reports[year]


def typed(root: Path, slug: str, year: int) -> dict[str, Number | None]:
    """Every official cell of a report: its typed value, or None (blank or not typed)."""
    r = report(root, slug, year)
    return {c: (r.values[c].value if c in r.values and r.values[c].typed else None)
            for c in r.edition.cells}


def shown(root: Path, slug: str, year: int) -> dict[str, Number | None]:
    """Every cell as the built report shows it: typed or computed."""
    r = report(root, slug, year)
    return {c: r.number(c) for c in r.edition.cells}


def blocks(markdown: str) -> list[tuple[str, str]]:
    """A Markdown text as the reader sees it: (kind, text) per block, list numbers written out."""
    out: list[tuple[str, str]] = []
    kind, counters = "p", [0]
    for tok in _MD.parse(markdown):
        if tok.type == "ordered_list_open":
            counters.append(int(str(tok.attrs.get("start", 1))) - 1)
        elif tok.type == "bullet_list_open":
            counters.append(-1)
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
        elif tok.type == "list_item_open" and counters[-1] >= 0:
            counters[-1] += 1
        elif tok.type == "heading_open":
            kind = "h"
        elif tok.type == "inline":
            text = "".join(ch.content for ch in tok.children or [] if ch.type in ("text", "code_inline"))
            prefix = f"{counters[-1]}." if len(counters) > 1 and counters[-1] >= 0 else (
                "•" if len(counters) > 1 else "")
            out.append((kind, prefix + text))
            kind = "p"
    return out


def rendered(r: Report, part: int) -> list[tuple[str, str]]:
    """A narrative part of a loaded report as its built page shows it (figures filled in)."""
    findings: list[Finding] = []
    text = render_part(r, r.narratives[part], findings)
    assert not findings
    return blocks(text)


def write_figures(folder: Path, edition_key: str, values: dict[str, Number | None]) -> None:
    """Overwrite a report's three table files with values (totals computed when absent)."""
    ed = edition(edition_key)
    numbers = {k: v for k, v in values.items()}
    fill_totals(ed, numbers)
    for part in ed.parts:
        if part.table:
            (folder / part.filename).write_text(
                table_yaml(ed, ed.table(part.table), numbers), encoding="utf-8")


def copy_example(dst: Path) -> Path:
    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "content", dst / "content")
    return dst


# --- unit tests of the small pieces -------------------------------------------------------

def test_keys_ignore_width_spaces_and_radicals() -> None:
    assert key("商业 企业") == key("商业企业")
    assert key("(二)部分公开(区分处理的,只计这一情形,不计其他情形)") == key(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert key("\u2f8f政处罚") == key("行政处罚")  # Kangxi radical 行
    assert key("1、属于国家秘密") == key("1.属于国家秘密")


def test_radicals_fixed_in_prose_but_punctuation_kept() -> None:
    assert fix_radicals("\u2f08民，（一）") == ("人民，（一）", 1)


@pytest.mark.parametrize(("raw", "value", "grouped"), [
    ("13", Decimal(13), False), (" 13\xa0", Decimal(13), False), ("１３", Decimal(13), False),
    ("1,234", Decimal(1234), True), ("186.52", Decimal("186.52"), False), ("-1", Decimal(-1), False),
    ("1.属于", None, False), ("—", None, False), ("12,34", None, False),
])
def test_numbers(raw: str, value: Decimal | None, grouped: bool) -> None:
    assert number(raw) == (value, grouped)


@pytest.mark.parametrize(("printed", "field_prefix", "how"), [
    ("现行有效件", "t2:in_force", "variant"),
    ("本年发件", "t2:issued", "variant"),
    ("本年收费金额(单位:万元)", "t2:amount", "normalised"),
])
def test_table2_label_variants(printed: str, field_prefix: str, how: str) -> None:
    m = label_index("2021", "t2").match(printed)
    assert m is not None and m.how == how and m.labels[0].ref == field_prefix


@pytest.mark.parametrize(("printed", "row"), [
    ("(二)部分公开(区分处理的,只计这一情况,不计其他情形)", "t3.result.partial"),
    ("5.属于三类内容事务信息", "t3.result.denied.internal"),
    ("属于国家秘密", "t3.result.denied.secret"),
    ("(七)总计", "t3.result.total"),
])
def test_table3_row_variants(printed: str, row: str) -> None:
    m = label_index("2021", "t3").match(printed)
    assert m is not None and m.first("row") is not None and m.first("row").ref == row  # type: ignore[union-attr]


def test_unrelated_text_is_no_label() -> None:
    index = label_index("2021", "t3")
    assert index.match("本年度办理情况良好") is None
    assert index.match("13") is None


@pytest.mark.parametrize("text", [
    "1. 不是列表", "3) 也不是", "# 不是标题", "- 不是列表", "> 不是引用", "a*b*c", "x_y_z",
    "[链接](http://x)", "<span>", "{{ t3.new.total }}", "{% if %}", "&amp; &#1;", "a\\b", "（一）段落",
])
def test_escape_renders_verbatim(text: str) -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    source = ImmutableSandboxedEnvironment().from_string(escape(text)).render()
    assert blocks(source) == [("p", text)]

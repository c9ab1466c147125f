"""Table 4 read by its column labels, not by position: its leaf labels (结果维持 …) repeat under
行政复议, 未经复议直接起诉 and 复议后起诉, so only the label path tells a column. Columns printed
in another order, or a blank column the page adds, still put every figure in its own cell;
a figure in a column without a label leaves the row blank with the reason, never a wrong cell."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_import_common import empty_site, run, typed
from test_import_make import PARTS_TEXT, plain_table, values_for

from gkgen.findings import Number
from gkgen.format import Col, edition
from gkgen.importer.doc import Grid
from gkgen.importer.log import ImportLog
from gkgen.importer.sources.html import read_html
from gkgen.importer.tables import place_table

T4 = edition("2021").table("t4")
BY_PATH = {c.col_labels: c for c in T4.cells}
Node = Col | str  # a column of the page; a str is a column of its own (its header text)


def _reordered(cols: tuple[Col, ...], order: dict[str, list[str]]) -> list[Node]:
    """The official columns with the children of some printed in another order."""
    def one(c: Col) -> Col:
        kids = [one(k) for k in c.children]
        if c.label in order:
            kids = [next(k for k in kids if k.label == label) for label in order[c.label]]
        return Col(c.key, c.label, tuple(kids))
    top = [one(c) for c in cols]
    if "" in order:
        top = [next(c for c in top if c.label == label) for label in order[""]]
    return list(top)


def _depth(nodes: list[Node]) -> int:
    return max((1 + _depth(list(n.children)) if isinstance(n, Col) else 1 for n in nodes), default=0)


def _leaves(node: Node, path: tuple[str, ...] = ()) -> list[tuple[str, ...] | str]:
    if isinstance(node, str):
        return [node]
    here = (*path, node.label)
    return [leaf for k in node.children for leaf in _leaves(k, here)] if node.children else [here]


def page_rows(nodes: list[Node], values: dict[str, Number | None], extra: str = "",
              repeat: bool = True) -> list[list[tuple[str, int, int]]]:
    """Header and data rows as (text, colspan, rowspan); a column of the page's own prints
    extra in the data row. repeat=False gives the rows as a PDF grid has them."""
    depth = _depth(nodes)
    rows: list[list[tuple[str, int, int]]] = [[] for _ in range(depth)]

    def walk(n: Node, level: int) -> None:
        if isinstance(n, str) or not n.children:
            text = n if isinstance(n, str) else n.label
            rows[level].append((text, 1, depth - level))
            return
        rows[level].append((n.label, len(_leaves(n)), 1))
        for k in n.children:
            walk(k, level + 1)
    for n in nodes:
        walk(n, 0)
    data = [(extra if isinstance(p, str) else str(values[BY_PATH[p].id]), 1, 1)
            for n in nodes for p in _leaves(n)]
    return [*rows, data]


def as_html(rows: list[list[tuple[str, int, int]]]) -> str:
    out = ["<table>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td colspan={cs} rowspan={rs}>{html.escape(t)}</td>"
                                    for t, cs, rs in row) + "</tr>")
    return "\n".join(out) + "</table>"


def _place(blocks: list[Grid]) -> tuple[dict[str, Number | None], ImportLog]:
    log = ImportLog(Path("x.html"), "HTML")
    return place_table("2021", "t4", list(blocks), log), log


def _html_grid(rows: list[list[tuple[str, int, int]]]) -> Grid:
    block = read_html(as_html(rows)).blocks[0]
    assert isinstance(block, Grid)
    return block


VALUES = {k: v for k, v in values_for("2021").items() if k.startswith("t4.")}
OFFICIAL = _reordered(T4.blocks[0].cols, {})
SHUFFLED = _reordered(T4.blocks[0].cols, {"": ["行政诉讼", "行政复议"],
                                          "行政诉讼": ["复议后起诉", "未经复议直接起诉"],
                                          "行政复议": ["总计", "结果纠正", "结果维持", "其他结果", "尚未审结"],
                                          "复议后起诉": ["尚未审结", "结果维持", "结果纠正", "其他结果", "总计"]})


@pytest.mark.parametrize("nodes", [OFFICIAL, SHUFFLED], ids=["official-order", "shuffled"])
def test_table4_columns_read_by_label_path(nodes: list[Node]) -> None:
    got, log = _place([_html_grid(page_rows(nodes, VALUES))])
    assert got == VALUES, log.cells
    assert not log.cells


def test_table4_shuffled_in_a_pdf_grid() -> None:
    """A PDF grid prints a cell spanning rows only in its first row."""
    rows = page_rows(SHUFFLED, VALUES)
    grid = Grid([[t for t, _, _ in row] for row in rows])
    assert len(grid.rows[2]) == 10  # the five 行政复议 leaves are printed once, in row 2
    got, log = _place([grid])
    assert got == VALUES and not log.cells
    reads = {r.cell.id: r.col for r in log.reads}
    assert reads["t4.suit.direct.upheld"] == "行政诉讼 未经复议直接起诉 结果维持"


def _filled(rows: list[list[tuple[str, int, int]]]) -> Grid:
    """The rows with every position filled, as a converter writes a pipe table: a span's text
    at its first position, "" at the others."""
    covered: set[tuple[int, int]] = set()
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        line: list[str] = []
        for text, cs, rs in row:
            while (r, len(line)) in covered:
                line.append("")
            covered |= {(r + dr, len(line) + dc) for dr in range(1, rs) for dc in range(cs)}
            line += [text] + [""] * (cs - 1)
        while (r, len(line)) in covered:
            line.append("")
        out.append(line)
    return Grid(out)


@pytest.mark.parametrize("extra", [False, True], ids=["shuffled", "shuffled-with-a-blank-column"])
def test_table4_pipe_table_with_every_position_filled(extra: bool) -> None:
    nodes: list[Node] = [SHUFFLED[0], "", SHUFFLED[1]] if extra else SHUFFLED
    grid = _filled(page_rows(nodes, VALUES))
    assert len({len(r) for r in grid.rows}) == 1
    got, log = _place([grid])
    assert got == VALUES and not log.cells
    official, log = _place([_filled(page_rows(OFFICIAL, VALUES))])
    assert official == VALUES and not log.notes  # no doubt about a header read in full


def test_table4_extra_blank_column() -> None:
    nodes: list[Node] = [SHUFFLED[0], "", SHUFFLED[1]]
    got, log = _place([_html_grid(page_rows(nodes, VALUES))])
    assert got == VALUES and not log.cells


def test_table4_figure_in_a_column_without_label_leaves_the_row_blank() -> None:
    nodes: list[Node] = [SHUFFLED[0], "", SHUFFLED[1]]
    got, log = _place([_html_grid(page_rows(nodes, VALUES, extra="7"))])
    assert all(v is None for v in got.values())
    assert len(log.cells) == 1 and "第 11 格“7”" in log.cells[0].reason
    assert "整行留空" in log.cells[0].reason


@pytest.mark.parametrize("nodes", [OFFICIAL, SHUFFLED], ids=["official-order", "shuffled"])
def test_table4_header_that_fits_no_layout(nodes: list[Node]) -> None:
    """A group label nobody can read: in the official order the figures are read in their
    official places (and the log says so); in another order the row is left blank."""
    rows = page_rows(nodes, VALUES)
    rows[1] = [(t if t != "复议后起诉" else "其他方式", cs, rs) for t, cs, rs in rows[1]]
    got, log = _place([_html_grid(rows)])
    if nodes is OFFICIAL:
        assert got == VALUES
        assert any("表头无法与官方的列逐一对应" in n and "按官方列的顺序读取" in n for n in log.notes)
    else:
        assert all(v is None for v in got.values())
        assert len(log.cells) == 1 and "列的次序与官方不同" in log.cells[0].reason


def test_table4_shuffled_imported_from_a_page(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    ed = edition("2021")
    body = ["<h1>示例县财政局2023年政府信息公开工作年度报告</h1>"]
    for part in ed.parts:
        body.append(f"<h2>{part.heading}</h2>")
        if part.table == "t4":
            body.append(as_html(page_rows([SHUFFLED[0], "", SHUFFLED[1]], values)))
        elif part.table:
            body.append(plain_table(ed.table(part.table), values))
        else:
            body.append(f"<p>{PARTS_TEXT[part.number]}</p>")
    src = tmp_path / "report.html"
    src.write_text("<html><body>" + "".join(body) + "</body></html>", encoding="utf-8")
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "czj")
    assert res.exit_code == 0, res.output
    assert typed(root, "czj", 2023) == values
    log = (root / "content" / "czj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "列“行政诉讼 复议后起诉 尚未审结”" in log

"""The import log: what was found how, and every cell and label the author must look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gkgen.format import Cell


@dataclass(frozen=True)
class CellIssue:
    """Cells left empty (or kept with a doubt) and why, with the placements considered."""

    table: str  # 表二 …
    cells: tuple[Cell, ...]
    reason: str
    candidates: tuple[str, ...] = ()
    blank: bool = False  # the source itself printed nothing there


@dataclass(frozen=True)
class CellRead:
    """Where one cell's value was read: the table, row and column labels as printed, the page."""

    table: str  # 表三
    cell: Cell
    raw: str  # the cell's text as printed
    row: str  # the row labels as printed, outermost first ("" for a table without row headers)
    col: str  # the column label as printed, or the value's place in its row
    page: int | None = None  # PDF page
    flat: bool = False  # read from a flattened table (cell positions lost, values in row order)


@dataclass(frozen=True)
class LabelNote:
    """A label printed differently from the official one."""

    where: str  # 表二 / 部分标题
    source: str
    official: str
    how: str


@dataclass
class Found:
    """One detected fact and how it was found."""

    value: str
    how: str


@dataclass
class ImportLog:
    source: Path
    kind: str = ""
    found: dict[str, Found] = field(default_factory=dict)  # 格式版本, 机关名称, 机关目录, 年度 …
    cells: list[CellIssue] = field(default_factory=list)
    reads: list[CellRead] = field(default_factory=list)
    labels: list[LabelNote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def label(self, note: LabelNote) -> None:
        """Record a differing label once."""
        if note not in self.labels:
            self.labels.append(note)

    def problems(self) -> list[CellIssue]:
        return [c for c in self.cells if not c.blank]

    def blanks(self) -> list[CellIssue]:
        return [c for c in self.cells if c.blank]


def _cells(issue: CellIssue) -> str:
    if len(issue.cells) == 1:
        return issue.cells[0].label
    rows = {" ".join(c.row_labels) for c in issue.cells}
    if len(rows) == 1 and rows != {""}:
        cols = "、".join(c.col_labels[-1] for c in issue.cells)
        return f"「{rows.pop()}」行（{cols}）"
    if len(issue.cells) > 3:
        return f"全部 {len(issue.cells)} 格（{issue.cells[0].label} 至 {issue.cells[-1].label}）"
    return "、".join(c.label for c in issue.cells)


def issue_lines(issue: CellIssue) -> list[str]:
    """An issue as Markdown list lines."""
    lines = [f"- {issue.table} {_cells(issue)}：{issue.reason}"]
    lines += [f"  - 可能：{c}" for c in issue.candidates]
    return lines


def read_line(r: CellRead) -> str:
    """One cell read, as a Markdown list line: its value and where the source prints it."""
    where = [f"第 {r.page} 页的表格" if r.page else "", f"行“{r.row}”" if r.row else "",
             f"列“{r.col}”" if not r.col.startswith("本行") else r.col]
    how = "（表格已展平为文字，按行内顺序对应）" if r.flat else ""
    return f"- {r.table} {r.cell.label} = {r.raw}：" + "，".join(w for w in where if w) + how


def render(log: ImportLog) -> str:
    """The log as a Markdown page (Chinese)."""
    out = ["# 导入记录", "", f"来源文件：{log.source.name}（{log.kind}）", "", "## 识别结果", ""]
    out += [f"- {k}：{f.value}（{f.how}）" for k, f in log.found.items()]
    out += ["", "## 无法读取或无法确定位置的单元格（已留空，请对照原文填写）", ""]
    out += [line for i in log.problems() for line in issue_lines(i)] or ["- 无"]
    out += ["", "## 来源中空白的单元格（已留空；若确为零请填 0）", ""]
    out += [line for i in log.blanks() for line in issue_lines(i)] or ["- 无"]
    out += ["", "## 读出的单元格及其出处", ""]
    out += [read_line(r) for r in log.reads] or ["- 无"]
    out += ["", "## 与官方格式不同的标签", ""]
    out += [f"- {n.where}：“{n.source}” → 「{n.official}」（{n.how}）" for n in log.labels] or ["- 无"]
    out += ["", "## 其他说明", ""]
    out += [f"- {n}" for n in log.notes] or ["- 无"]
    return "\n".join(out) + "\n"


def summary(log: ImportLog) -> list[str]:
    """A short summary for the terminal."""
    lines = [f"{k}：{f.value}（{f.how}）" for k, f in log.found.items()]
    problems, blanks = log.problems(), log.blanks()
    lines.append(f"无法读取或无法确定位置：{sum(len(i.cells) for i in problems)} 格；"
                 f"来源空白：{sum(len(i.cells) for i in blanks)} 格；"
                 f"与官方不同的标签：{len(log.labels)} 个。")
    for issue in problems:
        lines += ["  " + line for line in issue_lines(issue)]
    return lines

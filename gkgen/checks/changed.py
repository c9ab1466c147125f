"""S2: a published report whose figures changed without an entry in its ``changes:`` log.

What it compares against: the report's data.json in the site's published output, ``output/``
(the default of `gkgen build`), for `gkgen check` and every `gkgen build` alike, so that both
say the same whatever folder a build writes to (a preview, a ``--out`` elsewhere). That file is
what readers have seen: the last build's record of the report, with its cells and change log. The
check fires when the report was published in that build (a publication date on or before the
day), a cell now differs from it, and ``changes:`` holds no entry that build did not have.
Once a build publishes the new figures, they are the reference: the warning is given on the
check and the build that change them. A site that has never been built has nothing to compare.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from gkgen.findings import Finding, Pos, fmt
from gkgen.format import edition
from gkgen.region.entry import Entry, cells_of, changes_of
from gkgen.region.view import RegionView

SHOWN = 3


def _old_record(out: Path, key: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((out / key / "data.json").read_bytes(), parse_float=Decimal)
        return data if isinstance(data.get("cells"), dict) else None
    except (OSError, ValueError):
        return None


def _where(report_yaml: Path) -> Pos:
    """The line of changes: (else of published:) in report.yaml."""
    try:
        lines = report_yaml.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Pos(report_yaml, 1, 1)
    for key in ("changes", "published"):
        for i, line in enumerate(lines, 1):
            if re.match(rf"{key}\s*:", line):
                return Pos(report_yaml, i, 1)
    return Pos(report_yaml, 1, 1)


def changed_checks(view: RegionView, out: Path, dirs: dict[str, Path]) -> list[Finding]:
    """S2 for every published report (dirs: each report's folder by key)."""
    found: list[Finding] = []
    for e in view.ordered():
        if not e.report or e.draft or e.published is None or e.published > view.today or not e.cells:
            continue
        old = _old_record(out, e.key)
        if old is None or not old.get("published") or old.get("edition") != e.edition:
            continue
        finding = _compare(e, old, dirs.get(e.key))
        if finding:
            found.append(finding)
    return found


def _compare(e: Entry, old: dict[str, Any], folder: Path | None) -> Finding | None:
    before = cells_of(old)
    moved = [cid for cid, v in e.cells.items() if cid in before and before[cid] != v]
    if not moved or set(e.changes) - set(changes_of(old)) or folder is None:
        return None
    cells = edition(e.edition).cells
    shown = "；".join(f"{cells[c].label}由 {fmt(before[c])} 改为 {fmt(e.cells[c])}" for c in moved[:SHOWN])
    more = f"等 {len(moved)} 处" if len(moved) > SHOWN else ""
    return Finding(
        "S2", f"已发布的报告（{e.published.isoformat() if e.published else ''}发布）表格数字与网站上的不同：{shown}{more}；"
        "report.yaml 的 changes（修改记录）中没有相应的新记录。", _where(folder / "report.yaml"),
        hint="发布后修改报告，应在 report.yaml 中加上修改记录，例如\n"
        "changes:\n  - {date: 修改日期, note: 更正表三某一单元格}\n网页上会显示修改记录。",
        cells=tuple(moved[:SHOWN]), labels=tuple(cells[c].label for c in moved[:SHOWN]))

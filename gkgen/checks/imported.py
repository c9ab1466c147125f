"""I1: text that `gkgen import` could not place in a part, still under its 【导入待核】 marker.

The importer never drops a paragraph it cannot place: it puts it in the most likely part,
after a paragraph starting with MARK. Until the author has moved the text and deleted that
paragraph, every such marker is a finding, so the text is looked at, not only logged.
"""

from __future__ import annotations

from gkgen.findings import Finding, Pos
from gkgen.model import Report, Site

MARK = "【导入待核】"


def check_import_marks(site: Site, report: Report) -> list[Finding]:
    """I1: a 【导入待核】 marker left in a narrative part."""
    out: list[Finding] = []
    for number, part in sorted(report.narratives.items()):
        if part.source is None or MARK not in part.source:
            continue
        heading = report.edition.parts[number - 1].heading
        for line_no, line in enumerate(part.source.splitlines(), start=1):
            column = line.find(MARK)
            if column < 0:
                continue
            out.append(Finding(
                "I1", f"「{heading}」中有导入时无法确定所属部分的文字（标注“{MARK}”），尚未核对。",
                Pos(part.path, line_no, column + 1),
                hint=f"对照原报告，把标注后面的各段移到所属的部分（属于本部分的留下），然后删除以“{MARK}”开头的这一段。"))
    return out

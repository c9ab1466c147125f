"""The single writer of a build: every output file goes into the staging tree once, recorded.

Rendered files arrive as bytes from the tasks (whichever executor ran them), or, from the
workers of this machine, already written into the staging tree (RenderedReport.stored); files unchanged
since the last build are carried over from the old output. The staging tree replaces the
output in one step (gkgen.build.output.Staging) only when the whole build succeeded.
"""

from __future__ import annotations

from pathlib import Path

from gkgen.build.cache import Manifest, ReportEntry, finding_json, intact, output_stat
from gkgen.build.output import Staging
from gkgen.build.plan import Inputs, folder_key
from gkgen.build.result import BuildError
from gkgen.render.report import RenderedReport


class Writer:
    """Puts each output file into the staging tree, once, and records it in the new manifest."""

    def __init__(self, staging: Staging, old: Manifest | None, out: Path, root: Path) -> None:
        self.staging, self.old, self.out, self.root = staging, old, out, root
        self.new = Manifest()
        self.written: list[str] = []
        self.search: dict[str, str] = {}  # report key -> its text for the site search (rendered now)
        self._owner: dict[str, str] = {}
        self._same = staging.out == out  # carried files stay where they are (Staging.keep)

    def _claim(self, rel: str, owner: str) -> None:
        if self._owner.setdefault(rel, owner) != owner:
            raise BuildError(f"两个来源要生成同一个文件：{rel}")

    def write(self, rel: str, data: bytes, owner: str) -> None:
        """A file with new bytes."""
        self._claim(rel, owner)
        self.new.outputs[rel] = _stat(self.staging.write(rel, data))
        self.written.append(rel)

    def adopt(self, rel: str, stat: list[int], owner: str) -> None:
        """A file a local worker wrote into the staging tree, with its [size, mtime_ns]."""
        self._claim(rel, owner)
        self.staging.adopt(rel)
        self.new.outputs[rel] = stat
        self.written.append(rel)

    def carry(self, rel: str, owner: str, verified: bool = False) -> None:
        """A file unchanged since the last build (verified: intact() said so in this build)."""
        self._claim(rel, owner)
        if self._same:
            path = self.staging.keep(rel)
            known = self.old.outputs.get(rel) if verified and self.old else None
            self.new.outputs[rel] = known or _stat(path)
            return
        self.new.outputs[rel] = _stat(self.staging.carry(rel, self.out / rel))

    def can_carry(self, rels: list[str]) -> bool:
        """True when the old output still holds these files as the last build wrote them."""
        return self.old is not None and intact(self.out, self.old, rels)

    def carry_report(self, key: str, entry: ReportEntry, verified: bool = False) -> None:
        """All files of a report that needs no rendering."""
        for rel in entry.files:  # verified: the planner found them intact (carried())
            self.carry(rel, key, verified)
        self.new.reports[key] = entry

    def take(self, inputs: Inputs, rendered: RenderedReport, pdf: bool) -> bool:
        """Write one rendered report; its PDF is carried over when the task could reuse it.

        True when a PDF was rendered anew.
        """
        key = rendered.key
        pdf_rel = f"{key}/report.pdf"
        for rel, data in sorted(rendered.files.items()):
            self.write(rel, data, key)
        for rel, stat in sorted(rendered.stored.items()):
            self.adopt(rel, stat, key)
        rels = sorted([*rendered.files, *rendered.stored])
        made_pdf = pdf_rel in rels
        if (pdf or rendered.pdf_key is not None) and not made_pdf:
            self.carry(pdf_rel, key)
            rels = sorted([*rels, pdf_rel])
        entry = ReportEntry("", rels, pdf_key=rendered.pdf_key)
        self.search[key] = rendered.search
        entry.images = [p.resolve().relative_to(inputs.content).as_posix() for p in rendered.images]
        slug, year = key.split("/")
        entry.key = folder_key(inputs, slug, int(year), entry)  # with the images it used
        entry.findings = [finding_json(f, self.root) for f in rendered.findings]
        self.new.reports[key] = entry
        return made_pdf


def carried(old: Manifest, out: Path, entry: ReportEntry, key: str) -> bool:
    """True when a report needs no rendering: its old entry has the key and its files are intact.

    A report whose last rendering had findings (a missing image, say) is always rendered.
    """
    return entry.key == key and not entry.findings and intact(out, old, entry.files)


def _stat(path: Path | str) -> list[int]:
    stat = output_stat(path)
    assert stat is not None
    return stat

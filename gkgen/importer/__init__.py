"""`gkgen import`: bring an already-published report (HTML, Word, text, PDF) into a site.

Pipeline: sources (file -> Document of paragraphs and tables) -> parts (the six parts)
-> detect (edition, body, year) -> tables (cells placed, never guessed) and narrative
(Markdown) -> plan (files + log, in memory) -> gkgen.build.output writes them.
"""

from __future__ import annotations

from pathlib import Path

from gkgen.importer.plan import LOG_NAME, Options, Plan, ReportExists, Unresolved, plan_import
from gkgen.importer.sources import SourceError, read_document
from gkgen.importer.write import write_plan


def import_file(source: Path, content: Path, opts: Options) -> Plan:
    """Read source and plan the report folder under content; nothing is written."""
    return plan_import(source, read_document(source), content, opts)


__all__ = ["LOG_NAME", "Options", "Plan", "ReportExists", "SourceError", "Unresolved",
           "import_file", "write_plan"]

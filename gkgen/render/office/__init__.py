"""The report in office formats: report.docx (Word) and tables.xlsx (Excel).

Both come from the description the PDF is made from: the report page's context
(gkgen.render.report.report_context: title, the six parts with their official headings,
each part's narrative HTML, signature and date) and the official tables' rows
(gkgen.render.tables.table_layout). Word keeps only the text of links, so the web and print
variants of the narrative give it the same paragraphs. ``office_files`` is render_report's hook.
"""

from __future__ import annotations

from typing import Any

from gkgen.model import Report
from gkgen.render.office.docx import report_docx
from gkgen.render.office.xlsx import report_xlsx

DOCX = "report.docx"
XLSX = "tables.xlsx"


def office_files(report: Report, context: dict[str, Any], folder: str) -> dict[str, bytes]:
    """report.docx and tables.xlsx of one report, keyed by their path in the output."""
    return {f"{folder}/{DOCX}": report_docx(context, report),
            f"{folder}/{XLSX}": report_xlsx(report)}

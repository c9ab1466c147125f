"""The report in office formats: report.docx (Word) and tables.xlsx (Excel).

Both come from the description the print PDF is made from: the print context of the
report page (gkgen.render.report.report_context) and the official tables' rows
(gkgen.render.tables.table_layout). ``office_files`` is render_report's hook.
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

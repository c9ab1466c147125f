"""Open data: every cell of every report under its stable field id (per report JSON, site CSV/JSON).

Field ids come from the format description (``gkgen fields`` lists them), so a column
of the CSV means the same thing in every year. Computed totals are marked as such.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from gkgen.findings import Number
from gkgen.format import Edition
from gkgen.model import Report
from gkgen.render.cellsafe import csv_cell, csv_text

REPORT_SCHEMA = "gkgen.report/1"
SITE_SCHEMA = "gkgen.reports/1"
CSV_COLUMNS = ("body", "body_name", "year", "edition", "table", "field", "label", "value",
               "computed")


def number(v: Number | None) -> int | float | None:
    """A cell value as a JSON number (amounts in 万元 keep their decimals)."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def report_record(report: Report, *, labels: bool = True) -> dict[str, Any]:
    """One report's metadata and every official cell, in the format's order."""
    cells = report.edition.cells
    record: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "body": report.body.slug,
        "body_name": report.body.name,
        "level": report.body.level,
        "region": report.body.region,
        "year": report.year,
        "edition": report.edition.key,
        "edition_name": report.edition.name,
        "title": report.full_title,
        "published": report.published.isoformat() if report.published else None,
        "changes": [{"date": c.date.isoformat(), "note": c.note} for c in report.changes],
        "cells": {cid: number(report.number(cid)) for cid in cells},
        "computed": [cid for cid in cells
                     if cid in report.values and not report.values[cid].typed],
    }
    if labels:
        record["labels"] = {cid: c.label for cid, c in cells.items()}
    return record


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def report_json(report: Report) -> bytes:
    """data.json of one report."""
    return _dump(report_record(report))


def field_list(edition: Edition) -> list[dict[str, Any]]:
    """The fields of an edition: id, official label, table, kind, whether it is a total."""
    return [{"field": c.id, "label": c.label, "table": c.table, "kind": c.kind.value,
             "total": c.total} for c in edition.cells.values()]


def site_json(title: str, reports: list[Report]) -> bytes:
    """data/reports.json: every report's record plus the field lists of the editions in use."""
    return site_json_of(title, [r.edition for r in reports], [json_part(r) for r in reports])


def json_part(report: Report) -> str:
    """The report's record as it stands in data/reports.json (indented two levels)."""
    text = json.dumps(report_record(report, labels=False), ensure_ascii=False, indent=2)
    return "    " + text.replace("\n", "\n    ")  # JSON strings never hold a raw line break


def site_json_of(title: str, editions: list[Edition], parts: list[str]) -> bytes:
    """data/reports.json from the reports' editions and their json_part()s, in order."""
    used = {e.key: e for e in editions}
    head = _dump({
        "schema": SITE_SCHEMA,
        "title": title,
        "fields": {k: field_list(e) for k, e in sorted(used.items(), reverse=True)},
        "reports": [],
    })
    if not parts:
        return head
    end = b'"reports": []\n}\n'
    assert head.endswith(end)
    body = ",\n".join(parts).encode("utf-8")
    return head[:-len(end)] + b'"reports": [\n' + body + b"\n  ]\n}\n"


def site_csv(reports: list[Report]) -> bytes:
    """data/reports.csv: one line per cell of every report (UTF-8 with BOM, so Excel reads it)."""
    return site_csv_of([csv_part(r) for r in reports])


def _csv_text(rows: list[list[object]] | tuple[list[object], ...]) -> str:
    return csv_text(rows)


_SAFE_FIELDS: dict[str, tuple[tuple[str, str, str, str], ...]] = {}


def _safe_fields(edition: Edition) -> tuple[tuple[str, str, str, str], ...]:
    """Per cell of an edition: its id and its table, id and label as safe CSV cells."""
    fields = _SAFE_FIELDS.get(edition.key)
    if fields is None:
        fields = _SAFE_FIELDS[edition.key] = tuple(
            (cid, csv_cell(cell.table), csv_cell(cid), csv_cell(cell.label))
            for cid, cell in edition.cells.items())
    return fields


def csv_part(report: Report) -> str:
    """The report's lines of data/reports.csv (every cell through gkgen.render.cellsafe)."""
    r = report
    head = [csv_cell(x) for x in (r.body.slug, r.body.name, r.year, r.edition.key)]
    rows = []
    for cid, table, safe_id, label in _safe_fields(r.edition):
        v = r.values.get(cid)
        # a number, not its text: cellsafe would take a negative 2019 本年增/减 for a formula
        value = "" if v is None or v.value is None else csv_cell(number(v.value))
        rows.append([*head, table, safe_id, label, value,
                     "" if v is None else ("0" if v.typed else "1")])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def site_csv_of(parts: list[str]) -> bytes:
    """data/reports.csv from the reports' csv_part()s, in order."""
    return (_csv_text([list(CSV_COLUMNS)]) + "".join(parts)).encode("utf-8-sig")

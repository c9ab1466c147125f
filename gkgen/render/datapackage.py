"""datapackage.json: a Frictionless Data Package describing every data file of the site and its fields.

It sits at the output root (resource paths are relative to it and never leave it): the site-wide
files in data/ and every roll-up's CSV files in region/. Each tabular resource has a Table Schema
(field names = the files' column headers, with their types; a blank cell is a missing value,
never 0); workbooks name the sheet they describe. Per-report files (<body>/<year>/data.json,
tables.xlsx) repeat what data/reports.json and data/reports.csv hold and are not listed.
"""

from __future__ import annotations

import json
from typing import Any

from gkgen.render.dataset import CSV_COLUMNS
from gkgen.render.rolldata import FIGURE_COLUMNS, QUARTILE_COLUMNS, SUM_COLUMNS, breakdown_fields
from gkgen.render.widedata import META_COLUMNS, META_DOCS, META_TYPES, WIDE_SHEET, field_columns

PROFILE = "data-package"
KIND_TYPE = {"count": "integer", "signed": "integer", "amount": "number"}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LONG_TYPES = {"year": "integer", "value": "number", "computed": "integer"}
_LONG_DOCS = {"body": "机关目录", "body_name": "机关名称", "year": "年度", "edition": "格式版本",
              "table": "表格（t2、t3、t4）", "field": "字段编号（gkgen fields）", "label": "官方标签",
              "value": "数值（空白表示未填写）", "computed": "1 表示由 gkgen 计算的总计，0 表示填写的数字"}
_SUM_TYPES = {"年度": "integer", "合计": "number", "计入报告数": "integer", "空白报告数": "integer",
              "其余报告之和": "number"}
_FIGURE_TYPES = {"年度": "integer", "数值": "number"}
_QUARTILE_TYPES = {"年度": "integer", "机关数": "integer", "下四分位数": "number", "中位数": "number",
                   "上四分位数": "number"}


def _schema(names: tuple[str, ...], types: dict[str, str],
            docs: dict[str, str] | None = None) -> dict[str, Any]:
    fields = []
    for n in names:
        f: dict[str, Any] = {"name": n, "type": types.get(n, "string")}
        if docs and n in docs:
            f["description"] = docs[n]
        fields.append(f)
    return {"fields": fields, "missingValues": [""]}


def wide_schema(columns: list[tuple[str, str, str]] | None = None) -> dict[str, Any]:
    """The schema of the wide table (columns: a subset of its cell columns, default all)."""
    schema = _schema(META_COLUMNS, META_TYPES, META_DOCS)
    schema["fields"] += [{"name": h, "type": KIND_TYPE[kind], "description": f"字段编号 {cid}"}
                         for cid, h, kind in (field_columns() if columns is None else columns)]
    return schema


SUM_SCHEMA = _schema(SUM_COLUMNS, _SUM_TYPES, {"合计": "空白：有计入的报告此格空白，不计算合计"})
FIGURE_SCHEMA = _schema(FIGURE_COLUMNS, _FIGURE_TYPES, {"数值": "空白：无法计算，原因见“说明”"})
QUARTILE_SCHEMA = _schema(QUARTILE_COLUMNS, _QUARTILE_TYPES)


def csv_resource(name: str, path: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": schema}


def xlsx_resource(name: str, path: str, title: str, sheet: str,
                  schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "path": path, "title": f"{title}（工作表“{sheet}”）",
            "profile": "tabular-data-resource", "format": "xlsx", "mediatype": _XLSX,
            "dialect": {"excel": {"sheet": sheet}}, "schema": schema}


def site_resources(office: bool, rollups: bool) -> list[dict[str, Any]]:
    """The resources of data/ (office: data/tables.xlsx is built; rollups: roll-up data is)."""
    wide = wide_schema()
    out = [
        csv_resource("reports-wide", "data/reports-wide.csv", "每份报告一行（列名为官方标签）", wide),
        xlsx_resource("reports-wide-xlsx", "data/reports.xlsx", "每份报告一行（Excel）", WIDE_SHEET,
                      wide),
        csv_resource("reports", "data/reports.csv", "全部报告的全部单元格（每格一行）",
                     _schema(CSV_COLUMNS, _LONG_TYPES, _LONG_DOCS)),
        {"name": "reports-json", "type": "json", "path": "data/reports.json", "title": "全部报告的全部单元格（JSON）",
         "format": "json", "mediatype": "application/json", "encoding": "utf-8"},
    ]
    if office:
        out.append({"name": "tables-xlsx", "type": "file", "path": "data/tables.xlsx", "format": "xlsx",
                    "mediatype": _XLSX, "title": "全部报告的统计表（Excel，每个格式版本一个工作表，"
                    "表头三行：表、官方标签、字段编号）"})
    if rollups:
        out += [
            csv_resource("rollups", "data/rollups.csv", "各年度汇总的每个合计单元格", SUM_SCHEMA),
            csv_resource("figures", "data/figures.csv", "派生指标（汇总和各机关），含计算方法", FIGURE_SCHEMA),
            csv_resource("quartiles", "data/quartiles.csv", "同级机关派生指标的四分位数", QUARTILE_SCHEMA),
        ]
    return out


_SCHEMAS = {".csv": SUM_SCHEMA, ".figures.csv": FIGURE_SCHEMA, ".quartiles.csv": QUARTILE_SCHEMA}
_TITLES = {".csv": "合计", ".figures.csv": "派生指标", ".bodies.csv": "各机关明细",
           ".quartiles.csv": "四分位数"}


def rollup_resource(rel: str, suffix: str, title: str, edition: str) -> dict[str, Any]:
    """The resource of one roll-up CSV (rel: its path below the root, e.g. region/2023/all.csv)."""
    name = rel.removeprefix("region/").removesuffix(".csv").replace("/", "-").replace(".", "-")
    schema = (wide_schema(breakdown_fields(edition)) if suffix == ".bodies.csv"
              else _SCHEMAS[suffix])
    return csv_resource(f"region-{name}".lower(), rel, f"{title}：{_TITLES[suffix]}", schema)


def datapackage(title: str, resources: list[dict[str, Any]]) -> bytes:
    """The package descriptor."""
    package = {"name": "gkgen-reports", "title": title, "profile": PROFILE,
               "description": "政府信息公开工作年度报告的开放数据，由 gkgen 生成；每份报告另有 "
                              "<机关目录>/<年度>/data.json 和 tables.xlsx。",
               "resources": resources}
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

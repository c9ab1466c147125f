"""Findings: what a check or the loader says about the content, with a stable id."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

ERROR = "error"
WARNING = "warning"

# id -> (default severity, what it checks). Ids are stable: people, CI and tools refer to them.
CHECKS: dict[str, tuple[str, str]] = {
    "R1": (ERROR, "表三每列：一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理"),
    "R2": (ERROR, "表三每行：总计 = 六类申请人之和"),
    "R3": (ERROR, "表三每列：（七）总计 = （一）（二）及（三）至（六）各小项之和"),
    "R4": (ERROR, "表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
    "R5": (ERROR, "每个单元格都已填写，且为非负整数（收费金额为非负小数，2019版本年增/减可为负）"),
    "Y1": (WARNING, "表三：本年二、上年结转 = 上年四、结转下年度继续办理"),
    "Y2": (WARNING, "表二（2021版）：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数"),
    "Y3": (WARNING, "正文与上年同一部分几乎相同（疑似照抄上年报告）"),
    "N1": (WARNING, "正文中写出的数字与其所指表格单元格不一致"),
    "N2": (WARNING, "年份：标题年份和统计期限为本年度；第五部分的工作计划指向下一年度"),
    "N3": (WARNING, "第六部分未说明信息处理费收取情况"),
    "N4": (WARNING, "某一部分缺失或为空"),
    "N5": (WARNING, "发布日期未填写、早于年度结束，或晚于该机关层级的法定期限"),
    "F1": (ERROR, "文件无法按 UTF-8 读取（如 GBK 编码）"),
    "F2": (WARNING, "文件以 BOM 开头"),
    "F3": (ERROR, "YAML 语法错误"),
    "F4": (ERROR, "未知的键（可能是笔误）"),
    "F5": (ERROR, "结构不符（应为映射、列表长度不对、键重复等）"),
    "F6": (ERROR, "必需的文件缺失或为空"),
    "F7": (ERROR, "站点、机关或报告的设置项无效（如未知版本、日期格式错误）"),
    "F8": (ERROR, "正文中的引用表达式（{{ … }}）有误"),
    "F9": (WARNING, "正文中的图片无法使用（文件不存在、不在站点内或不是图片）"),
    "F10": (WARNING, "正文中的网页代码不会生效（按文字显示），或链接不允许使用（只保留文字）"),
    "H1": (ERROR, "汇总报告（body.yaml 的 summary_of）：每个单元格 = 所汇总的下级机关同年度同一单元格之和"),
    "H2": (WARNING, "汇总报告所汇总的下级机关没有该年度的报告（未核对汇总数字）"),
    "S1": (WARNING, "站点涵盖的年度中，已过发布期限仍没有报告（缺报）"),
    "S2": (WARNING, "已发布的报告表格数字有改动，但 changes（修改记录）中没有新记录"),
}


class Pos(NamedTuple):
    """A place in a source file; line and column are 1-based (0 = unknown).

    A named tuple rather than a dataclass: a site of 1,000 reports holds half a million.
    """

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"


Number = int | Decimal


@dataclass(frozen=True)
class Finding:
    id: str
    message: str
    pos: Pos
    severity: str = ""
    hint: str | None = None
    cells: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    expected: Number | str | None = None
    actual: Number | str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.severity:
            object.__setattr__(self, "severity", CHECKS[self.id][0])

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README."""
        return {
            "id": self.id,
            "severity": self.severity,
            "file": display_path(self.pos.file),
            "line": self.pos.line,
            "column": self.pos.column,
            "message": self.message,
            "hint": self.hint,
            "cells": [{"field": c, "label": lab} for c, lab in zip(self.cells, self.labels, strict=False)],
            "expected": _jsonable(self.expected),
            "actual": _jsonable(self.actual),
        }


PER_FILE = 30  # findings of one id in one file listed one by one; the rest are counted


def condense(findings: list[Finding], start: int = 0) -> None:
    """Keep at most PER_FILE findings per (file, id) from findings[start:], then one that counts
    the rest: 40,000 repeated rows made 13 MB of messages and no reader goes past the first few."""
    counts: dict[tuple[Path, str], int] = {}
    kept: list[Finding] = []
    for f in findings[start:]:
        n = counts[(f.pos.file, f.id)] = counts.get((f.pos.file, f.id), 0) + 1
        if n <= PER_FILE:
            kept.append(f)
    over = {k: n - PER_FILE for k, n in counts.items() if n > PER_FILE}
    if not over:
        return
    for (file, cid), extra in over.items():
        kept.append(Finding(cid, f"同类问题（{cid}）还有 {extra} 处，未逐一列出。", Pos(file),
                            hint=f"先改正上面列出的前 {PER_FILE} 处，再运行 gkgen check 查看其余的。"))
    findings[start:] = kept


def fails(findings: list[Finding], strict: bool = False) -> bool:
    """Whether these findings stop a build: any error; with strict (--strict) any warning too."""
    return any(f.severity == ERROR or (strict and f.severity == WARNING) for f in findings)


def _jsonable(v: Number | str | None) -> int | float | str | None:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def display_path(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def fmt(v: Number | None) -> str:
    """A number as a Chinese reader expects it: no exponent, no trailing zeros."""
    if v is None:
        return "（空）"
    if isinstance(v, Decimal):
        s = format(v.normalize(), "f")
        return s
    return str(v)

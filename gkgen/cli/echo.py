"""Printing findings for people, shared by the commands (check, build, serve)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import click

from gkgen.findings import ERROR, Finding

SEVERITY_ZH = {"error": "错误", "warning": "警告"}


class Counted(Protocol):
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...


def print_finding(f: Finding) -> None:
    """One finding as file:line:col, severity, id, message and hint."""
    color = "red" if f.severity == ERROR else "yellow"
    head = click.style(f"{SEVERITY_ZH.get(f.severity, f.severity)} {f.id}", fg=color, bold=True)
    click.echo(f"{f.pos}: {head} {f.message}")
    if f.hint:
        click.echo(f"    提示：{f.hint}")


def print_finding_list(findings: Iterable[Finding]) -> None:
    """Every finding, in the order given."""
    for f in findings:
        print_finding(f)


def summary_color(result: Counted, strict: bool = False) -> str:
    """red when the result fails, yellow with warnings, green otherwise."""
    if result.errors or (strict and result.warnings):
        return "red"
    return "yellow" if result.warnings else "green"

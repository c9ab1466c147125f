"""`gkgen import` (not built yet)."""

from __future__ import annotations

import click


@click.command("import")
def command() -> None:
    """尚未实现。"""
    raise click.ClickException("gkgen import 尚未实现。")

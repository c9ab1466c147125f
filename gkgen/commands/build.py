"""`gkgen build` (not built yet)."""

from __future__ import annotations

import click


@click.command("build")
def command() -> None:
    """尚未实现。"""
    raise click.ClickException("gkgen build 尚未实现。")

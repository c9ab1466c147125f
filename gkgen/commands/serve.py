"""`gkgen serve` (not built yet)."""

from __future__ import annotations

import click


@click.command("serve")
def command() -> None:
    """尚未实现。"""
    raise click.ClickException("gkgen serve 尚未实现。")

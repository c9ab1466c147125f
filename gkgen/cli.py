"""The command line: parse options, make one call, print what it says. 命令行入口。"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gkgen import __version__
from gkgen.check import CheckResult, run_checks
from gkgen.commands.echo import print_finding_list, summary_color
from gkgen.load import SiteNotFound, find_root


def _root(path: Path) -> Path:
    try:
        return find_root(path)
    except SiteNotFound:
        raise click.UsageError(
            f"在 {path} 及其上级目录中找不到 gkgen 站点（content/site.yaml）。"
            "请在站点目录中运行，或先用 gkgen new 新建报告。") from None


class LazyGroup(click.Group):
    """A group whose heavy commands (WeasyPrint, the server, the importer) load on first use,
    so that `gkgen check` starts in a fraction of the time."""

    LAZY = {"build": "gkgen.commands.build", "serve": "gkgen.commands.serve",
            "import": "gkgen.commands.import_"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            import importlib

            command: click.Command = importlib.import_module(self.LAZY[cmd_name]).command
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gkgen")
def main() -> None:
    """gkgen — 政府信息公开工作年度报告生成器。

    Authors write the narrative parts in Markdown and the tables in YAML under content/;
    gkgen checks every figure, then builds accessible HTML and a print PDF.

    \b
    常用命令：
      gkgen new <机关> <年度>   新建一份报告
      gkgen check             检查全部报告
      gkgen build             生成网页和 PDF
      gkgen serve             边写边预览
    """


def print_findings(result: CheckResult, strict: bool) -> None:
    print_finding_list(result.findings)
    summary = (f"共检查 {len(result.reports)} 份报告：{result.errors} 个错误，"
               f"{result.warnings} 个警告。")
    click.secho(summary, fg=summary_color(result, strict), bold=True)


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=True, path_type=Path), default=".")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认，给人看）或 json（给 CI 和其他工具）。")
@click.option("--strict", is_flag=True, help="有警告也以失败（退出码 1）结束。")
def check(path: Path, fmt: str, strict: bool) -> None:
    """检查报告：表格勾稽关系、逐格数值、与上年衔接、正文与表格一致等（R1–R5、Y1–Y3、N1–N5）。

    PATH 可以是站点目录、某个机关的目录或某份报告的目录（默认当前目录）。
    退出码：0 无错误；1 有错误（或 --strict 时有警告）；2 用法错误。
    """
    result = run_checks(_root(path), path)
    if fmt == "json":
        json.dump([f.to_json() for f in result.findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_findings(result, strict)
    if result.errors or (strict and result.warnings):
        sys.exit(1)


@main.command()
@click.argument("body")
@click.argument("year", type=click.IntRange(1990, 2100))
@click.option("--name", help="机关正式全称（新建机关时使用）。")
@click.option("--level", type=click.Choice(["department", "government", "township"]),
              default="department", show_default=True,
              help="机关层级：department 县级以上人民政府部门；government 县级以上人民政府；"
                   "township 乡镇人民政府、街道办事处。决定发布期限。")
@click.option("--edition", type=click.Choice(["2021", "2019"]),
              help="格式版本，默认 2021 年度起用 2021 版，之前用 2019 版。")
def new(body: str, year: int, name: str | None, level: str, edition: str | None) -> None:
    """新建一份报告：content/BODY/YEAR/ 下的六个部分，每个单元格都已列出并填 0。

    若该机关有上一年度的报告，会带入上年结转和现行有效件数。已存在的报告不会被覆盖。
    """
    from gkgen import new as scaffolding
    from gkgen.model import Site

    if not body.replace("-", "").replace("_", "").isalnum() or body.startswith((".", "_")):
        raise click.UsageError(f"机关目录名“{body}”不合适：请用字母、数字和连字符，例如 zhoukou-gov。")
    try:
        root = find_root(Path.cwd())
        site_files: dict[Path, str] = {}
    except SiteNotFound:
        root = Path.cwd()
        site_files = {root / "content" / "site.yaml": scaffolding.SITE_YAML}
    try:
        s = scaffolding.scaffold(Site(root=root), body, year, edition, name, level)
    except scaffolding.ReportExists as exc:
        click.secho(f"报告已存在，未做任何修改：{exc}", fg="red", err=True)
        sys.exit(1)
    s.files.update(site_files)
    scaffolding.write(s)
    for p in sorted(s.files):
        click.echo(f"  新建 {p.relative_to(root)}")
    for note in s.carried.values():
        click.echo(f"  已带入：{note}")
    click.secho(f"已新建 {body} {year} 年度报告。填写后运行 gkgen check 检查。", fg="green")


@main.command()
@click.option("--edition", type=click.Choice(["2021", "2019"]), default="2021", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def fields(edition: str, fmt: str) -> None:
    """列出所有单元格的字段编号和官方标签（用于正文引用 {{ t3.new.total }} 和开放数据）。"""
    from gkgen.format import edition as get_edition

    cells = get_edition(edition).cells.values()
    if fmt == "json":
        rows = [{"field": c.id, "label": c.label, "kind": c.kind.value, "total": c.total}
                for c in cells]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for c in cells:
        click.echo(f"{c.id:32} {c.label}")


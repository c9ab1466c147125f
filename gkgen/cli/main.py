"""The command line: parse options, make one call, print what it says. 命令行入口。"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gkgen import __version__, i18n
from gkgen.checks.run import CheckResult
from gkgen.cli import level as level_mod
from gkgen.cli.echo import print_finding_list, summary_color
from gkgen.cli.zhhelp import ZhGroup
from gkgen.content.load import SiteNotFound, find_root, load_settings
from gkgen.i18n import os_error_zh
from gkgen.model import Site

i18n.install()  # before the decorators below: click names some things when they are built


def _root(path: Path) -> Path:
    try:
        return find_root(path)
    except SiteNotFound:
        raise click.UsageError(
            f"在 {path} 及其上级目录中找不到 gkgen 站点（content/site.yaml）。"
            "请在站点目录中运行，或先用 gkgen new 新建报告。") from None


class LazyGroup(ZhGroup):
    """A group whose heavy commands (WeasyPrint, the server, the importer) load on first use,
    so that `gkgen check` starts in a fraction of the time."""

    LAZY = {"build": "gkgen.cli.build", "serve": "gkgen.cli.serve",
            "import": "gkgen.cli.import_", "status": "gkgen.cli.status"}

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

    \b
    在 content/ 下用 Markdown 撰写报告正文、用 YAML 填写统计表格，
    gkgen 逐项核对数字，再生成无障碍网页和打印版 PDF。

    \b
    常用命令：
      gkgen new <机关> <年度>   新建一份报告
      gkgen check             检查全部报告
      gkgen build             生成网页和 PDF
      gkgen serve             边写边预览
      gkgen status [年度]     各机关报告的发布状态（按时、逾期、缺报）
      gkgen import <文件>     导入已发布的报告
    查看某个命令的详细用法：gkgen <命令> -h
    """


def print_findings(result: CheckResult, strict: bool) -> None:
    print_finding_list(result.findings)
    summary = (f"共检查 {result.report_count} 份报告：{result.errors} 个错误，"
               f"{result.warnings} 个警告。")
    click.secho(summary, fg=summary_color(result, strict), bold=True)


@main.command(short_help="检查报告中的表格和正文。")
@click.argument("path", type=click.Path(exists=True, file_okay=True, path_type=Path), default=".")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认，给人看）或 json（给 CI 和其他工具）。")
@click.option("--strict", is_flag=True, help="有警告也以失败（退出码 1）结束。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="同时检查的进程数，默认为 CPU 核数（需要重新检查的报告较多时才会并行）。")
@click.option("--no-cache", is_flag=True,
              help="不使用也不保存检查缓存，重新读取并检查每一份报告。")
def check(path: Path, fmt: str, strict: bool, jobs: int | None, no_cache: bool) -> None:
    """检查报告：表格勾稽关系、逐格数值、与上年衔接、正文与表格一致等。

    \b
    检查编号：R1–R5 表格勾稽关系和填写，Y1–Y3 与上年衔接，
    N1–N5 正文与表格一致等，F1–F10 文件本身的问题。
    PATH 可以是站点目录、某个机关的目录或某份报告的目录（默认当前目录）。
    退出码：0 无错误；1 有错误（或 --strict 时有警告）；2 用法错误。

    \b
    未改动的报告沿用上次的检查结果（缓存在 .gkgen-cache/checks/，
    与 gkgen build 共用）；改动一份报告时，重新检查它和下一年度的报告。
    --no-cache 全部重新检查。
    """
    from gkgen.build.checksite import check_site

    result = check_site(_root(path), path, jobs=jobs, cache=not no_cache)
    if fmt == "json":
        json.dump([f.to_json() for f in result.findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_findings(result, strict)
    if result.errors or (strict and result.warnings):
        sys.exit(1)


@main.command(short_help="新建一份报告。")
@click.argument("body")
@click.argument("year", type=click.IntRange(1990, 2100))
@click.option("--name", metavar="机关全称", help="机关正式全称（新建机关时使用）。")
@click.option("--level", type=click.Choice(["department", "government", "township"]),
              help="机关层级，决定发布期限：department 县级以上人民政府部门；"
                   "government 县级以上人民政府；township 乡镇人民政府、街道办事处。"
                   "不填时按 --name 判断。")
@click.option("--edition", type=click.Choice(["2021", "2019"]),
              help="格式版本，默认 2021 年度起用 2021 版，之前用 2019 版。")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), metavar="站点目录",
              help="写入这个站点（默认为当前目录的站点；不会自动写入上级目录中的站点）。")
def new(body: str, year: int, name: str | None, level: str | None, edition: str | None,
        site_dir: Path | None = None) -> None:
    """新建一份报告：content/BODY/YEAR/ 下的六个部分，每个单元格都已列出并填 0。

    \b
    BODY 是机关目录名（字母、数字和连字符），YEAR 是报告年度。
    若该机关有上一年度的报告，会带入上年结转和现行有效件数。
    新机关的层级按 --level，不填时按 --name 判断：名称以“人民政府”结尾的
    为县级以上人民政府，乡、镇人民政府和街道办事处为乡镇、街道，其余为部门。
    已存在的报告不会被覆盖。
    """
    from gkgen.content import new as scaffolding

    if not body.replace("-", "").replace("_", "").isalnum() or body.startswith((".", "_")):
        raise click.UsageError(f"机关目录名“{body}”不合适：请用字母、数字和连字符，例如 zhoukou-gov。")
    try:
        root, site_files = scaffolding.site_for_new(Path.cwd(), site_dir)
    except scaffolding.ClimbsOut as exc:
        raise click.UsageError(f"{exc}请到站点目录中运行，或用 --site 指定站点目录。") from None
    click.echo(f"写入站点：{root}")
    site = load_settings(root, [])  # `gkgen check` reports problems in site.yaml
    existing = (site.content / body / "body.yaml").is_file()
    chosen, how = level_mod.choose_level(level, name)
    try:
        s = scaffolding.scaffold(site, body, year, edition, name, chosen)
        s.files.update(site_files)
        scaffolding.write(s)
    except scaffolding.ReportExists as exc:
        click.secho(f"报告已存在，未做任何修改：{exc}", fg="red", err=True)
        sys.exit(1)
    except OSError as exc:
        click.secho(f"无法写入 {exc.filename or site.content}：{os_error_zh(exc)}。", fg="red", err=True)
        sys.exit(1)
    for p in sorted(s.files):
        click.echo(f"  新建 {p.relative_to(root)}")
    for note in s.carried.values():
        click.echo(f"  已带入：{note}")
    _say_level(site, body, year, level, chosen if not existing else None, how)
    click.secho(f"已新建 {body} {year} 年度报告。填写后运行 gkgen check 检查。", fg="green")


def _say_level(site: Site, slug: str, year: int, given: str | None, chosen: str | None,
               how: str) -> None:
    """The new report's level and deadline; chosen is None when the body existed already."""
    from gkgen.content.load import load_body

    body = load_body(site.content / slug, [])
    if body is None:
        return
    if chosen is None:
        how = "取自已有的 body.yaml"
        if given and given != body.level:
            click.secho(f"  注意：机关 {slug} 已存在，层级以其 body.yaml 为准，未使用 --level {given}。",
                        fg="yellow")
    click.echo(f"  {level_mod.level_note(site, body, year, how)}")


@main.command(short_help="列出表格字段编号和官方标签。")
@click.option("--edition", type=click.Choice(["2021", "2019"]), default="2021", show_default=True,
              help="格式版本：2021（2021 年度起）或 2019（2019、2020 年度）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认，给人看）或 json（给程序用，含单元格类型）。")
def fields(edition: str, fmt: str) -> None:
    """列出所有单元格的字段编号和官方标签。

    \b
    字段编号用于正文引用（如 {{ t3.new.total }}）和开放数据。
    """
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


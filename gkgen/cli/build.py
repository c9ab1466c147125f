"""`gkgen build`: check, then write the HTML site, the PDFs and the open data."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from gkgen.build.site import BuildError, BuildResult, build_site
from gkgen.cli.echo import print_finding_list, summary_color
from gkgen.cli.zhhelp import ZhCommand
from gkgen.content.drafts import held_message
from gkgen.content.load import SiteNotFound, find_root
from gkgen.findings import display_path
from gkgen.render.pages import TemplateFailed

PROGRESS_FROM = 4  # show a progress bar from this many reports on
STAGES = {"check": "正在检查……", "site": "正在生成索引页和开放数据……", "write": "正在写入……"}


class ClickReporter:
    """Progress on stderr: a line per stage, a bar while rendering many reports."""

    def __init__(self) -> None:
        self._bar: Any = None

    def stage(self, name: str) -> None:
        self._close()
        if name in STAGES:
            click.echo(STAGES[name], err=True)

    def report_done(self, key: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="正在生成报告", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1, key)

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _summary(result: BuildResult, pdf: bool) -> str:
    kinds = "网页、PDF 和开放数据" if pdf else "网页和开放数据（未生成 PDF）"
    where = display_path(result.out)
    if result.unchanged:
        done = f"没有改动：{result.reports} 份报告的{kinds}保持不变"
    elif result.skipped:
        done = (f"已生成 {result.reports} 份报告（{kinds}；重新生成 {len(result.rendered)} 份，"
                f"{len(result.skipped)} 份未改动）")
    else:
        done = f"已生成 {result.reports} 份报告（{kinds}）"
    return (f"{done}，输出到 {where}{os.sep}。"
            f"{result.warnings} 个警告。打开 {display_path(result.out / 'index.html')} 查看。")


@click.command("build", cls=ZhCommand, short_help="检查全部报告，生成网页、PDF 和开放数据。")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=".")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), metavar="目录",
              help="输出目录，默认为站点下的 output/。")
@click.option("--no-pdf", is_flag=True, help="只生成网页和开放数据，不生成 PDF（更快）。")
@click.option("--no-docx", is_flag=True,
              help="不生成 Word 版（report.docx）和 Excel 表格（tables.xlsx）。")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, metavar="进程数",
              help="同时生成报告的进程数，默认为 CPU 核数。")
@click.option("--clean", is_flag=True, help="不使用上次生成的缓存，全部重新生成。")
@click.option("--drafts", is_flag=True, default=False, help="一并生成草稿（未填写发布日期的报告），页面和 PDF 标有“草稿”。")
@click.option("--strict", is_flag=True, help="有警告也不生成（退出码 1）。")
@click.option("--scheduler", metavar="地址", envvar="GKGEN_SCHEDULER",
              help="Dask 调度器地址（如 tcp://10.0.0.5:8786），由集群的工作进程生成报告；"
                   "也可用环境变量 GKGEN_SCHEDULER 指定。各台机器须在同一路径看到站点目录。")
def command(path: Path, out: Path | None, no_pdf: bool, no_docx: bool, jobs: int | None, clean: bool,
            drafts: bool, strict: bool, scheduler: str | None) -> None:
    """检查全部报告；没有错误时生成网页、PDF 和开放数据。

    \b
    PATH 是站点目录（默认当前目录）。输出（默认 output/）：
      index.html                  各机关各年度报告索引
      <机关>/<年度>/index.html    报告网页
      <机关>/<年度>/report.pdf    打印版 PDF
      <机关>/<年度>/report.docx   Word 版；tables.xlsx：Excel 表格
      <机关>/<年度>/data.json     表格数据
      data/reports.csv、.json     全部报告的全部单元格
    有错误时（加 --strict 时有警告也）不改动原有的输出，退出码为 1。
    未填写发布日期 published（或写了 draft: true）的报告是草稿，默认不生成；
    --drafts 一并生成，页面和 PDF 标明“草稿”。

    \b
    只重新生成有改动的部分：未改动的报告、PDF、索引页和开放数据沿用上次的结果；
    什么都没改时输出目录保持原样。--clean 忽略缓存，全部重新生成。

    \b
    并行：默认用本机全部 CPU 核（--jobs 指定进程数）；--scheduler 把任务交给
    Dask 集群，输出与单进程生成的逐字节相同，仍由本机写入输出目录。
    """
    try:
        root = find_root(path)
    except SiteNotFound:
        raise click.UsageError(f"在 {path} 及其上级目录中找不到 gkgen 站点（content/site.yaml）。") from None
    reporter = ClickReporter()
    try:
        result = build_site(root, out, pdf=not no_pdf, jobs=jobs, clean=clean, reporter=reporter,
                            drafts=drafts, strict=strict, scheduler=scheduler,
                            office=not no_docx)
    except BuildError as exc:
        reporter.stage("")
        click.secho(f"生成失败：{exc}", fg="red", bold=True, err=True)
        sys.exit(1)
    except TemplateFailed as exc:
        reporter.stage("")
        where = exc.where(display_path)
        click.secho(f"{where + ': ' if where else ''}{exc}", fg="red", bold=True, err=True)
        click.echo(f"    提示：{exc.hint}", err=True)
        click.secho(f"生成失败；原有的输出（{display_path(root / 'output' if out is None else out)}）未改动。",
                    fg="red", bold=True, err=True)
        sys.exit(1)
    reporter.stage("")
    print_finding_list(result.findings)
    if not result.ok and strict and not result.errors:
        click.secho(f"有 {result.warnings} 个警告（--strict），未生成；原有的输出（{display_path(result.out)}）未改动。",
                    fg="red", bold=True)
        sys.exit(1)
    if not result.ok:
        click.secho(f"有 {result.errors} 个错误，未生成；原有的输出（{display_path(result.out)}）未改动。"
                    "改正后重新运行 gkgen build。", fg="red", bold=True)
        sys.exit(1)
    if result.held:
        click.secho(held_message(result.held), fg="yellow")
    click.secho(_summary(result, not no_pdf), fg=summary_color(result), bold=True)

"""`gkgen import`: one published report in, a report folder (and its import log) out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gkgen.build.output import WouldOverwrite
from gkgen.cli.zhhelp import ZhCommand
from gkgen.i18n import os_error_zh


@click.command("import", cls=ZhCommand, short_help="导入已发布的报告（网页、Word、PDF、文字）。")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--body", metavar="机关目录名",
              help="写入哪个机关目录（content/ 下的目录名）；来源中的机关名称与站点中已有的"
                   "机关一致时可省略。")
@click.option("--year", type=click.IntRange(1990, 2100), metavar="年度",
              help="报告年度；来源中能识别时可省略。")
@click.option("--edition", type=click.Choice(["2021", "2019"]), help="格式版本；来源表格能识别时可省略。")
@click.option("--name", metavar="机关全称",
              help="机关全称（新建机关时使用；来源标题中能识别时可省略）。")
@click.option("--force", is_flag=True, help="覆盖已存在的同一年度报告。")
def command(file: Path, body: str | None, year: int | None, edition: str | None,
            name: str | None, force: bool) -> None:
    """导入已发布的年度报告（网页 .html、Word .docx、PDF 或从网页复制的文字 .txt）。

    FILE 是要导入的文件。写入 content/机关/年度/，并生成导入记录 import-log.md，列出：

    \b
      · 识别出的格式版本、机关和年度；
      · 无法读取或无法确定位置的单元格（一律留空，不猜测）；
      · 与官方格式不同的标签。

    导入后运行 gkgen check 检查来源本身的问题。已存在的报告不会被覆盖，除非加 --force。
    """
    from gkgen import importer
    from gkgen.content.load import SiteNotFound, find_root
    from gkgen.content.new import SITE_YAML

    try:
        root = find_root(Path.cwd())
        site_files: dict[Path, str] = {}
    except SiteNotFound:
        root = Path.cwd()
        site_files = {root / "content" / "site.yaml": SITE_YAML}
    opts = importer.Options(body, year, edition, name, force)
    try:
        plan = importer.import_file(file, root / "content", opts)
        plan.files.update(site_files)
        importer.write_plan(plan, force)
    except (importer.Unresolved, importer.SourceError) as exc:
        click.secho(f"导入失败：{exc}", fg="red", err=True)
        sys.exit(2)
    except (importer.ReportExists, WouldOverwrite) as exc:
        click.secho(f"报告已存在，未做任何修改：{exc}（确需覆盖请加 --force）", fg="red", err=True)
        sys.exit(1)
    except OSError as exc:
        click.secho(f"导入失败：{exc.filename or root / 'content'}：{os_error_zh(exc)}。",
                    fg="red", err=True)
        sys.exit(1)
    _report(plan, root)


def _report(plan: object, root: Path) -> None:
    from gkgen.importer import LOG_NAME, Plan
    from gkgen.importer.log import summary

    assert isinstance(plan, Plan)
    for p in sorted(plan.files):
        click.echo(f"  写入 {p.relative_to(root)}")
    for line in summary(plan.log):
        click.echo(line)
    click.secho(f"已导入到 {plan.folder.relative_to(root)}。详见 {LOG_NAME}；"
                "请运行 gkgen check 检查并补全留空的单元格。", fg="green")

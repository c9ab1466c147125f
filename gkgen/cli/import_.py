"""`gkgen import`: published reports in, report folders (each with its import log) out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gkgen.cli.zhhelp import ZhCommand


@click.command("import", cls=ZhCommand, short_help="导入已发布的报告（网页、Word、Excel、PDF、文字）。")
@click.argument("files", nargs=-1, required=True, metavar="文件或目录...",
                type=click.Path(exists=True, path_type=Path))
@click.option("--body", metavar="机关目录名",
              help="写入哪个机关目录（content/ 下的目录名）；省略时按来源中的机关名称找站点中已有的机关，"
                   "新机关按名称的拼音命名。")
@click.option("--year", type=click.IntRange(1990, 2100), metavar="年度",
              help="报告年度（只导入一个文件时可用）；来源中能识别时可省略。")
@click.option("--edition", type=click.Choice(["2021", "2019"]),
              help="格式版本；省略时按表格标签判断，再按年度（2019–2020 年为 2019 版，2021 年起为 2021 版）。")
@click.option("--name", metavar="机关全称",
              help="机关全称（只导入一个文件时可用；来源标题中能识别时可省略）。")
@click.option("--force", is_flag=True, help="覆盖已存在的同一年度报告。")
def command(files: tuple[Path, ...], body: str | None, year: int | None, edition: str | None,
            name: str | None, force: bool) -> None:
    """导入已发布的年度报告（网页 .html、Word .docx、Excel .xlsx、PDF、文字 .txt 或 Markdown .md）。

    可以给出多个文件或一个目录（导入其中所有能导入的文件）；同一机关的报告按年度从早到晚导入。
    每份报告写入 content/机关/年度/，并生成导入记录 import-log.md，列出：

    \b
      · 识别出的格式版本、机关、层级、年度和发布日期，以及各自的依据；
      · 每个读出的单元格取自来源的哪张表、哪一行、哪一列（PDF 还有页码）；
      · 留空的单元格及原因（一律留空，不猜测）；
      · 与官方格式不同的标签和部分标题，以及无法归入某一部分的正文。

    导入后运行 gkgen check 检查来源本身的问题。已存在的报告不会被覆盖，除非加 --force。
    任何一个文件导入失败时退出码不为零。
    """
    from gkgen.content.load import SiteNotFound, find_root
    from gkgen.content.new import SITE_YAML
    from gkgen.importer.batch import import_paths
    from gkgen.importer.plan import Options

    many = len(files) > 1 or any(f.is_dir() for f in files)
    if many and (year or name):
        click.secho("导入失败：--year 和 --name 只能在导入一个文件时使用。", fg="red", err=True)
        sys.exit(2)
    try:
        root = find_root(Path.cwd())
    except SiteNotFound:
        root = Path.cwd()
    site_yaml = root / "content" / "site.yaml"
    outcomes = import_paths(files, root / "content", Options(body, year, edition, name, force),
                            before_write=lambda: _site_yaml(site_yaml, SITE_YAML))
    if not outcomes:
        click.secho("导入失败：给出的目录中没有可导入的文件（.html、.htm、.shtml、.docx、.xlsx、.pdf、.txt、.md）。",
                    fg="red", err=True)
        sys.exit(2)
    status = 0
    for out in outcomes:
        if out.plan is None:
            click.secho(f"{_name(out.source)}：导入失败：{out.error}", fg="red", err=True)
            status = max(status, 1 if out.exists else 2)
        else:
            _report(out.plan, root, out.source, many)
    if many:
        ok = sum(o.plan is not None for o in outcomes)
        click.secho(f"共 {len(outcomes)} 个文件：导入 {ok} 个，失败 {len(outcomes) - ok} 个。",
                    fg="green" if ok == len(outcomes) else "red")
    sys.exit(status)


def _name(path: Path) -> str:
    from gkgen.importer.sources import shown

    return shown(path)


def _site_yaml(path: Path, text: str) -> None:
    if not path.exists():
        from gkgen.build.output import create_files

        create_files({path: text})


def _report(plan: object, root: Path, source: Path, many: bool) -> None:
    from gkgen.importer import LOG_NAME, Plan
    from gkgen.importer.batch import one_line
    from gkgen.importer.log import summary

    assert isinstance(plan, Plan)
    if many:
        click.echo(f"{_name(source)}：{one_line(plan)}")
        return
    for p in sorted(plan.files):
        click.echo(f"  写入 {p.relative_to(root)}")
    for line in summary(plan.log):
        click.echo(line)
    click.secho(f"已导入到 {plan.folder.relative_to(root)}。详见 {LOG_NAME}；"
                "请运行 gkgen check 检查并补全留空的单元格。", fg="green")

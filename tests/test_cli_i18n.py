"""Everything the command line prints is Chinese: click's own errors and help, OS errors,
help pages laid out for Chinese text; `gkgen new` picks the level from the body's name."""

from __future__ import annotations

import errno
import inspect
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner
from test_import_common import FIXTURES, empty_site

from gkgen.cli.level import choose_level
from gkgen.cli.main import main
from gkgen.cli.serve import _bind_error
from gkgen.cli.zhhelp import ZhCommand, join_lines, width, wrap
from gkgen.i18n import MESSAGES, os_error_zh

REPO = Path(__file__).resolve().parent.parent
ENGLISH = ("Error:", "Usage:", "Options:", "Commands:", "Arguments:", "Invalid value", "Try '",
           "Missing", "No such", "is not", "does not", "Got unexpected", "requires",
           "Did you mean", "[OPTIONS]", "Show this", "default:", "Aborted")
COMMANDS = ([], ["new"], ["check"], ["build"], ["serve"], ["import"], ["fields"])


def invoke(cwd: Path, *args: str, **extra: Any) -> Any:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="gkgen",
                                  **extra)
    finally:
        os.chdir(old)


def no_english(text: str) -> None:
    found = [w for w in ENGLISH if w in text]
    assert not found, f"English {found} in:\n{text}"


USAGE_ERRORS = [
    (["check", "nonexist"], "错误：'[PATH]' 的值无效：路径 'nonexist' 不存在。"),
    (["new", "x", "abc"], "错误：'YEAR' 的值无效：'abc' 不是有效的整数。"),
    (["new", "x", "1900"], "'YEAR' 的值无效：1900 超出了允许的范围 1990<=x<=2100。"),
    (["new"], "错误：缺少参数 'BODY'。"),
    (["new", "x", "2022", "surplus"], "错误：多余的参数：surplus"),
    (["new", "x", "2022", "--level", "foo"],
     "'--level' 的值无效：'foo' 不是可选的值，可选：'department', 'government', 'township'。"),
    (["build", "--out", "afile"], "'--out' 的值无效：'afile' 是一个文件，这里需要的是目录。"),
    (["build", "--jobs", "0"], "'--jobs' / '-j' 的值无效：0 超出了允许的范围 1<=x<=256。"),
    (["import", "nofile"], "'文件或目录...' 的值无效：路径 'nofile' 不存在。"),
    (["check", "--strct"], "错误：没有选项 '--strct'。是不是要用 '--strict'？"),
    (["check", "--nope"], "错误：没有选项 '--nope'。"),
    (["check", "--format"], "错误：选项 '--format' 后面需要一个值。"),
    (["chek"], "错误：没有命令 'chek'。是不是要用 'check'？"),
    (["nope"], "错误：没有命令 'nope'。"),
    (["--strict"], "错误：没有选项 '--strict'。"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS,
                         ids=[" ".join(args) for args, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    res = invoke(tmp_path, *args)
    assert res.exit_code == 2, res.output
    assert message in res.output
    no_english(res.output)
    if args == ["check", "--format"]:
        return  # click reports a missing option value without the usage lines
    sub = args[0] if args and args[0] in main.list_commands(click.Context(main)) else ""
    command = f"gkgen {sub}".strip()
    assert f"用法：{command} [选项]" in res.output
    assert f"运行“{command} --help”查看帮助。" in res.output


def test_a_real_process_reports_in_chinese(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    res = subprocess.run([sys.executable, "-m", "gkgen", "check", "nonexist"], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 2
    assert "错误：'[PATH]' 的值无效：路径 'nonexist' 不存在。" in res.stderr
    assert "Traceback" not in res.stderr
    no_english(res.stderr + res.stdout)


def test_version_and_top_level_help() -> None:
    res = CliRunner().invoke(main, ["--version"], prog_name="gkgen")
    assert res.exit_code == 0 and res.output.startswith("gkgen 版本 ")
    res = CliRunner().invoke(main, ["-h"], prog_name="gkgen", terminal_width=80)
    for text in ("用法：gkgen [选项] 命令 [参数]...", "选项：", "命令：", "显示版本号并退出。",
                 "显示本帮助并退出。", "逐项核对数字", "gkgen new <机关> <年度>"):
        assert text in res.output
    no_english(res.output)
    assert not re.search(r"\b(Authors|figures|accessible)\b", res.output)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "gkgen")
def test_help_pages_read_as_chinese(args: list[str]) -> None:
    res = CliRunner().invoke(main, [*args, "--help"], prog_name="gkgen", terminal_width=80)
    assert res.exit_code == 0
    no_english(res.output)
    assert re.search(r"^用法：gkgen", res.output) and "\n选项：\n" in res.output
    for line in res.output.splitlines():
        assert width(line) <= 80, line
    # click joins the lines of a paragraph with a space: none between Chinese sentences
    assert not re.search(r"[。，；：）] [\u4e00-\u9fff]", res.output), res.output
    for bad in ("标签。 导入后", "目录）。 退出码", "TEXT", "INTEGER"):
        assert bad not in res.output


def test_every_option_of_every_command_has_chinese_help() -> None:
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None and isinstance(command, ZhCommand), name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help and re.search(r"[\u4e00-\u9fff]", param.help), (name, param.name)


def test_more_of_clicks_messages() -> None:
    @click.command(cls=ZhCommand)
    @click.option("--need", required=True)
    def needs(need: str) -> None:
        """Needs an option."""

    res = CliRunner().invoke(needs, [])
    assert res.exit_code == 2 and "错误：缺少选项 '--need'。" in res.output
    no_english(res.output)

    @click.command(cls=ZhCommand)
    def aborts() -> None:
        raise click.Abort()

    res = CliRunner().invoke(aborts, [])
    assert res.exit_code == 1 and "已中止。" in res.output

    @click.command(cls=ZhCommand)
    @click.option("--level", type=click.Choice(["a", "b"]), required=True)
    def choose(level: str) -> None:
        """Choose."""

    res = CliRunner().invoke(choose, [])
    assert "缺少选项 '--level'。可选：" in res.output
    no_english(res.output)


def test_unreadable_and_unwritable_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    @click.command(cls=ZhCommand)
    @click.argument("target", type=click.Path(exists=True, readable=True, writable=True))
    def touch(target: str) -> None:
        """Touch."""

    monkeypatch.setattr(click.types.os, "access", lambda path, mode: mode != os.R_OK)
    res = CliRunner().invoke(touch, [str(tmp_path)])
    assert "'TARGET' 的值无效：路径" in res.output and "没有读取权限。" in res.output
    monkeypatch.setattr(click.types.os, "access", lambda path, mode: mode != os.W_OK)
    res = CliRunner().invoke(touch, [str(tmp_path)])
    assert "没有写入权限。" in res.output
    no_english(res.output)


@pytest.mark.skipif("help" not in inspect.signature(click.Argument.__init__).parameters,
                    reason="click before 8.5 has no help for arguments")
def test_arguments_heading() -> None:
    @click.command(cls=ZhCommand)
    @click.argument("src", help="来源")  # type: ignore[call-arg]
    def copy(src: str) -> None:
        """Copy."""

    res = CliRunner().invoke(copy, ["--help"])
    assert "参数：" in res.output and "来源" in res.output
    no_english(res.output)


def test_templates_keep_their_fields() -> None:
    for english, chinese in MESSAGES.items():
        fields = set(re.findall(r"\{(\w+)", chinese)) | set(re.findall(r"%\((\w+)\)", chinese))
        assert fields <= set(re.findall(r"\{(\w+)", english)) | set(
            re.findall(r"%\((\w+)\)", english)), english
        assert re.search(r"[\u4e00-\u9fff]", chinese), english


# -- OS errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(("exc", "zh"), [
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "/x"), "文件或目录不存在"),
    (PermissionError(errno.EACCES, "Permission denied"), "没有权限"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "这是一个文件夹，不是文件"),
    (OSError(errno.EROFS, "Read-only file system"), "所在的磁盘或目录是只读的"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    (FileNotFoundError("gone"), "文件或目录不存在"),
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "无法识别这个主机名或地址"),
], ids=lambda v: type(v).__name__ if isinstance(v, OSError) else "")
def test_os_errors_in_chinese(exc: OSError, zh: str) -> None:
    assert os_error_zh(exc) == zh


def test_unknown_os_error_still_says_so_in_chinese() -> None:
    text = os_error_zh(OSError(errno.ENOEXEC, "Exec format error"))
    assert text.startswith("系统错误 ENOEXEC")


def test_serve_bind_failure_in_chinese() -> None:
    text = _bind_error(OSError(errno.EMFILE, "Too many open files"), "127.0.0.1", 8000)
    assert text == "无法在 127.0.0.1:8000 上启动预览服务器：打开的文件太多。"


def test_new_reports_a_write_failure_in_chinese(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(s: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "content"))

    monkeypatch.setattr("gkgen.content.new.write", read_only)
    res = invoke(tmp_path, "new", "x", "2022")
    assert res.exit_code == 1
    assert f"无法写入 {tmp_path / 'content'}：所在的磁盘或目录是只读的。" in res.output
    assert "Read-only" not in res.output


def test_import_reports_a_write_failure_in_chinese(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(plan: object, force: bool) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/site/content/czj")

    monkeypatch.setattr("gkgen.importer.write_plan", denied)
    res = invoke(empty_site(tmp_path), "import", str(FIXTURES / "report-2019-tabs.txt"),
                 "--body", "czj")
    assert res.exit_code == 1
    assert "导入失败：/srv/site/content/czj：没有权限。" in res.output
    assert "Permission" not in res.output


# -- help text helpers ------------------------------------------------------------------------


def test_wrapping_by_display_width() -> None:
    text = "机关层级，决定发布期限：department 县级以上人民政府部门；government 县级以上人民政府。"
    lines = wrap(text, 30)
    assert all(width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。；：）" for line in lines)
    assert join_lines(["写入记录：标签。", "导入后运行", "gkgen check", "检查。"]) == (
        "写入记录：标签。导入后运行 gkgen check 检查。")


# -- gkgen new: the level follows from the name -----------------------------------------------


@pytest.mark.parametrize(("name", "level"), [
    ("周口市人民政府", "government"),
    ("某某区东城街道办事处", "township"),
    ("某某县城关镇人民政府", "township"),
    ("某某县王庄乡人民政府", "township"),
    ("某某市财政局", "department"),
    ("某某市人民政府办公室", "department"),
])
def test_level_follows_from_the_name(name: str, level: str) -> None:
    assert choose_level(None, name)[0] == level
    assert choose_level("department", name) == ("department", "按 --level 指定")


def _body_level(root: Path, slug: str) -> str:
    data = yaml.safe_load((root / "content" / slug / "body.yaml").read_text(encoding="utf-8"))
    return str(data["level"])


def test_new_government_gets_its_level_and_deadline(tmp_path: Path) -> None:
    res = invoke(tmp_path, "new", "zk-gov", "2023", "--name", "周口市人民政府")
    assert res.exit_code == 0, res.output
    assert _body_level(tmp_path, "zk-gov") == "government"
    assert ("机关层级：县级以上人民政府（government，按名称“周口市人民政府”判断）；"
            "2023 年度报告的发布期限：2024 年 3 月 31 日。") in res.output
    report = (tmp_path / "content" / "zk-gov" / "2023" / "report.yaml").read_text(encoding="utf-8")
    assert "2024-03-31" in report


def test_new_township_deadline_follows_the_site_setting(tmp_path: Path) -> None:
    empty_site(tmp_path)
    site_yaml = tmp_path / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + 'township_deadline: "03-15"\n',
                         encoding="utf-8")
    res = invoke(tmp_path, "new", "dc", "2023", "--name", "某某区东城街道办事处")
    assert res.exit_code == 0, res.output
    assert _body_level(tmp_path, "dc") == "township"
    assert "乡镇人民政府、街道办事处（township" in res.output
    assert "发布期限：2024 年 3 月 15 日。" in res.output


def test_new_department_by_default_and_level_option_wins(tmp_path: Path) -> None:
    res = invoke(tmp_path, "new", "x", "2023")
    assert "县级以上人民政府部门（department，未给出 --name，按默认）" in res.output
    assert "2024 年 1 月 31 日" in res.output
    res = invoke(tmp_path, "new", "y", "2023", "--name", "某某市人民政府", "--level", "department")
    assert _body_level(tmp_path, "y") == "department" and "按 --level 指定" in res.output


def test_new_report_of_an_existing_body_keeps_its_level(tmp_path: Path) -> None:
    invoke(tmp_path, "new", "zk-gov", "2023", "--name", "周口市人民政府")
    res = invoke(tmp_path, "new", "zk-gov", "2024", "--level", "township")
    assert res.exit_code == 0, res.output
    assert _body_level(tmp_path, "zk-gov") == "government"
    assert "层级以其 body.yaml 为准，未使用 --level township" in res.output
    assert "（government，取自已有的 body.yaml）；2024 年度报告的发布期限：2025 年 3 月 31 日。" in res.output


# -- gkgen import: the bodies the site has -----------------------------------------------------


def test_import_lists_the_sites_bodies_when_it_cannot_choose(tmp_path: Path) -> None:
    invoke(tmp_path, "new", "zk-gov", "2020", "--name", "周口市人民政府")
    invoke(tmp_path, "new", "sw", "2020", "--name", "某某市商务局")
    src = tmp_path / "r.txt"
    src.write_text("一、总体情况\n统计期限为2022年1月1日至2022年12月31日。\n", encoding="utf-8")
    res = invoke(tmp_path, "import", str(src), "--edition", "2021")
    assert res.exit_code == 2
    assert "来源中没有机关名称" in res.output
    assert "站点中已有的机关目录：sw（某某市商务局）；zk-gov（周口市人民政府）。" in res.output


def test_import_into_a_site_without_bodies(tmp_path: Path) -> None:
    res = invoke(empty_site(tmp_path), "import", str(FIXTURES / "report-2019-tabs.txt"))
    assert res.exit_code == 0 and "新机关，按名称“示例县财政局”的拼音命名" in res.output

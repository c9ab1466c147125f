"""`gkgen serve`: preview the site while writing; rebuilds on save, the page reloads itself."""

from __future__ import annotations

import errno
import signal
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from types import FrameType

import click

from gkgen.cli.zhhelp import ZhCommand
from gkgen.content.load import SiteNotFound, find_root
from gkgen.i18n import os_error_zh
from gkgen.serve.session import LOCAL_HOSTS, Session


def _say(text: str) -> None:
    click.echo(text)


def _fail(text: str) -> None:
    click.secho(text, fg="red", err=True)
    sys.exit(1)


def _bind_error(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"端口 {port} 已被占用（可能已有一个 gkgen serve 或其他程序在使用）。\n"
                f"请换一个端口，例如：gkgen serve --port {port + 1 if 0 < port < 65535 else 8001}，"
                "或用 --port 0 让系统自动选择空闲端口。")
    if exc.errno == errno.EACCES:
        return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）。请改用 --port 8000 等端口。"
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return f"无法在地址 {host} 上提供预览：本机没有这个地址。请检查 --host 的值。"
    return f"无法在 {host}:{port} 上启动预览服务器：{os_error_zh(exc)}。"


def _sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command("serve", cls=ZhCommand, short_help="边写边预览，保存后自动刷新。")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=".")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              metavar="端口号", help="端口；0 表示自动选择空闲端口。")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址。默认只有本机能访问；改为其他地址会让别人也能看到预览。")
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开预览。")
def command(path: Path, port: int, host: str, open_browser: bool) -> None:
    """边写边预览：生成网页并在本机提供浏览，保存文件后自动重新生成、页面自动刷新。

    \b
    PATH 是站点目录（默认当前目录）。
    预览生成在临时目录中（不会改动 output/），停止时自动删除；按 Ctrl-C 停止。
    有错误时，页面顶部列出错误（编号、说明、文件:行），
    并继续显示上次成功生成的内容。
    报告的 PDF 在第一次打开时生成，内容不变时直接复用。
    """
    try:
        root = find_root(path)
    except SiteNotFound:
        raise click.UsageError(
            f"在 {path} 及其上级目录中找不到 gkgen 站点（content/site.yaml）。") from None
    if host not in LOCAL_HOSTS:
        click.secho(f"警告：预览将在 {host} 上提供，同一网络中的其他人也可能访问到尚未发布的报告。"
                    "只在确有需要时使用 --host。", fg="yellow", err=True)
    previous = signal.signal(signal.SIGTERM, _sigterm)  # `kill` ends it like Ctrl-C does
    try:
        _run(root, host, port, open_browser)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _start(root: Path, host: str, port: int) -> Session:
    from gkgen.serve.pdfs import PdfCache

    try:
        return Session(root, host, port, pdfs=PdfCache, say=_say)
    except OSError as exc:
        _fail(_bind_error(exc, host, port))
        raise  # not reached: _fail exits


def _run(root: Path, host: str, port: int, open_browser: bool) -> None:
    try:
        session = _start(root, host, port)
    except KeyboardInterrupt:
        click.echo("已停止。")
        return
    try:
        click.echo(f"正在预览 {session.root}（临时目录 {session.workdir}）")
        session.build_first()
        click.secho(f"预览地址：{session.url}  按 Ctrl-C 停止。", fg="green", bold=True)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(session.url,), daemon=True).start()
        session.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a 2nd Ctrl-C: no half cleanup
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        session.close()
        signal.signal(signal.SIGINT, interrupt)
    click.echo("已停止预览，临时文件已清理。再见！")

"""The one reader of author files: a regular file inside the site's content/, of bounded size.

A symlink out of the site (/etc/passwd), a symlink loop, a FIFO (it blocks), a device
(/dev/zero never ends), a folder or a file too large raise Refused with a Chinese message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 1024 * 1024  # an author file gkgen reads; a report's largest part is ~50 KB
READ_HINT = "检查文件是否存在、是否被其他程序占用，以及是否有读取权限。"


class Refused(Exception):
    """A path the one reader of author files will not read; the message is for the author."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def content_root(path: Path) -> Path:
    """The site's content/ folder that path lies in (the nearest one holding site.yaml)."""
    for cand in path.absolute().parents:
        if cand.name == "content" and (cand / "site.yaml").exists():
            return cand
    return path.absolute().parent


def read_bytes(path: Path, inside: Path | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an author file: a regular file inside the site, at most limit bytes.

    A symlink out of the site (/etc/passwd), a FIFO, a device (/dev/zero), a folder or a
    file too large raise Refused; they would leak, block or exhaust memory.
    """
    root = (inside or content_root(path)).resolve()
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # a symlink loop (Python 3.11 raises this for ELOOP)
        raise Refused("文件是循环的符号链接，无法读取。", "删除这个符号链接，改为放入真实的文件。") from None
    if not real.is_relative_to(root):
        raise Refused(f"文件是指向站点之外（{excerpt_path(real)}）的符号链接，不会读取。",
                      "只能使用站点 content 目录中的真实文件；把内容复制进来，删除这个符号链接。")
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Refused("这是一个文件夹，不是文件。", READ_HINT)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"这不是普通文件（{_KINDS.get(stat.S_IFMT(st.st_mode), '特殊文件')}），不会读取。",
                          "换成一个普通的文本文件。")
        if st.st_size > limit:
            raise Refused(f"文件过大（{st.st_size // 1024} KB，上限 {limit // 1024} KB）。",
                          "检查是否放错了文件；报告的一个部分通常只有几十 KB。")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise Refused(f"文件过大（超过 {limit // 1024} KB）。", "检查是否放错了文件。")
    return data


_KINDS = {stat.S_IFIFO: "命名管道", stat.S_IFCHR: "字符设备", stat.S_IFBLK: "块设备",
          stat.S_IFSOCK: "套接字", stat.S_IFDIR: "目录"}


def excerpt_path(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 60 else "…" + text[-60:]


__all__ = ["MAX_BYTES", "READ_HINT", "Refused", "content_root", "read_bytes"]

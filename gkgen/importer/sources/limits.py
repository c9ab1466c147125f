"""What a source file may be before a reader sees it: its size, its text encoding, and (for
Office files, which are zip archives) what it unpacks to, so a hostile file gets a refusal
in Chinese, not a hang or a memory blow-up."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from gkgen.i18n import os_error_zh
from gkgen.importer.sources.errors import SourceError, shown

MAX_BYTES = 20 * 1024 * 1024  # a report page is well under 2 MB; a PDF under 10 MB
MAX_UNPACKED = 60 * 1024 * 1024  # all members of an Office file, unpacked
MAX_MEMBERS = 2000  # members of an Office file (a report has a few dozen)
MAX_RATIO = 200  # unpacked / packed size of one member (XML packs about 10:1)


def check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"无法读取文件 {shown(path)}：{os_error_zh(exc)}") from None
    if size > MAX_BYTES:
        raise SourceError(f"文件 {shown(path)} 有 {size // (1024 * 1024)} MB，超过导入上限 "
                          f"{MAX_BYTES // (1024 * 1024)} MB；年度报告的网页或文件不会这么大，请确认选对了文件。")


def declared_members(path: Path) -> int | None:
    """How many members a zip's end record declares, read from the file's last 64 KB before
    zipfile parses the directory (a directory of 250,000 entries takes 150 MB to parse);
    None when there is no end record (not a zip: the reader refuses it its own way)."""
    try:
        with path.open("rb") as f:
            size = f.seek(0, 2)
            f.seek(max(size - 65_557, 0))
            tail = f.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) < at + 22:
                return None
            count = struct.unpack_from("<H", tail, at + 10)[0]
            locator = tail.rfind(b"PK\x06\x07", 0, at)
            if count == 0xFFFF and locator >= 0 and len(tail) >= locator + 20:  # ZIP64
                f.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
                record = f.read(56)
                if len(record) == 56 and record[:4] == b"PK\x06\x06":
                    count = struct.unpack_from("<Q", record, 32)[0]
            return int(count)
    except OSError:
        return None


def check_zip(path: Path) -> None:
    """Refuse an Office file whose members would unpack past the limits (a zip bomb); the
    sizes are read from the archive's directory, nothing is unpacked."""
    declared = declared_members(path)
    if declared is not None and declared > MAX_MEMBERS:
        raise SourceError(f"{shown(path)} 中有 {declared} 个部件，超过导入上限（{MAX_MEMBERS} 个部件），"
                          "可能是恶意构造的文件，未导入。")
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader gives its own "damaged file" refusal
    total = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0.0)
    if len(members) > MAX_MEMBERS or total > MAX_UNPACKED or ratio > MAX_RATIO:
        raise SourceError(f"{shown(path)} 解压后有 {total // (1024 * 1024)} MB、{len(members)} 个部件"
                          f"（压缩比最高 {ratio:.0f} 倍），超过导入上限（{MAX_UNPACKED // (1024 * 1024)} MB、"
                          f"{MAX_MEMBERS} 个部件、{MAX_RATIO} 倍），可能是恶意构造的文件，未导入。")


def decode(path: Path) -> str:
    """A file's text: UTF-8 (with or without BOM), else GB18030 (many Chinese sites)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"无法读取文件 {shown(path)}：{os_error_zh(exc)}") from None
    if b"\x00" in data[:65536]:
        raise SourceError(f"{shown(path)} 不是文字文件（含有二进制内容），无法导入。"
                          "支持的格式：网页 .html、Word .docx、PDF、文字 .txt/.md。")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"文件 {shown(path)} 既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取。")

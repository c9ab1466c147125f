"""Looking inside an Office package before any library unpacks it: a zip bomb or a giant
sheet is refused from the sizes the zip declares (Python's zipfile never inflates a member
past its declared size), so a hostile file costs a directory read, not memory or minutes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from gkgen.importer.sources.limits import declared_members

MAX_MEMBERS = 500  # a report workbook has about 12
MAX_UNPACKED = 60 * 1024 * 1024  # all members, inflated (gkgen.importer.sources.MAX_UNPACKED)
MAX_SHEET = 8 * 1024 * 1024  # one worksheet's XML: an official table takes under 100 KB
MAX_RATIO = 200  # inflated / compressed size of a big member; XML rarely exceeds ~30


def check_package(path: Path, error: type[Exception]) -> None:
    """Raise error (a Chinese message) unless path is a zip of sensible size."""
    name = path.name
    declared = declared_members(path)  # before zipfile parses a directory of that many entries
    if declared is not None and declared > MAX_MEMBERS:
        raise error(f"{name} 中有 {declared} 个部件，远多于统计表工作簿应有的数量，不是正常的 .xlsx，未导入。")
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise error(f"无法打开 Excel 文件 {name}：文件已损坏，或不是 .xlsx 格式（旧的 .xls 请先在 Excel 或 WPS "
                    "中另存为 .xlsx；加密的工作簿请先取消密码）。") from None
    if len(members) > MAX_MEMBERS:
        raise error(f"{name} 中有 {len(members)} 个部件，远多于统计表工作簿应有的数量，不是正常的 .xlsx，未导入。")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise error(f"{name} 解压后有 {total // (1024 * 1024)} MB，超过导入上限 "
                    f"{MAX_UNPACKED // (1024 * 1024)} MB（可能是“压缩炸弹”），未导入。")
    for m in members:
        big = m.file_size > 1024 * 1024
        if big and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise error(f"{name} 的部件 {m.filename} 压缩比异常（{m.compress_size} 字节解压为 "
                        f"{m.file_size} 字节，可能是“压缩炸弹”），未导入。")
        if m.filename.startswith("xl/worksheets/") and m.file_size > MAX_SHEET:
            raise error(f"{name} 的工作表 {m.filename} 解压后有 {m.file_size // (1024 * 1024)} MB，"
                        f"超过上限 {MAX_SHEET // (1024 * 1024)} MB；一张统计表不会这么大，请确认选对了文件。")

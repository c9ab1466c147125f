"""The only module that writes to disk. Every write is atomic (temp file + rename)."""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


class WouldOverwrite(Exception):
    """A path that exists already and must not be replaced."""


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write data to path so that readers see the old or the new file, never a part."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_files(files: dict[Path, str]) -> None:
    """Write new files; refuse (before writing anything) if any of them exists."""
    existing = [p for p in files if p.exists()]
    if existing:
        raise WouldOverwrite(", ".join(str(p) for p in existing))
    for path, text in files.items():
        atomic_write(path, text)


OUTPUT_MARKER = ".gkgen-output"


class UnsafeOutput(Exception):
    """An output folder gkgen must not replace (it holds something gkgen did not build)."""


def check_output_dir(out: Path, protected: list[Path]) -> None:
    """Refuse an output folder that is, holds or lies inside a protected folder, or a foreign one."""
    out = out.resolve()
    for p in protected:
        p = p.resolve()
        if out == p or out.is_relative_to(p) or p.is_relative_to(out):
            raise UnsafeOutput(f"输出目录 {out} 与 {p} 重叠")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out} 不是目录")
    if out.is_dir() and any(out.iterdir()) and not (out / OUTPUT_MARKER).is_file():
        raise UnsafeOutput(f"{out} 不是 gkgen 生成的目录（缺少 {OUTPUT_MARKER}），不会覆盖其中的文件")


STALE_AFTER = 3600  # seconds: a staging folder without a living owner's pid this old is left over


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> list[Path]:
    """Remove the staging and swap folders next to out that a killed build left behind.

    A folder named with a pid is stale when that process is gone; an older one without a
    pid when it has not changed for STALE_AFTER seconds. Returns what was removed.
    """
    removed = []
    for prefix in (f".{out.name}.new-", f".{out.name}.old-"):
        for folder in out.parent.glob(prefix + "*"):
            tail = folder.name[len(prefix):]
            pid = tail.split("-", 1)[0]
            if "-" in tail and pid.isdigit():
                stale = int(pid) != os.getpid() and not _alive(int(pid))
            else:
                try:
                    stale = time.time() - folder.lstat().st_mtime > STALE_AFTER
                except OSError:
                    continue
            if stale and folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


class Staging:
    """A fresh folder next to out that replaces out in one step on commit(), or vanishes.

    Files are written (or carried over from the old output as hard links, copies where
    links are impossible) one by one, so a build need not hold its output in memory.
    Until commit() the old output is never touched.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(self.out)
        self.path = Path(tempfile.mkdtemp(dir=self.out.parent,
                                          prefix=f".{self.out.name}.new-{os.getpid()}-"))
        self._dirs: set[Path] = {self.path}

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)

    def _target(self, rel: str) -> Path:
        path = self.path / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.update(p for p in path.parents if p.is_relative_to(self.path))
        return path

    def write(self, rel: str, data: bytes) -> Path:
        """Write one file of the new tree."""
        path = self._target(rel)
        path.write_bytes(data)
        os.chmod(path, 0o644)
        return path

    def carry(self, rel: str, source: Path) -> Path:
        """Take a file unchanged from the old output (hard link; a copy where that fails)."""
        path = self._target(rel)
        try:
            os.link(source, path)
        except OSError:
            shutil.copy2(source, path)
            os.chmod(path, 0o644)
        return path

    def commit(self) -> None:
        """Mark the tree as gkgen's and swap it in for out."""
        (self.path / OUTPUT_MARKER).write_text("gkgen\n", encoding="utf-8")
        for d in self._dirs:
            os.chmod(d, 0o755)
        _swap(self.path, self.out)


def _swap(new: Path, out: Path) -> None:
    # out and new trade places in one step where the kernel allows it (renameat2 EXCHANGE),
    # so a web server never sees a missing or half-written tree; elsewhere two renames.
    if not out.exists():
        os.replace(new, out)
        return
    if _exchange(new, out):
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-{os.getpid()}-"))
    os.replace(out, old / out.name)
    os.replace(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False when unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        return False
    shutil.rmtree(a, ignore_errors=True)  # a now holds the old tree
    return True

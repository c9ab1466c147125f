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


def write_tree(top: str, files: dict[str, bytes]) -> dict[str, list[int]]:
    """Write new files below top (a staging folder; keys are '/'-paths): each one's
    [size, mtime_ns], as gkgen.build.cache.output_stat gives it. A local worker writes a
    task's files this way (Staging.adopt then takes them into the tree)."""
    made: set[str] = set()
    stats: dict[str, list[int]] = {}
    for rel, data in files.items():
        path = os.path.join(top, rel)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), 0o644)
            st = os.fstat(f.fileno())
        stats[rel] = [st.st_size, st.st_mtime_ns]
    return stats


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


def alive(pid: int) -> bool:
    """True when a process with this pid exists."""
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
                stale = int(pid) != os.getpid() and not alive(int(pid))
            else:
                try:
                    stale = time.time() - folder.lstat().st_mtime > STALE_AFTER
                except OSError:
                    continue
            if stale and folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


IN_PLACE_SHARE = 10  # commit in place when at most 1 file in this many is new (and few overall)
IN_PLACE_MIN = 64  # ... or at most this many files are new


class Staging:
    """A fresh folder next to out, holding the new files of a build until commit().

    Files are written one by one, so a build need not hold its output in memory; files
    unchanged since the last build are "carried". Until commit() the old output is never
    touched. commit() then either

    * swaps a complete new tree in for out in one step (carried files hard-linked into it,
      copies where links are impossible): a web server never sees a mix of old and new
      files. This is how a first or a large build ends; or
    * when few files are new, moves just those into out (each by an atomic rename, so no
      reader sees half a file, and an existing file's inode is never written to: hard-linked
      copies of out stay as they were) and removes the files the build no longer makes.
      A one-report change then costs what it changes, not the size of the site. The
      output marker is replaced first, so a commit cut short leaves a tree no cache entry
      matches: the next build is a full one.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self._out = str(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(self.out)
        self.path = Path(tempfile.mkdtemp(dir=self.out.parent,
                                          prefix=f".{self.out.name}.new-{os.getpid()}-"))
        self._dirs: set[Path] = {self.path}
        self._written: list[str] = []
        self._carried: list[str] = []  # files of out kept where they are (linked on a swap)
        self.in_place: bool | None = None  # how the last commit() went

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)

    def _target(self, rel: str, make: bool = True) -> Path:
        """path/rel, its folders made (make=False: another process made them) and noted."""
        path = self.path / rel
        if path.parent not in self._dirs:
            if make:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.update(p for p in path.parents if p.is_relative_to(self.path))
        return path

    def write(self, rel: str, data: bytes) -> Path:
        """Write one file of the new tree."""
        path = self._target(rel)
        path.write_bytes(data)
        os.chmod(path, 0o644)
        self._written.append(rel)
        return path

    def adopt(self, rel: str) -> None:
        """A file another process wrote into the new tree (write_tree, by a local worker)."""
        self._target(rel, make=False)
        self._written.append(rel)

    def carry(self, rel: str, source: Path) -> Path:
        """Take a file unchanged from the old output; the path it has until commit().

        A file of out itself stays where it is (linked into the new tree only if the
        commit swaps trees); any other source is hard-linked (or copied) at once.
        """
        if source == self.out / rel:
            self._carried.append(rel)
            return source
        path = self._target(rel)
        _link(source, path)
        self._written.append(rel)
        return path

    def keep(self, rel: str) -> str:
        """carry(rel, out/rel), the common case, without building paths: out/rel as a string."""
        self._carried.append(rel)
        return os.path.join(self._out, rel)

    def commit(self) -> None:
        """Mark the tree as gkgen's and make it the output (see the class)."""
        new = len(self._written)
        small = new <= IN_PLACE_MIN or new * IN_PLACE_SHARE <= new + len(self._carried)
        self.in_place = small and (self.out / OUTPUT_MARKER).is_file() and self.out.is_dir()
        if self.in_place:
            self._commit_in_place()
            return
        for rel in self._carried:
            _link(self.out / rel, self._target(rel))
        (self.path / OUTPUT_MARKER).write_text("gkgen\n", encoding="utf-8")
        for d in self._dirs:
            os.chmod(d, 0o755)
        _swap(self.path, self.out)

    def _commit_in_place(self) -> None:
        out = str(self.out)
        atomic_write(self.out / OUTPUT_MARKER, "gkgen\n")  # old cache entries no longer match
        keep = set(self._written) | set(self._carried) | {OUTPUT_MARKER}
        gone = [rel for rel in _files_below(out) if rel not in keep]
        for rel in gone:
            os.unlink(os.path.join(out, rel))
        made: set[str] = set()
        for rel in self._written:
            target = os.path.join(out, rel)
            parent = os.path.dirname(rel)
            if parent and parent not in made:
                _make_dirs(out, parent)
                made.add(parent)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            os.replace(os.path.join(self.path, rel), target)
        _remove_empty(out, {os.path.dirname(rel) for rel in gone})
        shutil.rmtree(self.path, ignore_errors=True)


def _link(source: Path, path: Path) -> None:
    try:
        os.link(source, path)
    except OSError:
        shutil.copy2(source, path)
        os.chmod(path, 0o644)


def _files_below(top: str) -> list[str]:
    """Every file and symlink below top, as relative '/'-paths (links are not followed)."""
    found: list[str] = []
    todo = [""]
    while todo:
        rel = todo.pop()
        with os.scandir(os.path.join(top, rel) if rel else top) as it:
            for e in it:
                name = f"{rel}/{e.name}" if rel else e.name
                if e.is_dir(follow_symlinks=False):
                    todo.append(name)
                else:
                    found.append(name)
    return found


def _make_dirs(top: str, rel: str) -> None:
    """The folders of rel below top, each a real folder (a file or link in the way is removed)."""
    path = top
    for part in rel.split("/"):
        path = os.path.join(path, part)
        if os.path.isdir(path) and not os.path.islink(path):
            continue
        if os.path.lexists(path):
            os.unlink(path)
        os.mkdir(path)
        os.chmod(path, 0o755)


def _remove_empty(top: str, rels: set[str]) -> None:
    """Remove the folders of rels (and their parents below top) that are now empty."""
    for rel in sorted(rels, key=lambda r: -r.count("/")):
        while rel:
            try:
                os.rmdir(os.path.join(top, rel))
            except OSError:
                break
            rel = os.path.dirname(rel)


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

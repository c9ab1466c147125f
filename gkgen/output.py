"""The only module that writes to disk. Every write is atomic (temp file + rename)."""

from __future__ import annotations

import os
import tempfile
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

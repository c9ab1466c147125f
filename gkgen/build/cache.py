"""The build cache: what the last successful build was made from, so the next one redoes only that.

The cache lives in the site, never in the published output: one folder per output folder,
``<root>/.gkgen-cache/<digest of the output's path>/manifest.json`` (plus a file ``output``
naming that output folder, so entries of deleted outputs can be pruned). It records

* the output folder it belongs to and the identity (inode, size, mtime) of that folder's
  ``.gkgen-output`` marker, which every build writes anew: a manifest is used only for the
  very output tree it was written for;
* a digest of every input file (with its size, mtime and inode, so an unchanged file is
  not read again — a file changed within two seconds of being hashed is always re-read);
* per report: the digest of everything its pages are made from, the key of its PDF,
  the images it used, its output files and the findings its rendering produced;
* a key per site page and for the open data, and the size and mtime of every output file.

It is written after the new output has been swapped in, so a failed build changes neither
the output nor the cache, and a build interrupted between the two leaves a manifest whose
marker no longer matches. Anything unreadable, of another schema or gkgen version, or
written for another output tree counts as no cache: a full build, never a wrong one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

import gkgen
from gkgen.build.output import OUTPUT_MARKER, atomic_write
from gkgen.findings import Finding, Pos

CACHE_DIR = ".gkgen-cache"  # in the site root, next to content/
CHECKS_DIR = "checks"  # the load-and-check records (gkgen.build.records), shared by all outputs
MANIFEST = "manifest.json"
OUTPUT_NAME = "output"  # the output folder an entry belongs to (for pruning)
SCHEMA = "gkgen.build.cache/2"
RACY_NS = 2_000_000_000  # a file changed this close to its hashing is hashed again
MISSING = "-"


def digest(*parts: str | bytes) -> str:
    """A SHA-256 over the parts, each length-prefixed (so parts cannot run together)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@dataclass
class FileDigests:
    """Content digests of input files, reusing the last build's where a file's stat is unchanged."""

    known: dict[str, list[Any]] = field(default_factory=dict)  # path -> [size, mtime, ino, sha]
    known_ns: int = 0  # when the known digests were taken
    seen: dict[str, list[Any]] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)

    def of(self, path: Path | str) -> str:
        """The digest of the file's bytes, or MISSING when it cannot be read."""
        key = os.fspath(path)
        if key in self.seen:
            return str(self.seen[key][3])
        try:
            st = os.stat(key)
        except OSError:
            return MISSING
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero never ends
            return MISSING
        old = self.known.get(key)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and old[2] == st.st_ino \
                and st.st_mtime_ns + RACY_NS < self.known_ns:
            self.seen[key] = old
            return str(old[3])
        try:
            with open(key, "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return MISSING
        self.seen[key] = [st.st_size, st.st_mtime_ns, st.st_ino, sha]
        return sha

    def tree(self, folder: Path) -> list[tuple[str, str]]:
        """(path, digest) of every file below folder, sorted; empty when there is no folder.

        Symbolic links are followed, but each real folder is walked once (a link loop ends)
        and a link to a folder outside this one is not walked at all.
        """
        top = os.fspath(folder)
        try:
            real_top = os.path.realpath(top)
            first = os.stat(top)
        except OSError:
            return []
        if not stat.S_ISDIR(first.st_mode):
            return []
        found: list[str] = []
        seen = {(first.st_dev, first.st_ino)}
        todo = [top]
        while todo:
            base = todo.pop()
            try:
                entries = list(os.scandir(base))
            except OSError:
                continue
            for e in entries:
                try:
                    is_dir = e.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir:
                    found.append(e.path)
                    continue
                try:
                    if e.is_symlink():
                        real = os.path.realpath(e.path)
                        if os.path.commonpath([real_top, real]) != real_top:
                            continue
                    st = e.stat()
                except (OSError, ValueError):
                    continue
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    todo.append(e.path)
        found.sort()
        return [(p, self.of(p)) for p in found]


def code_digest(files: FileDigests) -> str:
    """gkgen's version and the digest of its own code and assets (templates are tracked apart)."""
    package = Path(gkgen.__file__).resolve().parent
    entries = [(p, d) for p, d in files.tree(package)
               if p.endswith((".py", ".css", ".html", ".svg")) and "__pycache__" not in p]
    return digest(gkgen.__version__, *(f"{p}\0{d}" for p, d in entries))


def template_deps(env: jinja2.Environment, name: str) -> list[str] | None:
    """Files the named template loads (extends, include, import), or None when not knowable."""
    found: dict[str, str] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            refs = list(meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateError:
            return None
        if filename is None or any(r is None for r in refs):
            return None
        found[current] = filename
        todo.extend(r for r in refs if r is not None)
    return sorted(found.values())


def finding_json(f: Finding, root: Path) -> dict[str, Any]:
    """A finding as cache JSON (paths below root kept relative)."""
    data = asdict(f)
    data["pos"] = [_rel(f.pos.file, root), f.pos.line, f.pos.column]
    data["expected"], data["actual"] = _num(f.expected), _num(f.actual)
    data["cells"], data["labels"] = list(f.cells), list(f.labels)
    return data


def finding_from(data: dict[str, Any], root: Path) -> Finding:
    """The finding finding_json wrote."""
    file, line, column = data["pos"]
    return Finding(data["id"], data["message"], Pos(root / file, line, column),
                   data["severity"], data["hint"], tuple(data["cells"]), tuple(data["labels"]),
                   _unnum(data["expected"]), _unnum(data["actual"]), data["extra"])


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _num(v: Any) -> Any:
    return {"decimal": str(v)} if isinstance(v, Decimal) else v


def _unnum(v: Any) -> Any:
    return Decimal(v["decimal"]) if isinstance(v, dict) else v


@dataclass
class ReportEntry:
    """What the cache knows of one report's last rendering."""

    key: str
    files: list[str]
    images: list[str] = field(default_factory=list)
    pdf_key: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Manifest:
    """The last successful build: its inputs, keys and output files."""

    output: str = ""  # the output folder (resolved path)
    marker: list[int] = field(default_factory=list)  # identity of its .gkgen-output file
    fingerprint: str = ""
    scanned_ns: int = 0
    inputs: dict[str, list[Any]] = field(default_factory=dict)
    reports: dict[str, ReportEntry] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output path -> key of its inputs
    outputs: dict[str, list[int]] = field(default_factory=dict)  # path -> [size, mtime_ns]
    findings: list[dict[str, Any]] = field(default_factory=list)
    report_count: int = 0
    options: str = ""  # build options that change the output without changing an input (--drafts)

    def dumps(self) -> bytes:
        """The manifest as JSON bytes."""
        # vars(), not dataclasses.asdict(): asdict deep-copies every list (seconds at 10,000 files)
        data = {"schema": SCHEMA, "gkgen": gkgen.__version__, **vars(self),
                "reports": {k: vars(e) for k, e in self.reports.items()}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def digests(self) -> FileDigests:
        """A FileDigests that reuses this build's input digests."""
        return FileDigests(known=self.inputs, known_ns=self.scanned_ns)


def entry_dir(root: Path, out: Path) -> Path:
    """The cache folder of the output at out (inside the site at root)."""
    name = hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:16]
    return root / CACHE_DIR / name


def marker_id(out: Path) -> list[int] | None:
    """The identity of out's .gkgen-output marker (a fresh file in every build), None if none."""
    try:
        st = os.stat(out / OUTPUT_MARKER, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def load_manifest(root: Path, out: Path) -> Manifest | None:
    """The manifest of the output tree now at out, or None when missing, corrupt or foreign."""
    try:
        marker = marker_id(out)
        if marker is None:
            return None
        data = json.loads((entry_dir(root, out) / MANIFEST).read_bytes())
        if data.pop("schema") != SCHEMA or data.pop("gkgen") != gkgen.__version__:
            return None
        data["reports"] = {k: ReportEntry(**v) for k, v in data["reports"].items()}
        manifest = Manifest(**data)
        _validate(manifest)
        if manifest.output != str(out.resolve()) or manifest.marker != marker:
            return None  # written for another output, or for an earlier tree at out
        return manifest
    except Exception:  # any damage at all: no cache, a full build
        return None


def save_manifest(root: Path, out: Path, manifest: Manifest) -> None:
    """Record manifest as the cache of the output tree now at out; drop entries of gone outputs.

    Best effort: a cache that cannot be written only makes the next build a full one.
    """
    manifest.output, manifest.marker = str(out.resolve()), marker_id(out) or []
    entry = entry_dir(root, out)
    try:
        atomic_write(entry / OUTPUT_NAME, manifest.output + "\n")
        atomic_write(entry / MANIFEST, manifest.dumps())
    except OSError:
        return
    _prune(entry.parent, keep=entry)


def _prune(folder: Path, keep: Path) -> None:
    for entry in folder.iterdir():
        if entry == keep or not entry.is_dir() or entry.name == CHECKS_DIR:
            continue
        try:
            owner = Path((entry / OUTPUT_NAME).read_text(encoding="utf-8").strip())
        except (OSError, UnicodeError):
            owner = None
        if owner is None or not owner.is_absolute() or marker_id(owner) is None:
            shutil.rmtree(entry, ignore_errors=True)


def _validate(m: Manifest) -> None:
    if not isinstance(m.fingerprint, str) or not isinstance(m.scanned_ns, int) \
            or not isinstance(m.output, str) or not all(isinstance(x, int) for x in m.marker):
        raise ValueError("bad manifest")
    for entry in m.inputs.values():
        size, mtime, ino, sha = entry
        if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(ino, int)
                and isinstance(sha, str)):
            raise ValueError("bad input entry")
    for size_mtime in m.outputs.values():
        if len(size_mtime) != 2 or not all(isinstance(x, int) for x in size_mtime):
            raise ValueError("bad output entry")
    for r in m.reports.values():
        if not isinstance(r.key, str) or not all(f in m.outputs for f in r.files):
            raise ValueError("bad report entry")


def output_stat(path: Path | str) -> list[int] | None:
    """[size, mtime_ns] of an output file, None when it is not a regular file."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def intact(out: Path, m: Manifest, rels: Iterable[str]) -> bool:
    """True when each output file is still what the last build wrote (same size and mtime)."""
    top = os.fspath(out)
    return all(output_stat(os.path.join(top, rel)) == m.outputs.get(rel) for rel in rels)


def tree_intact(out: Path, m: Manifest) -> bool:
    """True when out holds exactly the files the manifest lists, each unchanged."""
    found: set[str] = set()
    for base, _, files in os.walk(out):
        rel_base = os.path.relpath(base, out)
        for f in files:
            rel = f if rel_base == "." else f"{rel_base}/{f}".replace(os.sep, "/")
            if rel != OUTPUT_MARKER:
                found.add(rel)
    return found == set(m.outputs) and intact(out, m, found)

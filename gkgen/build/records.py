"""The load-and-check cache: what reading and checking one report (or one body.yaml) found.

A record is stored under the digest of everything that reading and checking it depends on
(``gkgen.build.plan.check_key``: the report's own files, the previous year's, body.yaml and
the body folder's other files, site.yaml, gkgen's code), in
``<root>/.gkgen-cache/checks/<2 hex>/<key>.json``. Content-addressed: a record is never
rewritten with other content, so concurrent builds, retried tasks and `gkgen check` can share
the store; an unreadable or damaged record is simply a miss (the report is read and checked
again). A record also lists the images the report's narrative points at, with their digests:
a record whose images changed is a miss too, so the cache never hides an F9 finding.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gkgen.build.cache import CACHE_DIR, CHECKS_DIR, FileDigests, finding_from, finding_json
from gkgen.build.output import alive, atomic_write
from gkgen.findings import Finding
from gkgen.model import Report

RECORD_SCHEMA = 2
PARTS = ".parts"  # suffix of a record's open-data parts file
PENDING = ".waiting-"  # folders of parts not saved yet: .waiting-<pid>-<random>
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^\s)>]+)")


@dataclass
class Light:
    """What the site pages and the open data need of one report (small to store and to send)."""

    year: int
    dir: Path
    edition: str
    published: str | None  # ISO date
    title: str | None
    draft: bool  # a draft (gkgen.content.drafts): held back unless --drafts
    json_part: str  # its share of data/reports.json (gkgen.render.dataset.json_part)
    csv_part: str  # its share of data/reports.csv
    parts_file: str | None = None  # from a record: the parts are read from here when needed

    def parts(self) -> tuple[str, str]:
        """(json_part, csv_part), read from the record store if this Light came from there."""
        if self.parts_file is None:
            return self.json_part, self.csv_part
        try:
            data = json.loads(Path(self.parts_file).read_bytes())
            if not (isinstance(data, list) and len(data) == 2
                    and all(isinstance(x, str) for x in data)):
                raise ValueError("bad parts")
        except (OSError, ValueError) as exc:
            raise DamagedRecord(self.parts_file) from exc
        return data[0], data[1]


class DamagedRecord(Exception):
    """A record's open-data file changed after the record was read (the store was damaged)."""


def image_deps(report: Report, content: Path) -> list[list[str]] | None:
    """[path below content, '' ] of every image the narrative points at; None when unsure.

    The digests are filled in by the caller (it knows the build's file digests).
    """
    deps: list[list[str]] = []
    base = content.resolve()
    for part in report.narratives.values():
        text = part.source or ""
        found = _IMAGE.findall(text)
        if text.count("![") != len(found):
            return None  # a form this scan does not follow: never cache the report
        for url in found:
            if "://" in url or url.startswith(("data:", "/", "#")):
                continue
            path = (part.path.parent / url).resolve()
            if path.is_relative_to(base):
                deps.append([path.relative_to(base).as_posix(), ""])
    return deps


BODY_FIELDS = ("name", "level", "region", "parent", "deadline", "order", "summary_of")


@dataclass
class ReportRecord:
    """What reading and checking one report found, and its light copy (None: unreadable)."""

    findings: list[Finding]
    light: Light | None


@dataclass
class BodyRecord:
    """What reading one body.yaml found, and the body's fields (None: no body.yaml)."""

    findings: list[Finding]
    body: dict[str, Any] | None


def _body_ok(body: dict[str, Any]) -> bool:
    """The fields of a body record have their types (a damaged record is a miss)."""
    order, summary = body["order"], body["summary_of"]
    return (all(body[k] is None or isinstance(body[k], str) for k in BODY_FIELDS[:5])
            and (order is None or type(order) is int)
            and isinstance(summary, list) and all(isinstance(s, str) for s in summary))


class Records:
    """The record store of one site (never raises: a store that fails is a store that misses)."""

    def __init__(self, root: Path, files: FileDigests, read: bool = True,
                 write: bool = True) -> None:
        self.root, self.files, self.read, self.write = root, files, read, write
        self.folder = root / CACHE_DIR / CHECKS_DIR
        self._folder = str(self.folder)
        self.content = (root / "content").resolve()
        self.used: set[str] = set()
        self.fresh: dict[str, bytes] = {}  # records made by this run, saved by save()
        self._pending: Path | None = None  # where their parts wait until save()

    def _path(self, key: str, suffix: str = ".json") -> Path:
        return Path(f"{self._folder}/{key[:2]}/{key}{suffix}")

    def _get(self, key: str) -> dict[str, Any] | None:
        if not self.read:
            return None
        data = json.loads(self._path(key).read_bytes())
        if data["schema"] != RECORD_SCHEMA or data["key"] != key:
            return None
        for rel, sha in data.get("deps", []):
            if self.files.of(self.content / rel) != sha:
                return None
        return data  # type: ignore[no-any-return]

    def report(self, key: str) -> ReportRecord | None:
        """The report record stored under key, when intact and its images are unchanged."""
        try:
            data = self._get(key)
            if data is None:
                return None
            light = data["light"]
            if light is not None:  # the open-data parts stay on disk until the site step
                parts = self._path(key, PARTS)
                if os.stat(parts).st_size != data["parts_size"]:
                    return None
                light = light_of({**light, "json_part": "", "csv_part": ""}, self.content)
                light.parts_file = str(parts)
            record = ReportRecord(findings_of(data["findings"], self.root), light)
        except Exception:  # missing, unreadable, damaged: a miss
            return None
        self.used.add(key)
        return record

    def body(self, key: str) -> BodyRecord | None:
        """The body record stored under key, when intact."""
        try:
            data = self._get(key)
            if data is None:
                return None
            body = data["body"]
            if body is not None and (set(body) != set(BODY_FIELDS) or not _body_ok(body)):
                return None
            record = BodyRecord(findings_of(data["findings"], self.root), body)
        except Exception:
            return None
        self.used.add(key)
        return record

    def put(self, key: str, data: dict[str, Any]) -> str | None:
        """Keep a new record for save(); the path its open-data parts wait at until then.

        The parts (the bulk of a record) wait on disk in a folder of this run, not in memory;
        a run that does not save() (a failed build) leaves the store as it was.
        """
        self.used.add(key)
        if not self.write:
            return None
        record = {"schema": RECORD_SCHEMA, "key": key, **data}
        light = record.get("light")
        waiting = None
        if light is not None:  # the large parts in a file of their own, read only if needed
            parts = json.dumps([light["json_part"], light["csv_part"]],
                               ensure_ascii=False).encode("utf-8")
            record["light"] = {k: v for k, v in light.items() if k not in ("json_part", "csv_part")}
            record["parts_size"] = len(parts)
            try:
                if self._pending is None:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    self._pending = Path(tempfile.mkdtemp(dir=self.folder,
                                                          prefix=f"{PENDING}{os.getpid()}-"))
                waiting = self._pending / f"{key}{PARTS}"
                waiting.write_bytes(parts)
            except OSError:  # a store that cannot be written is a store that misses
                self.write = False
                self.close()
                return None
        self.fresh[key] = json.dumps(record, ensure_ascii=False).encode("utf-8")
        return None if waiting is None else str(waiting)

    def deps(self, report: Report) -> list[list[str]] | None:
        """image_deps with this build's digests."""
        deps = image_deps(report, self.content)
        for dep in deps or []:
            dep[1] = self.files.of(self.content / dep[0])
        return deps

    def save(self, prune: bool) -> None:
        """Write the new records; with prune, drop records this run did not use (best effort)."""
        try:
            for key, data in self.fresh.items():
                waiting = None if self._pending is None else self._pending / f"{key}{PARTS}"
                if waiting is not None and waiting.exists():  # first: never a record without its parts
                    target = self._path(key, PARTS)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(waiting, target)
                atomic_write(self._path(key), data)
        except OSError:
            self.close()
            return
        self.fresh.clear()
        self.close()
        if prune:
            self._prune()

    def close(self) -> None:
        """Drop what this run did not save (the waiting parts), and waiting folders of dead runs."""
        if self._pending is not None:
            shutil.rmtree(self._pending, ignore_errors=True)
            self._pending = None
        try:
            for entry in os.scandir(self.folder):
                pid = entry.name[len(PENDING):].split("-", 1)[0]
                if entry.name.startswith(PENDING) and pid.isdigit() and int(pid) != os.getpid() \
                        and not alive(int(pid)):
                    shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            pass

    def _prune(self) -> None:
        try:
            names = [(d, f) for d in os.scandir(self.folder)
                     if d.is_dir() and not d.name.startswith(PENDING) for f in os.scandir(d.path)]
        except OSError:
            return
        if len(names) <= 2 * len(self.used) + 16:  # a few stale records are cheaper than a scan
            return
        for _, f in names:
            if f.name.removesuffix(".json").removesuffix(PARTS) not in self.used:
                Path(f.path).unlink(missing_ok=True)



def findings_json(findings: list[Finding], root: Path) -> list[dict[str, Any]]:
    """Findings as record JSON."""
    return [finding_json(f, root) for f in findings]


def findings_of(data: list[dict[str, Any]], root: Path) -> list[Finding]:
    """The findings findings_json wrote."""
    return [finding_from(f, root) for f in data]


def light_json(light: Light, content: Path) -> dict[str, Any]:
    """A Light as record JSON (its folder relative to content)."""
    return {"year": light.year, "dir": light.dir.relative_to(content).as_posix(),
            "edition": light.edition, "published": light.published, "title": light.title,
            "draft": light.draft,
            "json_part": light.json_part, "csv_part": light.csv_part}


def light_of(data: dict[str, Any], content: Path) -> Light:
    """The Light light_json wrote (checked field by field: a damaged record is a miss)."""
    light = Light(data["year"], content / data["dir"], data["edition"], data["published"],
                  data["title"], data["draft"], data["json_part"], data["csv_part"])
    if not (isinstance(light.year, int) and isinstance(light.edition, str)
            and isinstance(light.draft, bool) and isinstance(light.json_part, str) and isinstance(light.csv_part, str)
            and all(v is None or isinstance(v, str) for v in (light.published, light.title))):
        raise ValueError("bad light record")
    if light.published is not None:
        dt.date.fromisoformat(light.published)
    return light

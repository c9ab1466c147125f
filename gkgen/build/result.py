"""What a build says: its result, its progress events, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gkgen.build.cache import Manifest
from gkgen.findings import ERROR, Finding


class BuildError(Exception):
    """The build could not finish for a reason other than the content (message in Chinese)."""


class Reporter(Protocol):
    """Progress events of a build; the builder never prints."""

    def stage(self, name: str) -> None:
        """A new stage begins: "check", "render", "site", "write"."""

    def report_done(self, key: str, done: int, total: int) -> None:
        """One report's files are rendered."""


class NullReporter:
    """A reporter that ignores everything."""

    def stage(self, name: str) -> None:
        pass

    def report_done(self, key: str, done: int, total: int) -> None:
        pass


@dataclass
class BuildResult:
    ok: bool
    findings: list[Finding]
    out: Path
    written: list[str] = field(default_factory=list)  # files written anew (not carried over)
    reports: int = 0
    rendered: list[str] = field(default_factory=list)  # reports rendered by this build
    skipped: list[str] = field(default_factory=list)  # reports taken unchanged from the cache
    pdfs: list[str] = field(default_factory=list)  # reports whose PDF was rendered
    pages: list[str] = field(default_factory=list)  # site pages, open data, static files rebuilt
    unchanged: bool = False  # nothing changed: the output was left exactly as it was
    manifest: Manifest | None = field(default=None, repr=False)  # the cache of a new output
    held: list[str] = field(default_factory=list)  # drafts left out of the output
    had_drafts: bool = False  # the site holds drafts (built or held back)
    checked: list[str] = field(default_factory=list)  # reports read and checked anew
    loaded: list[str] = field(default_factory=list)  # reports read (checked, rendered or both)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity != ERROR for f in self.findings)

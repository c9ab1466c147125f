"""The preview state: which finished build is served, and what the last build complained of.

Every build goes into a fresh folder; only a build that succeeded is swapped in, under a
lock, and only then does the reload token change. A page is therefore never reloaded
into a half-written site, and a failed build leaves the last good one online.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gkgen.findings import WARNING, Finding
from gkgen.serve.overlay import Problem, from_exception, from_findings
from gkgen.serve.reload import Hub


class Outcome(Protocol):
    """What a builder returns (gkgen.build.site.BuildResult has this shape)."""

    @property
    def ok(self) -> bool: ...

    @property
    def findings(self) -> Sequence[Finding]: ...


class SiteBuilder(Protocol):
    """Builds the site's HTML into ``out`` (a fresh folder).

    ``changed`` names the source files saved since the last build (empty for the first)
    and ``previous`` the folder being served now: a faster, incremental builder can copy
    what did not change from there. It must never modify ``previous``.
    """

    def __call__(self, root: Path, out: Path, changed: frozenset[Path],
                 previous: Path | None) -> Outcome: ...


def seed(previous: Path, out: Path) -> None:
    """Make out a hard-linked copy of previous, so the builder's cache sees its last build.

    The builder never writes into an existing file (it stages new files and swaps), so
    the shared inodes keep the served folder intact.
    """
    from gkgen.build.output import OUTPUT_MARKER, Staging

    with Staging(out) as staging:
        for base, _, files in os.walk(previous):
            for name in files:
                rel = Path(base, name).relative_to(previous).as_posix()
                if rel != OUTPUT_MARKER:
                    staging.carry(rel, Path(base, name))
        staging.commit()


def preview_build(root: Path, out: Path, changed: frozenset[Path],
                  previous: Path | None) -> Outcome:
    """The site's HTML with `gkgen build`'s builder, no PDFs, reusing what did not change."""
    from gkgen.build.site import build_site

    if previous is not None and previous.is_dir():
        seed(previous, out)
    return build_site(root, out, pdf=False, jobs=1, seeded_from=previous, pdf_links=True,
                      drafts=True)  # the preview shows drafts, marked (build_site's default)


@dataclass(frozen=True)
class View:
    """A consistent picture of what to serve: folder, problems and reload token together."""

    root: Path | None
    problems: list[Problem]
    token: str


@dataclass(frozen=True)
class Summary:
    """What one rebuild did, for the terminal."""

    ok: bool
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    warnings: int = 0


class Preview:
    """Runs builds into ``workdir/builds/N`` and swaps the served folder atomically."""

    def __init__(self, root: Path, workdir: Path, hub: Hub,
                 builder: SiteBuilder = preview_build,
                 on_swap: Callable[[Path], None] | None = None) -> None:
        self.root = root
        self.builds = workdir / "builds"
        self.hub = hub
        self.builder = builder
        self.on_swap = on_swap
        self._lock = threading.Lock()
        self._served: Path | None = None
        self._problems: list[Problem] = []
        self._count = 0

    def view(self) -> View:
        """The folder, problems and token of the state being served now."""
        with self._lock:
            return View(self._served, list(self._problems), self.hub.token)

    def rebuild(self, changed: frozenset[Path] | set[Path] = frozenset()) -> Summary:
        """Build into a fresh folder; swap it in when it succeeded; then signal a reload."""
        self._count += 1
        out = self.builds / str(self._count)
        started = time.monotonic()
        ok, problems, warnings = self._run_builder(out, frozenset(changed))
        if ok:
            self._swap(out.resolve())
        else:
            shutil.rmtree(out, ignore_errors=True)
            with self._lock:
                self._problems = problems
                self.hub.bump()
        return Summary(ok, time.monotonic() - started, problems, warnings)

    def _run_builder(self, out: Path, changed: frozenset[Path]) -> tuple[bool, list[Problem], int]:
        try:
            result = self.builder(self.root, out, changed, self._served)
        except Exception as exc:  # a build must never take the server down
            return False, [from_exception(exc, self.root)], 0
        problems = from_findings(result.findings, self.root)
        warnings = sum(f.severity == WARNING for f in result.findings)
        if result.ok and not out.is_dir():
            problems.append(Problem("构建", "生成程序报告成功，但没有生成任何文件。"))
        if not result.ok and not problems:
            problems.append(Problem("构建", "生成失败，但没有给出错误信息。"))
        return result.ok and not problems, problems, warnings

    def _swap(self, out: Path) -> None:
        with self._lock:
            old, self._served = self._served, out
            self._problems = []
            self.hub.bump()
        if self.on_swap:
            self.on_swap(out)
        self._prune(keep={out, old})

    def _prune(self, keep: set[Path | None]) -> None:
        # The previous build stays a little longer: a request may still be reading it.
        for folder in self.builds.iterdir():
            if folder.resolve() not in keep:
                shutil.rmtree(folder, ignore_errors=True)

"""Shared helpers: real site trees on disk, made by the scaffold and edited as text.

A test gets a valid site from `make_site`, breaks one thing with `edit`, runs the checks and
compares with `assert_findings`. Fixture folders (tests/fixtures/<kind>/<case>/) describe the
same three steps in an expected.yaml; see `apply_case`.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from gkgen.checks.run import run_checks
from gkgen.cli.main import main
from gkgen.content.new import SITE_YAML, scaffold, write
from gkgen.findings import CHECKS
from gkgen.model import Site

FIXTURES = Path(__file__).parent / "fixtures"
SLUG = "x"
NAME = "某市某局"

# Narrative parts that pass every N check, so a test sees only the findings it provoked.
NARRATIVES = {
    1: "本报告统计期限为{y}年1月1日至{y}年12月31日。本机关坚持以公开为常态、不公开为例外。\n",
    5: "存在的主要问题是政策解读形式单一。{n}年，我局将丰富解读形式。\n",
    6: "本年度未收取信息处理费。\n",
}


def make_site(root: Path, years: tuple[int, ...] = (2022,), edition: str | None = None,
              narratives: bool = True, name: str = NAME) -> Path:
    """A valid site at root with body x and one report per year (carry-over included)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for year in years:
        write(scaffold(Site(root=root), SLUG, year, edition, name, "department"))
        # Published on the deadline the scaffold suggests, so that N5 has nothing to say.
        edit(report_dir(root, year) / "report.yaml", "# published:", "published:", line=3)
        if narratives:
            for part, text in NARRATIVES.items():
                path = report_dir(root, year) / _part_file(part)
                path.write_text(text.format(y=year, n=year + 1), encoding="utf-8")
    return root


def report_dir(root: Path, year: int, slug: str = SLUG) -> Path:
    return root / "content" / slug / str(year)


def _part_file(part: int) -> str:
    return {1: "1-overview.md", 5: "5-problems.md", 6: "6-other.md"}[part]


def edit(path: Path, old: str, new: str, line: int | None = None) -> None:
    """Replace the first occurrence of old (on the given 1-based line, if any); old must be there."""
    lines = path.read_text(encoding="utf-8").split("\n")
    targets = [line - 1] if line else range(len(lines))
    for i in targets:
        if old in lines[i]:
            lines[i] = lines[i].replace(old, new, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{old!r} not found in {path}" + (f" line {line}" if line else ""))


def findings(root: Path, scope: Path | None = None) -> list[dict[str, Any]]:
    """The checks' findings in their JSON shape, files relative to root."""
    return [_rel(f.to_json() | {"_file": f.pos.file}, root) for f in run_checks(root, scope).findings]


def _rel(j: dict[str, Any], root: Path) -> dict[str, Any]:
    path = Path(j.pop("_file", j["file"]))
    path = path if path.is_absolute() else Path.cwd() / path
    with contextlib.suppress(ValueError):  # outside the site: keep the path as printed
        j["file"] = path.resolve().relative_to(root.resolve()).as_posix()
    return j


def cli(*args: str) -> Any:
    """Run the real command line in-process; the Result has exit_code, output, exception."""
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def cli_json(root: Path, scope: Path | None = None) -> list[dict[str, Any]]:
    """`gkgen check --format json [scope or root]`, files relative to the site root."""
    result = cli("check", "--format", "json", str(scope or root))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return [_rel(j, root) for j in json.loads(result.stdout)]


def assert_findings(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """Exactly the expected findings, compared on the keys each expectation gives.

    message and hint are substrings; cells is the list of field ids; labels the cell labels;
    severity defaults to the check's default severity.
    """
    order = sorted(actual, key=lambda j: (j["file"], j["line"], j["column"], j["id"]))
    want = sorted(expected, key=lambda e: (e["file"], e["line"], e["column"], e["id"]))
    brief = [(j["id"], j["file"], j["line"], j["column"], j["message"]) for j in order]
    assert len(order) == len(want), f"expected {len(want)} findings, got:\n" + "\n".join(map(str, brief))
    for got, exp in zip(order, want, strict=True):
        _match(got, exp)


def _match(got: dict[str, Any], exp: dict[str, Any]) -> None:
    assert got["severity"] == exp.get("severity", CHECKS[exp["id"]][0]), got
    for key in ("id", "file", "line", "column", "expected", "actual"):
        if key in exp:
            assert got[key] == exp[key], f"{key}: {got[key]!r} != {exp[key]!r} in {got}"
    for key in ("message", "hint"):
        if key in exp:
            assert exp[key] in (got[key] or ""), f"{key}: {exp[key]!r} not in {got[key]!r}"
    if "cells" in exp:
        assert [c["field"] for c in got["cells"]] == exp["cells"], got
    if "labels" in exp:
        assert [c["label"] for c in got["cells"]] == exp["labels"], got


def load_case(case: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return spec


def apply_case(case: Path, root: Path) -> dict[str, Any]:
    """Build the site a fixture folder describes at root; return its expected.yaml.

    expected.yaml: years (default [2022]), edition, delete (paths), edits (file, old, new,
    line), findings, exit. Files under the case's site/ folder are copied over the scaffold
    byte for byte (GBK, BOM and empty files included).
    """
    spec = load_case(case)
    make_site(root, tuple(spec.get("years", [2022])), spec.get("edition"))
    overlay = case / "site"
    if overlay.is_dir():
        for src in sorted(p for p in overlay.rglob("*") if p.is_file()):
            dst = root / src.relative_to(overlay)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    for e in spec.get("edits", []):
        edit(root / e["file"], e["old"], e["new"], e.get("line"))
    for rel in spec.get("delete", []):
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return spec


def check_case(case: Path, root: Path) -> tuple[dict[str, Any], Any]:
    """Apply a fixture case, then check it through the library and the real command line:
    the exact findings both ways, the right exit code, never a traceback. Returns the
    case's expected.yaml and the `gkgen check` result (for further assertions)."""
    spec = apply_case(case, root)
    assert_findings(findings(root), spec["findings"])
    assert_findings(cli_json(root), spec["findings"])
    result = cli("check", str(root))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == spec["exit"], result.output
    return spec, result


def cases(kind: str) -> list[Any]:
    """pytest params, one per fixture folder under tests/fixtures/<kind>/."""
    folders = sorted(p for p in (FIXTURES / kind).iterdir() if (p / "expected.yaml").is_file())
    return [pytest.param(p, id=p.name) for p in folders]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A valid one-report site (body x, year 2022) with narratives that pass every check."""
    return make_site(tmp_path / "site")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The example site in content/, built once per test module (tests/buildsite.py)."""
    from buildsite import example_build

    return example_build(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian chromium per test module (tests/browser.py)."""
    from browser import Browser

    with Browser() as b:
        yield b

"""The benchmark's synthetic site passes every check, and its JSON has the documented keys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import TARGETS
from bench.sitegen import generate_site
from gkgen.checks.run import run_checks
from gkgen.content.load import load_site

REPO = Path(__file__).resolve().parents[1]
STEPS = ("check", "baseline", "html", "noop", "touch1", "html_j2", "pdf_html", "pdf", "raw_pdf",
         "pdf_j2", "pdf_dask", "html_nooffice", "html_rollups", "html_norollups")
TOP_KEYS = {"schema", "name", "timestamp", "machine", "params", "site", "steps", "metrics"}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "site"
    stats = generate_site(root, 3, years=3, seed=7)
    assert stats.reports == 3 and stats.bodies == 1
    return root


def test_generated_site_is_clean(tiny: Path) -> None:
    result = run_checks(tiny)
    assert len(result.reports) == 3
    assert [f"{f.pos} {f.id} {f.message}" for f in result.findings] == []


def test_generated_site_is_realistic(tiny: Path) -> None:
    site = load_site(tiny).site
    reports = site.reports()
    for r in reports:
        narrative = sum(len(n.source or "") for n in r.narratives.values())
        assert 5000 <= narrative <= 7000, (r.key, narrative)
    assert sum((r.number("t3.new.total") or 0) for r in reports) > 0
    assert sum((r.number("t3.result.granted.total") or 0) for r in reports) > 0
    # Y1 and Y2 really compare something: last year's figures carry over.
    prev, now = reports[0], reports[1]
    assert now.number("t3.carried.total") == prev.number("t3.forward.total")
    assert now.number("t2.normative.in_force") == (
        prev.number("t2.normative.in_force") + now.number("t2.normative.issued")  # type: ignore[operator]
        - now.number("t2.normative.repealed"))  # type: ignore[operator]


def test_same_seed_same_site(tiny: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_site(again, 3, years=3, seed=7)
    for path in sorted((tiny / "content").rglob("*.*")):
        assert (again / path.relative_to(tiny)).read_bytes() == path.read_bytes(), path


def test_a_broken_figure_is_caught(tiny: Path, tmp_path: Path) -> None:
    """The checks are not silent by accident: one changed figure makes Y1 and R1 fire."""
    root = tmp_path / "broken"
    generate_site(root, 3, years=3, seed=7)
    year = sorted((root / "content" / "b0000").glob("20*"))[1]
    requests = year / "3-requests.yaml"
    text = requests.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("二、上年结转"))
    head, rest = line.split("自然人: ", 1)
    n, tail = rest.split(",", 1)
    requests.write_text(text.replace(line, f"{head}自然人: {int(n) + 1},{tail}"), encoding="utf-8")
    ids = {f.id for f in run_checks(root).findings}
    assert {"Y1", "R1"} <= ids


def test_benchmark_json(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--reports", "3", "--years", "3", "--no-pdf",
         "--json", str(out), "--workdir", str(tmp_path / "work")],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= TOP_KEYS
    assert data["params"]["reports"] == 3 and data["site"]["reports"] == 3
    assert set(data["steps"]) == set(STEPS)
    assert set(data["metrics"]) == set(TARGETS)
    check = data["steps"]["check"]
    assert (check["status"], check["errors"], check["warnings"]) == ("ok", 0, 0)
    assert check["seconds"] > 0 and check["peak_rss_mb"] > 0 and check["process_s"] > 0
    for name in ("html", "noop", "touch1", "html_j2", "html_nooffice", "html_rollups", "html_norollups"):
        assert data["steps"][name]["status"] in ("ok", "n/a"), data["steps"][name]
    for name in ("pdf_html", "pdf", "raw_pdf", "pdf_j2", "pdf_dask"):
        assert data["steps"][name] == {"status": "n/a", "reason": "skipped (--no-pdf)"}
    for metric in data["metrics"].values():
        assert {"value", "unit", "target", "pass"} <= set(metric)
        assert metric["value"] is not None or metric["reason"]
    assert data["metrics"]["pdf_ratio"]["value"] is None
    assert data["metrics"]["baseline_ms_per_report"]["value"] > 0
    assert "check_s" in proc.stdout and "n/a" in proc.stdout

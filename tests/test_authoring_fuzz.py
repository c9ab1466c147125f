"""The fuzz test's bounded slice (the longer run: python -m gkgen.fuzz, see the README).

Seeded, so a failure names the input that reproduces it; every run is the real CLI in its own
process under a time bound.
"""

from __future__ import annotations

from pathlib import Path

from gkgen.fuzz import fuzz

REPO = Path(__file__).resolve().parent.parent


def test_fuzzed_example_sites_never_crash_hang_or_break_json() -> None:
    outcome = fuzz(REPO, inputs=40, seed=20261202, build_every=8)
    assert outcome.inputs == 40 and outcome.runs == 45
    assert outcome.failures == [], "\n".join(outcome.failures)

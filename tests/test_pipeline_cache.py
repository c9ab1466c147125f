"""The load-and-check records: an edit re-reads what it changed, and never hides a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import cli, edit, make_site, report_dir
from test_incremental import tree

from gkgen.build.cache import CACHE_DIR, CHECKS_DIR, MANIFEST, entry_dir
from gkgen.build.checksite import check_site
from gkgen.build.site import build_site
from gkgen.checks.run import run_checks

ALL = ["x/2021", "x/2022", "x/2023"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", years=(2021, 2022, 2023))


def _json(result: object) -> list[dict[str, object]]:
    return [f.to_json() for f in result.findings]  # type: ignore[attr-defined]


def test_a_second_check_reads_nothing_and_finds_the_same(site: Path) -> None:
    edit(report_dir(site, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 5")  # R1, R2
    first = check_site(site, jobs=1)
    assert first.checked == ALL and first.errors
    again = check_site(site, jobs=1)
    assert again.checked == [] and again.report_count == 3
    assert _json(again) == _json(first) == _json(run_checks(site))


def test_editing_last_years_report_makes_this_years_y1_appear(site: Path) -> None:
    assert check_site(site).findings == []
    build = build_site(site, pdf=False)
    assert build.ok and build.checked == []  # the check just stored every report's record
    # 2021's carry-over to the next year changes; 2022's own files do not
    edit(report_dir(site, 2021) / "3-requests.yaml", "四、结转下年度继续办理: {自然人: 0",
         "四、结转下年度继续办理: {自然人: 1")
    checked = check_site(site)
    assert checked.checked == ["x/2021", "x/2022"]  # the edited report and the next year's
    y1 = [f for f in checked.findings if f.id == "Y1"]
    assert y1 and all(f.pos.file.is_relative_to(report_dir(site, 2022)) for f in y1)
    assert _json(checked) == _json(run_checks(site))
    failed = build_site(site, pdf=False)
    assert not failed.ok and failed.checked == []  # the build uses the check's records
    assert {f.id for f in failed.findings} >= {"Y1"}
    assert _json(failed) == _json(run_checks(site))


def test_a_scoped_check_reads_the_scope_and_keeps_its_findings(site: Path) -> None:
    edit(report_dir(site, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 5")
    scoped = check_site(site, report_dir(site, 2022))
    assert scoped.checked == ["x/2022"] and scoped.report_count == 1
    assert _json(scoped) == _json(run_checks(site, report_dir(site, 2022)))
    whole = check_site(site)
    assert whole.checked == ["x/2021", "x/2023"]  # x/2022's record was stored by the scoped run


def test_an_image_outside_the_report_folders_is_followed(site: Path) -> None:
    part = report_dir(site, 2022) / "1-overview.md"
    part.write_text(part.read_text(encoding="utf-8") + "\n![办事大厅](../../_pictures/hall.png)\n",
                    encoding="utf-8")
    missing = check_site(site)
    assert [f.id for f in missing.findings] == ["F9"]
    picture = site / "content/_pictures/hall.png"
    picture.parent.mkdir()
    picture.write_bytes(Path(__file__).parent.joinpath("fixtures").glob("**/*.png").__next__()
                        .read_bytes())
    found = check_site(site)
    assert found.checked == ["x/2022"] and found.findings == []  # the record saw the image change
    assert _json(found) == _json(run_checks(site))


def test_no_cache_reads_and_checks_everything(site: Path) -> None:
    check_site(site)
    bypass = check_site(site, cache=False)
    assert bypass.checked == ALL
    run = cli("check", str(site), "--no-cache")
    assert run.exit_code == 0 and "共检查 3 份报告" in run.output, run.output


def test_damaged_caches_mean_a_full_build_with_the_same_output(site: Path, tmp_path: Path) -> None:
    first = build_site(site, pdf=False)
    clean = tree(first.out)
    records = sorted((site / CACHE_DIR / CHECKS_DIR).rglob("*.json"))
    assert len(records) == 4  # three reports and the body
    records[0].write_text("{ not json", encoding="utf-8")
    records[1].write_bytes(b"\xff\xfe")
    data = json.loads(records[2].read_text(encoding="utf-8"))
    records[2].write_text(json.dumps({**data, "findings": "nonsense"}), encoding="utf-8")
    (entry_dir(site, first.out) / MANIFEST).write_text("[]", encoding="utf-8")
    edit(report_dir(site, 2023) / "6-other.md", "本年度", "本年度内")  # something to build
    again = build_site(site, pdf=False)
    assert again.ok and again.rendered == ALL
    assert set(again.checked) >= {"x/2023"}
    after = tree(again.out)
    assert after.keys() == clean.keys()
    assert after == tree(build_site(site, tmp_path / "clean", pdf=False, clean=True).out)
    assert build_site(site, pdf=False).unchanged

"""The summary report (issue 11, point 4): H1 when its cells are not its children's sums, H2 for
children without a report; in `gkgen check` and `gkgen build` alike."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli, cli_json, edit
from regionsite import GOV, HRSS, add_report

from gkgen.build.site import build_site
from gkgen.content.new import SITE_YAML

T2 = "2-proactive.yaml"


def _site(root: Path, children: tuple[tuple[str, str, str], ...] = (HRSS,)) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    slugs = ", ".join(c[0] for c in children)
    add_report(root, GOV, 2022, "2023-03-20", f"summary_of: [{slugs}]\n")
    for child in children:
        add_report(root, child, 2022, "2023-01-18", "parent: gov\n")
    return root


def _set(root: Path, slug: str, value: int) -> None:
    path = root / "content" / slug / "2022" / T2
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if "规章:" in text)
    edit(path, "本年制发件数: 0", f"本年制发件数: {value}", line=line)
    edit(path, "现行有效件数: 0", f"现行有效件数: {value}", line=line)


def test_summary_equal_to_its_children_is_quiet(tmp_path: Path) -> None:
    second = ("edu", "某市教育局", "department")
    root = _site(tmp_path / "site", (HRSS, second))
    _set(root, "hrss", 2)
    _set(root, "edu", 3)
    _set(root, "gov", 5)
    assert [f["id"] for f in cli_json(root)] == []
    assert build_site(root, root / "output", pdf=False, office=False, jobs=1).ok


def test_summary_differing_from_its_children_fails_check_and_build(tmp_path: Path) -> None:
    second = ("edu", "某市教育局", "department")
    root = _site(tmp_path / "site", (HRSS, second))
    _set(root, "hrss", 2)
    _set(root, "edu", 3)
    _set(root, "gov", 4)
    found = cli_json(root)
    assert {(f["id"], f["file"], f["expected"], f["actual"]) for f in found} == {
        ("H1", "content/gov/2022/2-proactive.yaml", 5, 4)}
    assert len(found) == 2  # 本年制发件数 and 现行有效件数 of 规章
    message = found[0]["message"]
    assert "下级机关（某市人力资源和社会保障局、某市教育局）合计的 5" in message and "比合计少 1" in message
    assert found[0]["cells"][0]["label"].startswith("「第二十条第（一）项」×「规章」")
    assert found[0]["line"] > 0 and found[0]["column"] > 0
    result = build_site(root, root / "output", pdf=False, office=False, jobs=1)
    assert not result.ok and {f.id for f in result.findings} == {"H1"}
    assert not (root / "output" / "index.html").exists()  # a failed build writes nothing


def test_children_without_a_report_are_listed_and_the_sum_not_checked(tmp_path: Path) -> None:
    second = ("edu", "某市教育局", "department")
    root = _site(tmp_path / "site", (HRSS,))
    body = root / "content" / "gov" / "body.yaml"
    body.write_text(body.read_text(encoding="utf-8").replace("summary_of: [hrss]", "summary_of: [hrss, edu]"),
                    encoding="utf-8")
    add_report(root, second, 2023, "2024-01-20", "parent: gov\n")  # edu has 2023 only
    _set(root, "gov", 4)  # would be an H1 against hrss alone
    found = cli_json(root)
    h2 = [f for f in found if f["id"] == "H2"]
    assert [f["id"] for f in found if f["id"].startswith("H")] == ["H2"]
    assert h2[0]["file"] == "content/gov/body.yaml"
    assert "某市教育局（缺报）没有可计入的报告，未核对汇总数字" in h2[0]["message"]
    result = cli("check", str(root))
    assert result.exit_code == 0 and "警告 H2" in result.output


def test_summary_of_is_kept_in_the_cache_and_on_the_body_page(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    _set(root, "gov", 4)
    assert [f["id"] for f in cli_json(root)] == ["H1", "H1"]
    assert [f["id"] for f in cli_json(root)] == ["H1", "H1"]  # from the check cache this time
    _set(root, "hrss", 4)
    assert [f["id"] for f in cli_json(root)] == []
    assert build_site(root, root / "output", pdf=False, office=False, jobs=1).ok
    html = (root / "output" / "gov" / "index.html").read_text(encoding="utf-8")
    assert "<dt>汇总范围</dt><dd>某市人力资源和社会保障局</dd>" in html
    record = json.loads((root / "output" / "gov" / "2022" / "data.json").read_text(encoding="utf-8"))
    assert record["cells"]["t2.rules.issued"] == 4


def test_check_pipeline_agrees_with_the_reference_on_site_checks(tmp_path: Path) -> None:
    from conftest import findings
    from regionsite import region_site

    root = region_site(tmp_path / "region")
    body = root / "content" / "gov" / "body.yaml"
    body.write_text(body.read_text(encoding="utf-8") + "summary_of: [edu, hrss, town]\n",
                    encoding="utf-8")
    _set(root, "gov", 1)
    key = [(f["id"], f["file"], f["line"], f["column"], f["message"]) for f in findings(root)]
    # 2022: H1 (gov 1, children 0); 2023: H2 (town is a draft), S1 (nr missing), N5 (edu late)
    assert {k[0] for k in key} >= {"H1", "H2", "S1", "N5"}
    assert sorted(key) == sorted((f["id"], f["file"], f["line"], f["column"], f["message"])
                                 for f in cli_json(root))

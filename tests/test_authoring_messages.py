"""Messages an author reads: Chinese only, and the one line that explains many findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import edit, findings, make_site, report_dir

from gkgen.content.source import compose_yaml
from gkgen.findings import Finding

LATIN = re.compile(r"[A-Za-z]{4,}")  # an English word (ids such as F3 and labels have none)


def test_message_edition_2019_on_a_2023_report_says_which_edition(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", years=(2023,))
    edit(report_dir(root, 2023) / "report.yaml", 'edition: "2021"', 'edition: "2019"')
    found = findings(root)
    first = [f for f in found if f["id"] == "F7"]
    assert len(first) == 1, found
    assert first[0]["file"] == "content/x/2023/report.yaml" and (first[0]["line"], first[0]["column"]) == (2, 10)
    assert "2023 年度报告应使用 2021 版格式" in first[0]["message"]
    assert "下面的表格错误多由此而来" in first[0]["message"] and 'edition: "2021"' in first[0]["hint"]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 2000 + "0" + "]" * 2000,  # exceeded maximum nesting depth
    'a: "\\q"',  # unknown escape
    "a: [1, 2\n",
    "- a\nb: c\n",
    "a: {b: 1}}\n",
    "a: &x 1\nb: *y\n",
])
def test_message_yaml_reasons_are_in_chinese(tmp_path: Path, text: str) -> None:
    out: list[Finding] = []
    compose_yaml(tmp_path / "t.yaml", text, out)
    assert out and out[0].id == "F3", out
    assert not LATIN.search(out[0].message.replace("YAML", "")), out[0].message
    assert out[0].hint and not LATIN.search(out[0].hint.replace("Tab", "").replace("YAML", "")), out[0].hint


def test_message_new_below_a_site_does_not_write_into_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import cli

    root = make_site(tmp_path / "site")
    below = root / "drafts" / "mine"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    result = cli("new", "y", "2023", "--name", "某县某局")
    assert result.exit_code == 2, result.output
    assert f"上级目录 {root.resolve()} 是一个 gkgen 站点" in result.output and "--site" in result.output
    assert not (root / "content" / "y").exists() and not (below / "content").exists()
    result = cli("new", "y", "2023", "--name", "某县某局", "--site", str(root))
    assert result.exit_code == 0, result.output
    assert f"写入站点：{root.resolve()}" in result.output and (root / "content" / "y" / "2023").is_dir()
    monkeypatch.chdir(root / "content" / "x")  # inside content/: the site is meant
    assert cli("new", "x", "2023").exit_code == 0 and (root / "content" / "x" / "2023").is_dir()


@pytest.mark.parametrize("template", [
    "{% if %}broken\n", "{{ report.title \n", "{% frobnicate %}\n", "{{ x | nosuchfilter }}\n",
    "{% for p in parts %}\n", "{{ nothing_here.at_all }}\n", "{# open comment\n",
], ids=["if", "print", "tag", "filter", "for", "undefined", "comment"])
def test_message_template_errors_are_in_chinese(tmp_path: Path, template: str) -> None:
    from conftest import cli

    root = make_site(tmp_path / "site")
    (root / "templates").mkdir()
    (root / "templates" / "report.html").write_text(template, encoding="utf-8")
    result = cli("build", "--no-pdf", "--jobs", "1", str(root))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    line = next(s for s in result.output.splitlines() if s.startswith("模板") or ": 模板" in s)
    said = line.split("模板", 1)[1]
    names = re.findall(r"“[^”]*”", said)
    for name in names:  # a quoted template name is the author's own word
        said = said.replace(name, "")
    assert not LATIN.search(said), line


def test_message_yaml_syntax_error_says_the_file_stops_and_others_are_checked(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    edit(report_dir(root, 2022) / "2-proactive.yaml", ": {", ": {{", line=5)
    edit(report_dir(root, 2022) / "4-reviews.yaml", "总计: 0}", "合计: 0}", line=4)
    found = findings(root)
    assert sorted(f["id"] for f in found) == ["F3", "F4"], found  # the other file is still checked
    f3 = next(f for f in found if f["id"] == "F3")
    assert f3["file"] == "content/x/2022/2-proactive.yaml" and "本文件其余部分未检查" in f3["hint"]

"""Quoting expressions in Markdown parts: figures and arithmetic only; nothing else runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import findings, make_site, report_dir

REFUSED = [
    ("{{ 'a' * 10**9 }}", "不能写常量"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "Macro"),
    ("{{ 10**5000 }}", "Pow"),
    ("{% for x in range(100000) %}{% for y in range(100000) %}{% endfor %}{% endfor %}", "For"),
    ("{{ lipsum(100000) }}", "Call"),
    ("{{ range }}", "没有名为“range”的数据"),
    ("{{ self }}", "没有名为“self”的数据"),
    ("{{ cycler.__init__.__globals__ }}", "不能读取“__globals__”"),
    ("{{ t3.__class__ }}", "不能读取“__class__”"),
    ("{{ t3.new.total ~ 'x' }}", "Concat"),
    ("{{ 1000000000000000 }}", "数字过大"),
    ("{{ t3.new.total|attr('x') }}", "Filter"),
    ("{% set x = 1 %}", "Assign"),
]


def _write_part(root: Path, text: str) -> Path:
    part = report_dir(root, 2022) / "6-other.md"
    part.write_text("本年度未收取信息处理费。" + text + "\n", encoding="utf-8")
    return part


@pytest.mark.parametrize(("expr", "says"), REFUSED)
def test_anything_but_figures_is_an_f8_at_the_expression(tmp_path: Path, expr: str, says: str) -> None:
    root = make_site(tmp_path / "site")
    _write_part(root, expr)
    f8 = [f for f in findings(root) if f["id"] == "F8"]
    assert len(f8) == 1, f8
    assert says in f8[0]["message"]
    assert (f8[0]["file"].endswith("2022/6-other.md"), f8[0]["line"], f8[0]["column"]) == (True, 1, 13)


def test_a_hostile_expression_neither_hangs_nor_crashes_the_cli(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    _write_part(root, "{% for x in range(100000) %}{% for y in range(100000) %}{% endfor %}{% endfor %}"
                      "{{ 'a' * 10**9 }}{{ 9**(9**9) }}")
    run = subprocess.run([sys.executable, "-m", "gkgen", "check", str(root)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1
    assert "F8" in run.stdout and "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize(("expr", "shown"), [
    ("{{ t3.new.total + t3.carried.total }}件", "0件"),
    ("{{ year }}年", "2022年"),
    ("{{ next_year }}年", "2023年"),
    ("{{ (t2.fees.amount * 2)|round(1) }}万元", "0万元"),
    ("{{ -t3.new.total }}", "0"),
    ('{{ t3["new"]["total"] }}件', "0件"),
    ("{{ (t3.new.total + 7) / 2 }}", "3.5"),
    ("{{ body }}", "某市某局"),
])
def test_figures_and_arithmetic_still_render(tmp_path: Path, expr: str, shown: str) -> None:
    from gkgen.content.load import load_site
    from gkgen.content.quote import render_part

    root = make_site(tmp_path / "site")
    _write_part(root, expr)
    report = load_site(root).site.bodies["x"].reports[2022]
    out: list[object] = []
    text = render_part(report, report.narratives[6], out)  # type: ignore[arg-type]
    assert out == [] and shown in text


@pytest.mark.parametrize(("expr", "says"), [
    ("{{ t3.new.total / 0 }}", "无法计算"),
    ("{{ body + 1 }}", "无法计算"),
    ("{{ t3.new.totl }}", "没有名为“totl”的数据"),
    ("{{ t5.new }}", "没有名为“t5”的数据"),
    ("{{ t3.new.total ", "没有配对"),
])
def test_evaluation_errors_are_f8(tmp_path: Path, expr: str, says: str) -> None:
    root = make_site(tmp_path / "site")
    _write_part(root, expr)
    f8 = [f for f in findings(root) if f["id"] == "F8"]
    assert len(f8) == 1 and says in f8[0]["message"], f8

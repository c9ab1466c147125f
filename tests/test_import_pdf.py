"""A PDF with a text layer (gkgen's own print PDF, read by the real pdftotext): table cells lose
their positions there, so the import may leave cells empty but must never place a wrong value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_import_common import copy_example, empty_site, report, run, shown, typed

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


def test_pdf_import_never_places_a_wrong_value(tmp_path: Path) -> None:
    from gkgen.build.site import build_site

    src = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    assert build_site(src, out, pdf=True).ok
    dst = empty_site(tmp_path / "dst")
    res = run(dst, "import", str(out / "shiyi-gov" / "2021" / "report.pdf"), "--body", "g",
              "--name", "示例市人民政府")
    assert res.exit_code == 0, res.output
    assert "格式版本：2021" in res.output and "年度：2021（标题“示例市人民政府2021年政府信息公开工作年度报告”及统计期限）" in res.output
    got, want = typed(dst, "g", 2021), shown(src, "shiyi-gov", 2021)
    wrong = {c: (v, want[c]) for c, v in got.items() if v is not None and v != want[c]}
    assert wrong == {}
    r = report(dst, "g", 2021)
    assert all(r.narratives[p].source for p in (1, 5, 6))
    assert "信息处理费" in (r.narratives[6].source or "")

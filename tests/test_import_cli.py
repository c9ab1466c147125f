"""`gkgen import` at the command line: options, refusals, and no tracebacks on bad input."""

from __future__ import annotations

from pathlib import Path

from test_import_common import FIXTURES, empty_site, run, typed

SAMPLE = FIXTURES / "report-2019-tabs.txt"


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    root = empty_site(tmp_path)
    assert run(root, "import", str(SAMPLE), "--body", "czj").exit_code == 0
    table = root / "content" / "czj" / "2020" / "2-proactive.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("37", "38"), encoding="utf-8")
    res = run(root, "import", str(SAMPLE), "--body", "czj")
    assert res.exit_code == 1 and "报告已存在，未做任何修改" in res.output and "--force" in res.output
    assert typed(root, "czj", 2020)["t2.licensing.decisions"] == 38
    assert run(root, "import", str(SAMPLE), "--body", "czj", "--force").exit_code == 0
    assert typed(root, "czj", 2020)["t2.licensing.decisions"] == 37


def test_known_body_found_by_its_name(tmp_path: Path) -> None:
    root = empty_site(tmp_path)
    run(root, "import", str(SAMPLE), "--body", "czj")
    res = run(root, "import", str(SAMPLE), "--year", "2021", "--force")
    assert res.exit_code == 0, res.output
    assert "机关目录：czj（站点中已有的机关“示例县财政局”）" in res.output
    assert (root / "content" / "czj" / "2021" / "3-requests.yaml").is_file()


def test_new_body_gets_a_pinyin_folder(tmp_path: Path) -> None:
    res = run(empty_site(tmp_path), "import", str(SAMPLE))
    assert res.exit_code == 0, res.output
    assert "机关目录：shi-li-xian-cai-zheng-ju（新机关，按名称“示例县财政局”的拼音命名" in res.output
    assert typed(tmp_path, "shi-li-xian-cai-zheng-ju", 2020)["t2.licensing.decisions"] == 37
    again = run(tmp_path, "import", str(SAMPLE), "--year", "2021")
    assert "机关目录：shi-li-xian-cai-zheng-ju（站点中已有的机关“示例县财政局”）" in again.output


def test_pinyin_folder_is_unique_in_the_site(tmp_path: Path) -> None:
    root = empty_site(tmp_path)
    (root / "content" / "shi-li-xian-cai-zheng-ju").mkdir()
    res = run(root, "import", str(SAMPLE))
    assert res.exit_code == 0 and "机关目录：shi-li-xian-cai-zheng-ju-2（" in res.output


def test_asks_for_the_body_folder_when_no_name_is_printed(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("一、总体情况\n统计期限为2022年1月1日至2022年12月31日。\n", encoding="utf-8")
    res = run(empty_site(tmp_path / "s"), "import", str(src), "--edition", "2021")
    assert res.exit_code == 2 and "来源中没有机关名称" in res.output and "请用 --body 指定机关目录名" in res.output


def test_edition_from_the_year_when_no_table_tells(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("示例局2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n", encoding="utf-8")
    res = run(empty_site(tmp_path / "s"), "import", str(src), "--body", "x")
    assert res.exit_code == 0 and "按年度判断：2022 年度报告只能用" in res.output, res.output
    old = tmp_path / "old.txt"
    old.write_text("示例局2017年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n", encoding="utf-8")
    res = run(tmp_path / "s", "import", str(old), "--body", "y")
    assert res.exit_code == 2 and "无法判断格式版本" in res.output and "--edition" in res.output


def test_asks_for_the_name_of_a_new_body(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("一、总体情况\n统计期限为2022年1月1日至2022年12月31日。\n", encoding="utf-8")
    res = run(empty_site(tmp_path / "s"), "import", str(src), "--body", "x", "--edition", "2021")
    assert res.exit_code == 2 and "请用 --name 指定机关全称" in res.output
    ok = run(tmp_path / "s", "import", str(src), "--body", "x", "--edition", "2021", "--name", "某局")
    assert ok.exit_code == 0 and "年度：2022（统计期限" in ok.output


def test_year_disagreement_is_not_guessed(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("某局2022年政府信息公开工作年度报告\n一、总体情况\n统计期限为2021年1月1日至2021年12月31日。\n",
                   encoding="utf-8")
    res = run(empty_site(tmp_path / "s"), "import", str(src), "--body", "x", "--edition", "2021")
    assert res.exit_code == 2 and "两者不一致" in res.output


def test_gbk_text_is_read(tmp_path: Path) -> None:
    src = tmp_path / "gbk.txt"
    src.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    res = run(empty_site(tmp_path / "s"), "import", str(src), "--body", "czj")
    assert res.exit_code == 0, res.output
    assert typed(tmp_path / "s", "czj", 2020)["t2.licensing.decisions"] == 37


def test_bad_files_give_chinese_messages(tmp_path: Path) -> None:
    for name, data in (("broken.docx", b"not a zip"), ("old.doc", b"\xd0\xcf\x11\xe0")):
        (tmp_path / name).write_bytes(data)
        res = run(empty_site(tmp_path / "s"), "import", str(tmp_path / name), "--body", "x")
        assert res.exit_code == 2 and "导入失败" in res.output, res.output
        assert "Traceback" not in res.output

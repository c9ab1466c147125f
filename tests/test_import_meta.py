"""What an import works out about a report besides its cells: the edition from the labels or the
year, an amount printed with its unit, the body's level (and how to correct it), text that has
no part (kept under 【导入待核】), and many files at once (previous year first, one line each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_common import empty_site, report, run, typed
from test_import_make import pipe_table, values_for

from gkgen.findings import Number
from gkgen.format import edition
from gkgen.importer.bodies import guess_level
from gkgen.importer.orphans import MARK


def text_report(name: str, year: int, key: str, values: dict[str, Number | None],
                part5: bool = True, heading5: str = "五、存在的主要问题及改进情况") -> str:
    ed = edition(key)
    out = [f"{name}{year}年政府信息公开工作年度报告", ""]
    for part in ed.parts:
        if part.number == 5 and not part5:
            out += ["存在的问题是公开内容不够全面。", "", "下一步将加强培训，提高公开质量。", ""]
            continue
        out += [part.heading if part.number != 5 else heading5, ""]
        out += [pipe_table(ed.table(part.table), values) if part.table else f"第{part.number}部分的正文。", ""]
    return "\n".join(out)


def _import(root: Path, src: Path, text: str, *args: str) -> str:
    src.write_text(text, encoding="utf-8")
    res = run(root, "import", str(src), *args)
    assert res.exit_code == 0, res.output
    return str(res.output)


def test_amount_with_unit_in_a_2019_table(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2019"))
    text = text_report("示例县财政局", 2019, "2019", values)
    amount = str(values["t2.procurement.amount"])
    text = text.replace(f"| {amount} |", "| 75394432.52元 |")
    root = empty_site(tmp_path / "site")
    _import(root, tmp_path / "r.md", text, "--body", "czj")
    got = typed(root, "czj", 2019)
    from decimal import Decimal
    assert got["t2.procurement.amount"] == Decimal("75394432.52")
    assert got == values | {"t2.procurement.amount": Decimal("75394432.52")}
    log = (root / "content" / "czj" / "2019" / "import-log.md").read_text(encoding="utf-8")
    assert "来源写作“75394432.52元”，已去掉单位“元”" in log


@pytest.mark.parametrize(("key", "marker"), [("2021", "本年制发件数"), ("2019", "本年新制作数量")])
def test_edition_from_a_table_label_printed_as_text(tmp_path: Path, key: str, marker: str) -> None:
    text = (f"示例县财政局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n"
            f"信息内容 {marker} 本年新公开数量\n规章 1 2 3\n\n三、收到和处理政府信息公开申请情况\n\n"
            "四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n")
    root = empty_site(tmp_path / "site")
    out = _import(root, tmp_path / "r.txt", text, "--body", "czj")
    assert f"格式版本：{key}（表二中有“{marker}”" in out


@pytest.mark.parametrize(("name", "level"), [
    ("平潭综合实验区管委会", "government"), ("示例综合实验区", "government"),
    ("示例新区管理委员会", "government"), ("示例市人民政府", "government"),
    ("示例县人民政府办公室", "department"), ("示例镇人民政府", "township"),
    ("示例街道办事处", "township"), ("示例县财政局", "department"),
])
def test_level_guessed_from_the_name(name: str, level: str) -> None:
    assert guess_level(name)[0] == level


def test_level_guess_shown_with_how_to_correct_it(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site")
    text = text_report("示例综合实验区管委会", 2023, "2021", dict(values_for("2021")))
    out = _import(root, tmp_path / "r.md", text)
    slug = "shi-li-zong-he-shi-yan-qu-guan-wei-hui"
    assert "机关层级：government（名称以“管委会”结尾）" in out
    assert report(root, slug, 2023).body.level == "government"
    log = (root / "content" / slug / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert f"如不对，请把 content/{slug}/body.yaml 中的 level 改为 department" in log


def test_text_without_its_part_is_kept_under_the_marker(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site")
    text = text_report("示例县财政局", 2023, "2021", dict(values_for("2021")), part5=False)
    _import(root, tmp_path / "r.md", text, "--body", "czj")
    r = report(root, "czj", 2023)
    five = r.narratives[5].source or ""
    assert five.startswith(MARK) and "存在的问题是公开内容不够全面" in five and "下一步将加强培训" in five
    assert all("存在的问题" not in (r.narratives[n].source or "") for n in (1, 6))
    log = (root / "content" / "czj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "存在的问题是公开内容不够全面。 / 下一步将加强培训，提高公开质量。" in log
    checked = run(root, "check")
    assert "I1" in checked.output and "content/czj/2023/5-problems.md:1:1" in checked.output, checked.output
    (root / "content" / "czj" / "2023" / "5-problems.md").write_text(
        "存在的问题是公开内容不够全面。\n\n下一步将加强培训，提高公开质量。\n", encoding="utf-8")
    assert "I1" not in run(root, "check").output  # reviewed: the marker is gone, so is the finding


def test_many_files_previous_year_first_and_a_failure_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = "示例县财政局"
    (folder / "a-2023.md").write_text(text_report(name, 2023, "2021", dict(values_for("2021"))),
                                      encoding="utf-8")
    (folder / "b-2022.md").write_text(text_report(name, 2022, "2021", dict(values_for("2021", 7))),
                                      encoding="utf-8")
    (folder / "c-broken.txt").write_bytes(b"\x00\x01binary")
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(folder))
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if "：" in ln]
    first = next(i for i, ln in enumerate(lines) if "b-2022.md" in ln)
    second = next(i for i, ln in enumerate(lines) if "a-2023.md" in ln)
    assert first < second  # the previous year first, so the Y checks have it
    assert "示例县财政局 2022 年 → shi-li-xian-cai-zheng-ju/2022；单元格读出 " in lines[first]
    assert "找到部分标题：一二三四五六" in lines[second]
    assert any("c-broken.txt：导入失败：" in ln and "不是文字文件" in ln for ln in lines)
    assert "共 3 个文件：导入 2 个，失败 1 个。" in res.output
    assert typed(root, "shi-li-xian-cai-zheng-ju", 2022)["t2.rules.issued"] == 7
    assert typed(root, "shi-li-xian-cai-zheng-ju", 2023)["t2.rules.issued"] == 1

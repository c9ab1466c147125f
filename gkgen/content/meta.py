"""The small settings files: site.yaml, body.yaml, report.yaml — fields, types and messages."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gkgen.content.source import mapping_items, pos_of, written_as
from gkgen.findings import CHECKS, Finding, Pos
from gkgen.format import EDITIONS
from gkgen.model import LEVELS, Change
from gkgen.region.bands import BadBand, parse_bands

PLACEHOLDER_NAME = "（请填写机关全称）"


class Invalid(Exception):
    """A settings value that does not fit its field; the message is for the author."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _text(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise Invalid("应填写一段文字。")
    return str(node.value).strip()


def _name(node: yaml.Node) -> str:
    name = _text(node)
    if name == PLACEHOLDER_NAME:
        raise Invalid("机关全称尚未填写。", "填写机关的正式全称，例如“某某市人民政府办公室”。")
    return name


def _no_chinese_quotes(value: str) -> None:
    if value[:1] in "“‘「" or value[-1:] in "”’」":
        raise Invalid(f"{value} 外面用了中文引号。", f"去掉中文引号，或改用半角引号，例如 \"{value.strip('“”‘’「」')}\"。")


def _edition(node: yaml.Node) -> str:
    value = _text(node) if isinstance(node, yaml.ScalarNode) else ""
    _no_chinese_quotes(value)
    if value not in EDITIONS:
        raise Invalid(f"未知的格式版本“{value}”。",
                      "2021 表示国办公开办函〔2021〕30号（2021年度及以后的报告）；"
                      "2019 表示国办公开办函〔2019〕60号（2019、2020年度报告）。")
    return value


def _date(node: yaml.Node) -> dt.date:
    value = _text(node)
    _no_chinese_quotes(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        m = re.fullmatch(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?", value)
        if m:
            fixed = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            raise Invalid(f"日期“{value}”格式不对。", f"请写作 YYYY-MM-DD：published: {fixed}")
        raise Invalid(f"日期“{value}”格式不对。", "请写作 YYYY-MM-DD，例如 2022-01-20。")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"日期“{value}”不存在。", "请检查月份和日期，例如 2022-01-20。") from None


def _level(node: yaml.Node) -> str:
    value = _text(node)
    for key, zh in LEVELS.items():
        if value in (key, zh):
            return key
    raise Invalid(f"未知的机关层级“{value}”。",
                  "可填写：" + "；".join(f"{k}（{v}）" for k, v in LEVELS.items()))


def _mmdd(node: yaml.Node) -> str:
    value = _text(node)
    if not re.fullmatch(r"\d{2}-\d{2}", value):
        raise Invalid(f"期限“{value}”格式不对。", "请写作 MM-DD（次年的月-日），例如 \"02-28\"。")
    try:
        dt.date(2024, int(value[:2]), int(value[3:]))
    except ValueError:
        raise Invalid(f"期限“{value}”不是有效的日期。") from None
    return value


_CONTACT_HINT = "每项写作“项目: 内容”，一项一行，例如 电话: 0394-1234567；多个号码写在同一行，用顿号隔开。"


def _bool(node: yaml.Node) -> bool:
    value = _text(node).lower()
    if value in ("true", "yes", "是"):
        return True
    if value in ("false", "no", "否"):
        return False
    raise Invalid(f"“{value}”不是 true 或 false。", "写作 draft: true（草稿，不发布）或删去这一行。")


def _contact(node: yaml.Node) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        raise Invalid("联系方式应为“项目: 内容”的映射，例如 电话: 0394-1234567。", _CONTACT_HINT)
    out: dict[str, str] = {}
    for k, v in node.value:  # a repeated key keeps its first value (and is an F5)
        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode):
            out.setdefault(str(k.value), str(v.value))
    return out


def contact_findings(path: Path, node: yaml.Node) -> list[Finding]:
    """Every contact entry that would vanish or print wrongly: a list or mapping as a value,
    a key given twice, a key that is not text (it printed as [ScalarNode(tag=…)])."""
    out: list[Finding] = []
    if not isinstance(node, yaml.MappingNode):
        return out  # _contact's F7 says so
    items = mapping_items(path, node, out, "联系方式", hint=_CONTACT_HINT)
    for key, _, vnode in items or []:
        if not isinstance(vnode, yaml.ScalarNode):
            out.append(Finding("F7", f"“contact”（联系方式）：「{key}」的内容应为一段文字，现在写成了{written_as(vnode)}，"
                               "网页上会丢失。", pos_of(path, vnode), hint=_CONTACT_HINT))
    return out


def _severity(node: yaml.Node) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        raise Invalid("checks 应为“检查编号: error/warning/off”的映射。")
    out = {}
    for k, v in node.value:
        cid, sev = str(k.value), str(v.value)
        if cid not in CHECKS:
            raise Invalid(f"未知的检查编号“{cid}”。", "可用的编号：" + "、".join(CHECKS))
        if sev not in ("error", "warning", "off"):
            raise Invalid(f"“{sev}”不是有效的级别。", "可填写 error、warning 或 off。")
        out[cid] = sev
    return out


def _int(node: yaml.Node) -> int:
    value = _text(node)
    if not re.fullmatch(r"-?\d{1,6}", value):
        raise Invalid(f"“{value}”不是整数。", "填写半角整数，例如 order: 10（小的排在前面）。")
    return int(value)


def _seq(node: yaml.Node, what: str, example: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise Invalid(f"应为{what}的列表。", f"写作 {example}，或每行一个“- 项目”。")
    return list(node.value)


def _years(node: yaml.Node) -> tuple[int, ...]:
    years = []
    for item in _seq(node, "年度", "[2021, 2022, 2023]"):
        value = _text(item)
        if not re.fullmatch(r"(19|20)\d\d", value):
            raise Invalid(f"“{value}”不是年度。", "写作 [2021, 2022, 2023]。")
        years.append(int(value))
    return tuple(sorted(set(years)))


def _slugs(node: yaml.Node) -> tuple[str, ...]:
    return tuple(_text(item) for item in _seq(node, "机关目录名", "[shiyi-edu, shiyi-hrss]"))


_CHANGE_HINT = "每条写作 - {date: 2023-03-02, note: 更正表三“予以公开”自然人一格}"


def _changes(node: yaml.Node) -> list[Change]:
    out = []
    for item in _seq(node, "修改记录", "[{date: 2023-03-02, note: 修改说明}]"):
        if not isinstance(item, yaml.MappingNode):
            raise Invalid("每条修改记录应写作 {date: 修改日期, note: 修改说明}。", _CHANGE_HINT)
        entry = {str(k.value): v for k, v in item.value}
        if set(entry) != {"date", "note"}:
            raise Invalid("每条修改记录应有且只有 date（修改日期）和 note（修改说明）两项。", _CHANGE_HINT)
        out.append(Change(_date(entry["date"]), _text(entry["note"])))
    return out


# site.yaml government_site: the footer and <meta> of a Chinese government website
GOV_SITE_KEYS = ("网站名称", "网站域名", "网站标识码", "栏目名称", "主办单位", "承办单位", "ICP备案号",
                 "公安机关备案号", "联系方式")


def _gov_site(node: yaml.Node) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        raise Invalid("government_site 应为“项目: 内容”的映射，例如 主办单位: 某某市人民政府办公室。",
                      "可填写：" + "、".join(GOV_SITE_KEYS))
    out = {}
    for k, v in node.value:
        key = str(k.value)
        if key not in GOV_SITE_KEYS:
            close = difflib.get_close_matches(key, GOV_SITE_KEYS, n=1, cutoff=0.3)
            raise Invalid(f"未知的项目“{key}”。", (f"是否应为“{close[0]}”？" if close else "")
                          + "可填写：" + "、".join(GOV_SITE_KEYS))
        out[key] = _text(v)
    return out


def _bands(node: yaml.Node) -> dict[str, Any]:
    try:
        return dict(parse_bands(node))
    except BadBand as exc:
        raise Invalid(str(exc), exc.hint) from None


@dataclass(frozen=True)
class Field:
    parse: Callable[[yaml.Node], Any]
    required: bool
    doc: str


SITE_FIELDS = {
    "title": Field(_text, False, "站点标题"),
    "base_url": Field(_text, False, "站点发布地址（完整网址时网页带 canonical 链接）"),
    "language": Field(_text, False, "网页语言，默认 zh-CN"),
    "checks": Field(_severity, False, "调整检查级别，如 Y3: error"),
    "township_deadline": Field(_mmdd, False, "乡镇、街道报告的发布期限（次年月-日），默认 02-28"),
    "years": Field(_years, False, "站点涵盖的年度，如 [2021, 2022, 2023]（默认为已有报告的年度范围）"),
    "status_date": Field(_date, False, "计算发布状态所用的日期（默认为生成当天）"),
    "government_site": Field(_gov_site, False, "政府网站标识：网站名称、网站标识码、主办单位、ICP备案号等"),
    "bands": Field(_bands, False, "派生指标的关注区间，超出的在汇总页上标注“请关注”（不是错误）"),
    "rollups": Field(_bool, False, "是否生成汇总统计页（region/），默认 true"),
}
REGION_KEYS = ("years", "status_date", "government_site", "bands", "rollups")  # Site.region
BODY_FIELDS = {
    "name": Field(_name, True, "机关正式全称"),
    "level": Field(_level, True, "机关层级：" + "；".join(f"{k}（{v}）" for k, v in LEVELS.items())),
    "region": Field(_text, False, "所在地区"),
    "parent": Field(_text, False, "上级机关"),
    "deadline": Field(_mmdd, False, "当地规定的发布期限（次年月-日），留空则按法定期限"),
    "order": Field(_int, False, "在年报专栏中同级机关之间的排序（小的在前）"),
    "summary_of": Field(_slugs, False, "本机关报告汇总的下级机关目录名列表（如全市汇总报告）"),
}
REPORT_FIELDS = {
    "edition": Field(_edition, True, "格式版本：2021 或 2019"),
    "published": Field(_date, False, "发布日期 YYYY-MM-DD"),
    "title": Field(_text, False, "报告标题（留空则自动生成）"),
    "contact": Field(_contact, False, "联系方式"),
    "draft": Field(_bool, False, "草稿：true 时 gkgen build 不发布（未填写发布日期的报告也是草稿）"),
    "changes": Field(_changes, False, "发布后的修改记录：- {date: 修改日期, note: 修改说明}"),
}


def read_fields(path: Path, node: yaml.Node | None, fields: dict[str, Field],
                findings: list[Finding]) -> tuple[dict[str, Any], dict[str, Pos]]:
    """Parsed values and positions of a settings file; problems become findings."""
    values: dict[str, Any] = {}
    where: dict[str, Pos] = {}
    items = mapping_items(path, node, findings, "该文件") if node is not None else []
    for key, knode, vnode in items or []:
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.5)
            hint = f"是否应为“{close[0]}”？" if close else "可用的设置项：" + "、".join(fields)
            findings.append(Finding("F4", f"未知的设置项“{key}”。", pos_of(path, knode), hint=hint))
            continue
        where[key] = pos_of(path, vnode)
        if fields[key].parse is _contact:
            findings.extend(contact_findings(path, vnode))
        try:
            values[key] = fields[key].parse(vnode)
        except Invalid as exc:
            findings.append(Finding("F7", f"“{key}”（{fields[key].doc}）：{exc}", where[key],
                                    hint=exc.hint))
    if node is None:  # empty or unreadable: that finding is enough
        return values, where
    anchor = pos_of(path, node)
    for key, f in fields.items():
        if f.required and key not in where:
            findings.append(Finding("F7", f"缺少必填的设置项“{key}”（{f.doc}）。", anchor,
                                    hint=f"在文件中加上一行 {key}: …"))
    return values, where

"""site.yaml ``bands:``: the band of each derived figure outside which the roll-up pages say 请关注.

    bands:
      行政复议纠错率: [~, 15]            # 高于 15% 请关注（~ 表示不设下限）
      granted_share: {下限: 50}          # 低于 50% 请关注
      requests_yoy: [-30, 30]

A key is a figure's id or its Chinese name (gkgen.region.derived); a band is ``[下限, 上限]``
(percent for shares, 件 for counts; ``~`` or ``null`` leaves an end open) or a mapping with
``下限``/``上限`` (also ``low``/``high``). A band describes where a figure is unremarkable; a
figure outside it is a note for a reader, never a finding.
"""

from __future__ import annotations

import re
from decimal import Decimal

import yaml

from gkgen.region.derived import FIGURE_IDS, NAMES
from gkgen.region.figures import Band

_BY_NAME = {name: fid for fid, name in NAMES.items()}
_LOW, _HIGH = ("下限", "low", "min"), ("上限", "high", "max")
_HINT = "写作 bands: {行政复议纠错率: [~, 15]}（~ 表示不设下限或上限）"
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_OPEN = ("~", "null", "", "无")


class BadBand(Exception):
    """A band that cannot be read; the message is for the author."""

    def __init__(self, message: str, hint: str = _HINT) -> None:
        super().__init__(message)
        self.hint = hint


def _known() -> str:
    return "、".join(f"{NAMES[f]}（{f}）" for f in FIGURE_IDS)


def _figure(key: str) -> str:
    if key in NAMES:
        return key
    if key in _BY_NAME:
        return _BY_NAME[key]
    raise BadBand(f"没有名为“{key}”的派生指标。", "可设关注区间的指标：" + _known())


def _end(node: yaml.Node, name: str, what: str) -> Decimal | None:
    if not isinstance(node, yaml.ScalarNode):
        raise BadBand(f"“{name}”的{what}应为一个数。")
    text = str(node.value).strip().rstrip("%％").strip()
    if text in _OPEN:
        return None
    if not _NUMBER.fullmatch(text):
        raise BadBand(f"“{name}”的{what}“{node.value}”不是半角数字。")
    return Decimal(text)


def _band(name: str, node: yaml.Node) -> Band:
    if isinstance(node, yaml.SequenceNode) and len(node.value) == 2:
        lo, hi = (_end(n, name, w) for n, w in zip(node.value, ("下限", "上限"), strict=True))
    elif isinstance(node, yaml.MappingNode):
        given = {str(k.value): v for k, v in node.value}
        unknown = [k for k in given if k not in _LOW + _HIGH]
        if unknown:
            raise BadBand(f"“{name}”的关注区间中有未知的项目“{unknown[0]}”。",
                          "只能写 下限 和 上限，例如 {下限: 50, 上限: 100}。")
        low = next((v for k, v in given.items() if k in _LOW), None)
        high = next((v for k, v in given.items() if k in _HIGH), None)
        lo = _end(low, name, "下限") if low is not None else None
        hi = _end(high, name, "上限") if high is not None else None
    else:
        raise BadBand(f"“{name}”的关注区间应写作 [下限, 上限]。")
    if lo is None and hi is None:
        raise BadBand(f"“{name}”的关注区间没有下限也没有上限。")
    if lo is not None and hi is not None and lo > hi:
        raise BadBand(f"“{name}”的下限 {lo} 大于上限 {hi}。", "写作 [下限, 上限]，小的在前。")
    return lo, hi


def parse_bands(node: yaml.Node) -> dict[str, Band]:
    """The bands of site.yaml's ``bands:`` node, by figure id; BadBand when one is wrong."""
    if not isinstance(node, yaml.MappingNode):
        raise BadBand("bands 应为“指标: [下限, 上限]”的映射。")
    out: dict[str, Band] = {}
    for knode, vnode in node.value:
        name = str(knode.value).strip()
        fid = _figure(name)
        if fid in out:
            raise BadBand(f"指标“{NAMES[fid]}”的关注区间写了两次。")
        out[fid] = _band(name, vnode)
    return out


def bands_of(extra: tuple[tuple[str, object], ...] | dict[str, object]) -> dict[str, Band]:
    """The parsed bands kept in the region settings (RegionSettings.extra), or none."""
    given = dict(extra).get("bands")
    return dict(given) if isinstance(given, dict) else {}

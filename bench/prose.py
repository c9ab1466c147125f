"""The narrative parts (一, 五, 六) of a synthetic report: about 6,000 characters, varied per report.

Sentences are drawn from the pools in bench.corpus; the figures the prose names are the
table's own (written out, so that N1 really compares them, or quoted with {{ … }}).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench import corpus
from gkgen.findings import Number, fmt

_SLOT = re.compile(r"\{([a-zA-Z0-9]+(?:-\d+)?)\}")
_LISTS = {"area": corpus.AREAS, "topic": corpus.TOPICS, "focus": corpus.FOCUS,
          "chan": corpus.CHANNELS, "wx": corpus.WECHAT}


@dataclass(frozen=True)
class Voice:
    """Who writes and when: the body's name, how it calls itself, the report year."""

    name: str
    we: str
    year: int
    has_previous: bool


def fill(template: str, rng: random.Random, voice: Voice) -> str:
    """The template with every slot filled (lists and ranges drawn anew at each use)."""
    fixed = {"name": voice.name, "we": voice.we, "Y": str(voice.year),
             "Y1": str(voice.year + 1), "P": str(voice.year - 1)}

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in fixed:
            return fixed[key]
        if key in _LISTS:
            return rng.choice(_LISTS[key])
        low, high = key.split("-")
        return str(rng.randint(int(low), int(high)))

    return _SLOT.sub(one, template)


def pick(pool: Sequence[str], k: int, rng: random.Random, voice: Voice) -> list[str]:
    """k different sentences of the pool, filled, in a random order."""
    return [fill(t, rng, voice) for t in rng.sample(list(pool), min(k, len(pool)))]


def composed(section: str, k: int, rng: random.Random, voice: Voice) -> list[str]:
    """k sentences "{when}，{action}，{result}。" on one sub-topic of part 一."""
    actions = rng.sample(corpus.ACTIONS[section], min(k, len(corpus.ACTIONS[section])))
    return [fill(f"{rng.choice(corpus.WHEN)}，{a}，{rng.choice(corpus.RESULTS)}。", rng, voice)
            for a in actions]


def _n(values: dict[str, Number | None], *ids: str) -> str:
    return fmt(sum((values[i] or 0) for i in ids))


def _sum_prefix(values: dict[str, Number | None], prefix: str) -> str:
    return fmt(sum((v or 0) for k, v in values.items()
                   if k.startswith(prefix) and k.endswith(".total")))


def proactive_figures(values: dict[str, Number | None], edition: str, rng: random.Random) -> str:
    """The sentence on table 2's figures."""
    if edition == "2021":
        issued = "{{ t2.normative.issued }}" if rng.random() < 0.3 else _n(values, "t2.normative.issued")
        return (f"本年度制发行政规范性文件{issued}件，废止{_n(values, 't2.normative.repealed')}件，"
                f"截至年底现行有效{_n(values, 't2.normative.in_force')}件；全年作出行政许可决定"
                f"{_n(values, 't2.licensing.decisions')}项、行政处罚决定{_n(values, 't2.penalty.decisions')}项。")
    return (f"本年度新制作规范性文件{_n(values, 't2.normative.made')}件，新公开"
            f"{_n(values, 't2.normative.published')}件，对外公开规范性文件总数达到"
            f"{_n(values, 't2.normative.public_total')}件。")


def request_figures(values: dict[str, Number | None], rng: random.Random) -> str:
    """The sentences on tables 3 and 4, every figure the table's own."""
    new = "{{ t3.new.total }}" if rng.random() < 0.3 else _n(values, "t3.new.total")
    text = (f"本年度共新收政府信息公开申请{new}件，上年结转{_n(values, 't3.carried.total')}件。"
            f"全年办结政府信息公开申请{_n(values, 't3.result.total.total')}件，其中予以公开"
            f"{_n(values, 't3.result.granted.total')}件，部分公开{_n(values, 't3.result.partial.total')}件，"
            f"不予公开{_sum_prefix(values, 't3.result.denied.')}件，无法提供"
            f"{_sum_prefix(values, 't3.result.unable.')}件，不予处理{_sum_prefix(values, 't3.result.rejected.')}件；"
            f"结转下年度继续办理{_n(values, 't3.forward.total')}件。")
    review = _n(values, "t4.review.total")
    suits = _n(values, "t4.suit.direct.total", "t4.suit.after.total")
    if review == "0" and suits == "0":
        return text + "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"
    return text + (f"本年度因政府信息公开工作被申请行政复议{review}件，其中结果维持"
                   f"{_n(values, 't4.review.upheld')}件；被提起行政诉讼{suits}件，其中尚未审结"
                   f"{_n(values, 't4.suit.direct.pending', 't4.suit.after.pending')}件。")


def part1(voice: Voice, values: dict[str, Number | None], edition: str, rng: random.Random) -> str:
    """一、总体情况: the statistics period, an overview and the five expected sub-topics."""
    sections = [
        ("（一）主动公开", [proactive_figures(values, edition, rng),
                       *pick(corpus.PROACTIVE, 15, rng, voice)], "proactive"),
        ("（二）依申请公开", [request_figures(values, rng), *pick(corpus.REQUESTS, 12, rng, voice)],
         "requests"),
        ("（三）政府信息管理", pick(corpus.MANAGEMENT, 10, rng, voice), "management"),
        ("（四）政府信息公开平台建设", pick(corpus.PLATFORMS, 10, rng, voice), "platforms"),
        ("（五）监督保障", pick(corpus.OVERSIGHT, 10, rng, voice), "oversight"),
    ]
    out = [fill(rng.choice(corpus.INTROS), rng, voice),
           fill(rng.choice(corpus.OVERALLS), rng, voice)]
    for heading, sentences, section in sections:
        out.append(f"### {heading}")
        out.extend(_paragraphs([*sentences, *composed(section, 8, rng, voice)], rng))
    return "\n\n".join(out) + "\n"


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    paras: list[str] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(2, 3)
        paras.append("".join(sentences[i:i + n]))
        i += n
    return paras


def part5(voice: Voice, rng: random.Random) -> str:
    """五、存在的主要问题及改进情况: last year's fixes, this year's problems, next year's plan."""
    last = f"对照{voice.year - 1}年度报告提出的问题" if voice.has_previous else "对照上年度工作中发现的问题"
    fixed = "".join(pick(corpus.FIXED, 5, rng, voice))
    problems = pick(corpus.PROBLEMS, 4, rng, voice)
    ordinals = ("一是", "二是", "三是", "四是")
    listed = "；".join(f"{o}{p}，{rng.choice(corpus.EXPLAIN)}"
                      for o, p in zip(ordinals, problems, strict=True))
    measures = pick(corpus.MEASURES, 6, rng, voice)
    plan = "\n".join(f"{i}. {m}" for i, m in enumerate(measures, 1))
    return (f"{last}，{voice.we}逐项制定整改措施，目前已基本整改到位。{fixed}\n\n"
            f"本年度工作中仍存在一些不足：{listed}。\n\n"
            f"{voice.year + 1}年，{voice.we}将重点做好以下工作：\n\n{plan}\n\n"
            f"{''.join(pick(corpus.CLOSING, 2, rng, voice))}\n")


def part6(voice: Voice, rng: random.Random) -> str:
    """六、其他需要报告的事项: the processing fee first (N3), then the usual topics."""
    items = [
        ("信息处理费", fill(rng.choice(corpus.FEES), rng, voice)),
        ("落实上级年度政务公开工作要点情况", "".join(pick(corpus.KEYPOINTS, 2, rng, voice))),
        ("人大代表建议和政协提案办理结果公开情况", "".join(pick(corpus.PROPOSALS, 2, rng, voice))),
        ("年度工作创新", "".join(pick(corpus.INNOVATIONS, 5, rng, voice))),
        ("其他事项", "".join(pick(corpus.OTHERS, 5, rng, voice))),
    ]
    numbers = ("（一）", "（二）", "（三）", "（四）", "（五）")
    return "\n\n".join(f"{n}{title}。{text}" for n, (title, text)
                       in zip(numbers, items, strict=True)) + "\n"


def narratives(voice: Voice, values: dict[str, Number | None], edition: str,
               rng: random.Random) -> dict[int, str]:
    """The three narrative parts, by part number."""
    return {1: part1(voice, values, edition, rng), 5: part5(voice, rng), 6: part6(voice, rng)}

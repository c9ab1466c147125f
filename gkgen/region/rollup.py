"""Roll-ups: every cell of tables 2–4 summed over all bodies, and over each parent with its children.

For every year and edition, a roll-up sums the published reports of its bodies: all bodies of the
site ("all"), and each body that has children together with everything below it. Left out, and
listed with the reason: drafts, bodies without a report for the year, bodies whose report sums
others (``summary_of``: they would count their children twice) and reports of the other edition
(summed apart, as the tables differ).

Blank cells are never taken for 0: a cell blank in any member report is blank in the sum, and the
roll-up names the reports where it is blank and gives the sum of the others apart (``partial``).

Everything is made in one pass over the entries (each adds its cells to its groups' sums), so the
cost grows with reports × cells × depth of the tree, never with the square of the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gkgen.findings import Number
from gkgen.format import edition as get_edition
from gkgen.region.entry import Entry
from gkgen.region.figures import Band, Figure, Quartiles, figures, quartiles
from gkgen.region.hierarchy import Node, Tree
from gkgen.region.settings import RegionSettings
from gkgen.region.status import LATE, ON_TIME, zh_date
from gkgen.region.view import RegionView

ALL = "all"


def enabled(settings: RegionSettings) -> bool:
    """Whether the site has roll-up pages and data (site.yaml rollups:, default true)."""
    return dict(settings.extra).get("rollups", True) is not False
NEWEST = "2021"  # roll-ups of other editions get a suffix in their key


@dataclass
class Rollup:
    year: int
    edition: str
    group: str  # ALL or the parent's slug
    title: str
    members: list[Entry] = field(default_factory=list)
    left_out: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, name, why)
    sums: dict[str, Number | None] = field(default_factory=dict)
    blanks: dict[str, list[str]] = field(default_factory=dict)  # cell -> member names blank there
    partial: dict[str, Number] = field(default_factory=dict)  # cell -> sum of the members filled

    @property
    def stem(self) -> str:
        return stem_of(self.group, self.edition)

    @property
    def key(self) -> str:
        """The roll-up's path below region/ without suffix: 2023/all, 2023/of-shiyi-gov."""
        return f"{self.year}/{self.stem}"

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(m.body for m in self.members)


def stem_of(group: str, edition: str) -> str:
    """A roll-up's file name stem: all, of-<parent> (body folders never hold a dot), with
    .<edition> for a roll-up of the older edition (all.2019)."""
    name = ALL if group == ALL else f"of-{group}"
    return name + ("" if edition == NEWEST else f".{edition}")


def member(entry: Entry, node: Node) -> str:
    """"" when the entry counts in its roll-ups, else why it is left out."""
    if node.summary_of:
        return "本机关报告为下级机关的汇总，不重复计入"
    if not entry.report:
        return f"无{entry.year}年度报告（{entry.status.short}）"
    if entry.draft or entry.published is None:
        return "报告为草稿，尚未发布，不计入"
    if entry.status.kind not in (ON_TIME, LATE):  # dated after the day the site is made for
        return f"报告的发布日期（{zh_date(entry.published)}）未到，尚未发布，不计入"
    return ""


def groups_of(t: Tree) -> dict[str, list[str]]:
    """The roll-up groups each body counts in: all, every ancestor, itself when it has children.

    The only root of a tree is no group of its own: its roll-up would be that of all bodies.
    """
    out: dict[str, list[str]] = {}
    for node in t.ordered():  # parents come before their children
        above = out[node.parent][1:] + [node.parent] if node.parent else []
        out[node.slug] = [ALL, *above] + ([node.slug] if node.children else [])
    alone = {t.roots[0].slug} if len(t.roots) == 1 else set()
    return {slug: [g for i, g in enumerate(gs) if g not in gs[:i] and g not in alone]
            for slug, gs in out.items()}


@dataclass
class _Acc:
    rollup: Rollup
    cells: tuple[str, ...]
    totals: dict[str, Number] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        r, totals, cells = self.rollup, self.totals, entry.cells
        r.members.append(entry)
        for cid in self.cells:
            v = cells.get(cid)
            if v is None:
                r.blanks.setdefault(cid, []).append(entry.name)
            else:
                before = totals.get(cid, 0)
                totals[cid] = Decimal(before) + v if isinstance(v, Decimal) else before + v

    def done(self) -> Rollup:
        r = self.rollup
        for cid in self.cells:
            total = self.totals.get(cid, 0)
            if cid in r.blanks:
                r.sums[cid] = None
                r.partial[cid] = total
            else:
                r.sums[cid] = total
        return r


def title_of(t: Tree, group: str) -> str:
    return "全部机关" if group == ALL else f"{t.nodes[group].name}及所属机关"


def rollups(view: RegionView) -> list[Rollup]:
    """Every roll-up of the site: by year (newest first), all bodies first, then each parent."""
    t = view.tree
    place = {n.slug: i for i, n in enumerate(t.ordered())}
    groups = groups_of(t)
    accs: dict[tuple[int, str, str], _Acc] = {}
    left: dict[tuple[int, str], list[tuple[int, str, str, str]]] = {}
    entries = sorted(view.entries.values(), key=lambda e: (e.year, place.get(e.body, 0)))
    for e in entries:
        node = t.nodes.get(e.body)
        if node is None:
            continue
        why = member(e, node)
        for g in groups[e.body]:
            if why:
                left.setdefault((e.year, g), []).append((place[e.body], e.body, e.name, why))
                continue
            acc = accs.get((e.year, g, e.edition))
            if acc is None:
                r = Rollup(e.year, e.edition, g, title_of(t, g))
                acc = accs[(e.year, g, e.edition)] = _Acc(r, tuple(get_edition(e.edition).cells))
            acc.add(e)
    out = [acc.done() for acc in accs.values()]
    same: dict[tuple[int, str], list[Rollup]] = {}
    for r in out:
        same.setdefault((r.year, r.group), []).append(r)
    for r in out:
        others = [(place[m.body], m.body, m.name,
                   f"使用{get_edition(m.edition).name}格式，另行汇总")
                  for o in same[(r.year, r.group)] if o is not r for m in o.members]
        r.left_out = [(s, n, w) for _, s, n, w in sorted(left.get((r.year, r.group), []) + others)]
    rank = {ALL: -1, **place}
    out.sort(key=lambda r: (-r.year, rank.get(r.group, 0), r.edition != NEWEST, r.edition))
    return out


def layout(view: RegionView) -> list[tuple[int, str, str]]:
    """(year, group, edition) of every roll-up rollups() makes, in its order, without summing:
    what the site's file list needs (one pass over the entries, no cell read)."""
    t = view.tree
    place = {n.slug: i for i, n in enumerate(t.ordered())}
    groups = groups_of(t)
    found: set[tuple[int, str, str]] = set()
    for e in view.entries.values():
        node = t.nodes.get(e.body)
        if node is not None and not member(e, node):
            found.update((e.year, g, e.edition) for g in groups[e.body])
    rank = {ALL: -1, **place}
    return sorted(found, key=lambda k: (-k[0], rank.get(k[1], 0), k[2] != NEWEST, k[2]))


@dataclass
class RollupView:
    """The roll-ups of a site with the derived figures of each roll-up and of each member report."""

    rollups: list[Rollup]
    rollup_figures: dict[str, list[Figure]]  # by Rollup.key
    body_figures: dict[tuple[str, int], list[Figure]]  # by (slug, year), members only
    quartiles: dict[int, list[Quartiles]]  # by year: among the members of "all", by level
    bands: dict[str, Band]

    by_key: dict[str, Rollup] = field(default_factory=dict, repr=False)

    def rollup(self, key: str) -> Rollup:
        if not self.by_key:
            self.by_key.update((r.key, r) for r in self.rollups)
        return self.by_key[key]


def _before(view: RegionView, e: Entry) -> tuple[dict[str, Number | None] | None, str]:
    last = view.entries.get((e.body, e.year - 1))
    if last is None or not last.report or member(last, view.tree.nodes[last.body]):
        return None, "无上年已发布报告"
    return last.cells, ""


def rollup_view(view: RegionView, bands: dict[str, Band]) -> RollupView:
    """The roll-ups, figures and quartiles of a region view."""
    all_rollups = rollups(view)
    body_figures: dict[tuple[str, int], list[Figure]] = {}
    for r in all_rollups:
        if r.group != ALL:
            continue
        for m in r.members:
            before, why = _before(view, m)
            body_figures[(m.body, m.year)] = figures(m.cells, before, bands, why)
    by_year: dict[tuple[str, int], list[Rollup]] = {}
    for r in all_rollups:
        by_year.setdefault((r.group, r.year), []).append(r)
    rollup_figures: dict[str, list[Figure]] = {}
    for r in all_rollups:
        earlier = sorted(by_year.get((r.group, r.year - 1), []), key=lambda o: o.edition != r.edition)
        last = earlier[0] if earlier else None
        if last is None:
            before, why = None, "无上年汇总"
        elif last.slugs != r.slugs:
            before, why = None, "上年计入的机关与本年不同，不计算同比"
        else:
            before, why = last.sums, ""
        rollup_figures[r.key] = figures(r.sums, before, bands, why)
    levels_of: dict[int, dict[str, list[list[Figure]]]] = {}
    for r in all_rollups:
        if r.group == ALL:
            levels = levels_of.setdefault(r.year, {})
            for m in r.members:
                levels.setdefault(m.level, []).append(body_figures[(m.body, m.year)])
    quarts = {year: quartiles(levels) for year, levels in levels_of.items()}
    return RollupView(all_rollups, rollup_figures, body_figures, quarts, bands)

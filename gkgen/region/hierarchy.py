"""The bodies of a site as a 年报专栏 lists them: the government first, its departments, then townships.

``body.yaml``'s ``parent`` (a body's full name or its folder) makes the tree; ``order`` places a
body among its siblings (smaller first); without it the level decides (government, department,
township), then the name. A parent that is not a body of the site is ignored (the body is a
root); a loop keeps the first link met in site order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gkgen.model import LEVELS, Body

LEVEL_RANK = {"government": 0, "department": 1, "township": 2}
NO_ORDER = 10**6


@dataclass
class Node:
    slug: str
    name: str
    level: str
    parent: str  # the parent's slug ("" at the top)
    order: int | None
    summary_of: tuple[str, ...]
    depth: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def level_name(self) -> str:
        return LEVELS.get(self.level, self.level)

    def sort_key(self) -> tuple[int, int, int, str, str]:
        # order first when given; then level: the 年报专栏 lists the government before its departments
        return (0 if self.order is not None else 1, self.order if self.order is not None else NO_ORDER,
                LEVEL_RANK.get(self.level, 9), self.name, self.slug)

    def descendants(self) -> list[Node]:
        out: list[Node] = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants())
        return out


@dataclass
class Tree:
    roots: list[Node]
    nodes: dict[str, Node]

    def ordered(self) -> list[Node]:
        """Every body, depth first, in the 年报专栏's order."""
        out: list[Node] = []
        for root in self.roots:
            out.append(root)
            out.extend(root.descendants())
        return out

    def parent_of(self, slug: str) -> Node | None:
        node = self.nodes.get(slug)
        return self.nodes.get(node.parent) if node and node.parent else None


def tree(bodies: Iterable[Body]) -> Tree:
    """The hierarchy of the bodies (light: their reports are not read)."""
    listed = list(bodies)
    nodes = {b.slug: Node(b.slug, b.name, b.level, "", b.order, tuple(b.summary_of)) for b in listed}
    by_name: dict[str, str] = {}
    for b in listed:
        by_name.setdefault(b.name, b.slug)
    for b in listed:
        parent = b.parent if b.parent in nodes else by_name.get(b.parent, "")
        if parent and parent != b.slug and not _is_below(nodes, parent, b.slug):
            nodes[b.slug].parent = parent
    roots: list[Node] = []
    for node in nodes.values():
        (nodes[node.parent].children if node.parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=Node.sort_key)
    roots.sort(key=Node.sort_key)
    result = Tree(roots, nodes)
    for n in result.ordered():
        n.depth = nodes[n.parent].depth + 1 if n.parent else 0
    return result


def _is_below(nodes: dict[str, Node], candidate: str, slug: str) -> bool:
    """True when candidate already hangs below slug (a parent loop)."""
    seen: set[str] = set()
    while candidate and candidate not in seen:
        if candidate == slug:
            return True
        seen.add(candidate)
        candidate = nodes[candidate].parent
    return False

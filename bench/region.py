"""The roll-up benchmark's sites: the generated site arranged as a region, with and without roll-ups.

Every department hangs below the government that follows it in the generator's order (one
government every 22 bodies: ~11 parents at 1,000 reports, so roll-ups of all bodies and of
each parent for every year); the second copy says ``rollups: false`` in site.yaml. Both are
the same site otherwise, so their HTML builds differ by the roll-up pages and data alone
(the wide CSV, its workbook and datapackage.json are built by both).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.sitegen import DEPARTMENTS

GROUP = len(DEPARTMENTS) + 1  # bench.sitegen.body: the government is the last of every GROUP


def _name(body_yaml: Path) -> str:
    m = re.search(r"^name: (\S+)", body_yaml.read_text(encoding="utf-8"), re.M)
    assert m, body_yaml
    return m.group(1)


def as_region(site: Path, dest: Path, rollups: bool) -> Path:
    """A copy of site at dest arranged as a region; rollups=False turns the roll-ups off."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest)
    content = dest / "content"
    bodies = sorted(p for p in content.iterdir() if p.is_dir() and p.name.startswith("b"))
    for body in bodies:
        i = int(body.name[1:])
        gov = content / f"b{i // GROUP * GROUP + GROUP - 1:04d}" / "body.yaml"
        if gov.parent != body and gov.is_file():
            with (body / "body.yaml").open("a", encoding="utf-8") as f:
                f.write(f"parent: {_name(gov)}\n")
    if not rollups:
        with (content / "site.yaml").open("a", encoding="utf-8") as f:
            f.write("rollups: false\n")
    return dest

"""The site step's search files: search.html and search/index.js (gkgen.render.search).

The index is made from the report pages already in the staging tree (written by this build
or carried from the last one), so it needs nothing the tasks do not already produce. Its key
is the digest of every listed report's own key: a build where no report changed carries it.
"""

from __future__ import annotations

from gkgen.build.cache import digest
from gkgen.build.plan import Inputs, page_key
from gkgen.build.writer import Writer
from gkgen.model import Report
from gkgen.render.pages import render_page
from gkgen.render.report import SiteInfo
from gkgen.render.search import INDEX, PAGE, index_js, page_text


def search_files(writer: Writer, info: SiteInfo, reports: list[Report],
                 inputs: Inputs) -> list[str]:
    """Write (or carry) search.html and search/index.js; the ones rebuilt."""
    listed = [r for r in reports if r.key in writer.new.reports]
    docs = [{"url": f"{r.key}/index.html", "title": r.full_title} for r in listed]
    context = {"site": {"title": info.title, "language": info.language}, "print": False,
               "root": "", "canonical": info.canonical(PAGE), "docs": docs}
    wanted = {
        PAGE: page_key(inputs, PAGE, context),
        INDEX: digest("search", inputs.code, *(f"{r.key}\0{writer.new.reports[r.key].key}"
                                               for r in listed)),
    }
    made = []
    for rel, key in wanted.items():
        writer.new.pages[rel] = key
        if writer.old and writer.old.pages.get(rel) == key and writer.can_carry([rel]):
            writer.carry(rel, "site")
            continue
        if rel == PAGE:
            data = render_page(info.templates, PAGE, context).encode("utf-8")
        else:
            data = index_js(
                (f"{r.key}/index.html", r.full_title, r.body.name, r.year,
                 page_text(_page(writer, f"{r.key}/index.html")))
                for r in listed)
        writer.write(rel, data, "site")
        made.append(rel)
    return made


def _page(writer: Writer, rel: str) -> str:
    """A report page of the new tree: written by this build (staging) or carried (the output)."""
    staged = writer.staging.path / rel
    return (staged if staged.exists() else writer.out / rel).read_text("utf-8")

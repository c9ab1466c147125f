"""The site step's search files: search.html and search/index.js (gkgen.render.search).

The index is made from each report's searchable text: the task that rendered a report made it
(RenderedReport.search); a report carried over keeps its text from the old index in the output
(read only when the index is rebuilt), or, failing that, from its page. Its key
is the digest of every listed report's own key: a build where no report changed carries it.
"""

from __future__ import annotations

from gkgen.build.cache import digest
from gkgen.build.plan import Inputs, page_key
from gkgen.build.writer import Writer
from gkgen.model import Report
from gkgen.render.chrome import column_meta, site_context
from gkgen.render.pages import render_page
from gkgen.render.report import SiteInfo
from gkgen.render.search import INDEX, PAGE, doc_line, doc_text, index_lines, index_of


def search_files(writer: Writer, info: SiteInfo, reports: list[Report],
                 inputs: Inputs) -> list[str]:
    """Write (or carry) search.html and search/index.js; the ones rebuilt."""
    listed = [r for r in reports if r.key in writer.new.reports]
    docs = [{"url": f"{r.key}/index.html", "title": r.full_title} for r in listed]
    context = {"site": site_context(info.title, info.language, info.region), "print": False,
               "root": "", "canonical": info.canonical(PAGE), "docs": docs,
               "meta": column_meta(info.title, info.region, "全文搜索各机关的政府信息公开工作年度报告")}
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
            known = _old_lines(writer) if any(r.key not in writer.search for r in listed) else {}
            data = index_of(_line(writer, r, known) for r in listed)
        writer.write(rel, data, "site")
        made.append(rel)
    return made



def _old_lines(writer: Writer) -> dict[str, bytes]:
    """url -> line of the old output's index, when it is still the file the last build wrote."""
    if not (writer.old and writer.can_carry([INDEX])):
        return {}
    try:
        return index_lines((writer.out / INDEX).read_bytes())
    except (OSError, ValueError):
        return {}


def _line(writer: Writer, report: Report, known: dict[str, bytes]) -> bytes:
    """A report's index line: made now if it was rendered, else the old index's (its url, title,
    body name and year are part of what its render key covers), else made from its page."""
    url = f"{report.key}/index.html"
    if report.key in writer.search:
        text = writer.search[report.key]
    elif url in known:
        return known[url]
    else:
        text = doc_text(report.full_title, report.body.name, (writer.out / url).read_text("utf-8"))
    return doc_line(url, report.full_title, report.body.name, report.year, text).encode("utf-8")

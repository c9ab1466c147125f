"""F9 and F10: images, HTML and links in the narrative parts that the page cannot show.

The very vetting the renderer applies (gkgen.render.markdown.markup_findings), run over
the part as the renderer sees it (figures quoted), so check and build agree on every image.
"""

from __future__ import annotations

from gkgen.content.quote import render_part
from gkgen.findings import Finding
from gkgen.model import Report, Site


def check_images(site: Site, report: Report) -> list[Finding]:
    """F9: an image that is missing, outside the site's content folder or not a picture;
    F10: HTML shown as text, a link that keeps its text only."""
    from gkgen.render.markdown import markup_findings  # Markdown loads only when it is needed

    out: list[Finding] = []
    for _, part in sorted(report.narratives.items()):
        if part.source is None or not any(m in part.source for m in ("![", "](", "<", "]:")):
            continue
        text = render_part(report, part, [])  # an expression error is N4/F8's to report
        out.extend(markup_findings(text, part.path, site.content))
    return out

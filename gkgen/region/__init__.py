"""A region's view of its bodies: the hierarchy (年报专栏 order), publication status and deadlines.

Everything here works on light data (bodies without reports, light reports, each report's
open-data record), so a build whose reports came from the check cache sees the same as one
that read them. Roll-ups and derived figures build on :class:`gkgen.region.entry.Entry`.
"""

"""The numbers the targets are about, computed from the step results; the printed table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Steps = dict[str, dict[str, Any]]

# name -> (unit, target text, passes(value) or None when informational)
TARGETS: dict[str, tuple[str, str, Callable[[float], bool] | None]] = {
    "check_s": ("s", "", None),
    "check_s_per_1000": ("s", "≤ 5 s for 1,000 reports", lambda v: v <= 5),
    "html_ms_per_report_core": ("ms", "≤ 25 ms", lambda v: v <= 25),
    "baseline_ms_per_report": ("ms", "", None),
    "html_over_baseline": ("×", "", None),
    "noop_fraction": ("", "≤ 0.03 of the full build", lambda v: v <= 0.03),
    "touch1_s": ("s", "≤ 0.5 s", lambda v: v <= 0.5),
    "touch1_reports_rerendered": ("", "", None),
    "touch1_reports_rechecked": ("", "≤ 2", lambda v: v <= 2),
    "speedup_jobs2_html": ("×", "≥ 1.7", lambda v: v >= 1.7),
    "speedup_jobs2_pdf": ("×", "≥ 1.7", lambda v: v >= 1.7),
    "pdf_s_per_report_gkgen": ("s", "", None),
    "pdf_s_per_report_raw": ("s", "", None),
    "pdf_ratio": ("×", "≤ 1.15", lambda v: v <= 1.15),
    "pdf_render_call_ratio": ("×", "", None),
    "dask_over_jobs2_pdf": ("×", "≤ 1.15 (within 15 %)", lambda v: v <= 1.15),
    "peak_rss_mb_max": ("MB", "", None),
    "main_rss_mb_max": ("MB", "≤ 400 MB", lambda v: v <= 400),
    "html_ms_per_report_vs_compare": ("×", "≤ 1.2 (within 20 %)", lambda v: v <= 1.2),
    "office_overhead": ("", "≤ 0.15 of the HTML-only build", lambda v: v <= 0.15),
    "rollup_overhead": ("", "≤ 0.10 of the HTML build", lambda v: v <= 0.10),
    "rollup_site_overhead": ("", "", None),
}


def _ok(steps: Steps, *names: str) -> str | None:
    """None when every named step is ok, else why the metric cannot be computed."""
    for name in names:
        step = steps.get(name)
        if step is None:
            return f"step {name} was not run"
        if step.get("status") != "ok":
            return f"step {name}: {step.get('status')} ({step.get('reason', '')})"[:300]
    return None


def _metric(name: str, value: float | None, reason: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    unit, target, passes = TARGETS[name]
    ok = None if value is None or passes is None else bool(passes(value))
    out: dict[str, Any] = {"value": None if value is None else round(value, 4), "unit": unit,
                           "target": target or None, "pass": ok}
    if value is None:
        out["reason"] = reason or "n/a"
    if note:
        out["note"] = note
    return out


def compute(steps: Steps, reports: int, pdf_reports: int, jobs: int,
            earlier: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Every metric of TARGETS; value None (with "reason") when it cannot be measured."""
    m: dict[str, dict[str, Any]] = {}

    def put(name: str, needs: tuple[str, ...], value: Callable[[], float | None],
            note: str | None = None, reason: str | None = None) -> None:
        why = _ok(steps, *needs)
        v = None if why else value()
        m[name] = _metric(name, v, why or reason, note)

    s = steps
    put("check_s", ("check",), lambda: s["check"]["seconds"])
    put("check_s_per_1000", ("check",), lambda: s["check"]["seconds"] * 1000 / reports,
        note=f"linear extrapolation from {reports} reports" if reports != 1000 else None)
    put("html_ms_per_report_core", ("html",), lambda: s["html"]["cpu_s"] * 1000 / reports,
        note="CPU time of the jobs=1 build / reports; includes the checks the build runs")
    put("baseline_ms_per_report", ("baseline",), lambda: s["baseline"]["cpu_ms_per_report"],
        note="CPU time")
    put("html_over_baseline", ("html", "baseline"),
        lambda: s["html"]["cpu_s"] * 1000 / reports / s["baseline"]["cpu_ms_per_report"])
    put("noop_fraction", ("html", "noop"), lambda: s["noop"]["cpu_s"] / s["html"]["cpu_s"],
        note="CPU time of the no-op rebuild / of the full build")
    put("touch1_s", ("touch1",), lambda: s["touch1"]["seconds"])
    touch = s.get("touch1", {})
    put("touch1_reports_rerendered", ("touch1",), lambda: touch.get("rendered"),
        reason=touch.get("rendered_source"), note=touch.get("rendered_source"))
    put("speedup_jobs2_html", ("html", "html_j2"),
        lambda: s["html"]["seconds"] / s["html_j2"]["seconds"], note=f"wall time, jobs={jobs} vs 1")
    put("speedup_jobs2_pdf", ("pdf", "pdf_j2"),
        lambda: s["pdf"]["seconds"] / s["pdf_j2"]["seconds"],
        note=f"wall time, jobs={jobs} vs 1, PDF build of {pdf_reports} reports")
    put("pdf_s_per_report_gkgen", ("pdf", "pdf_html"),
        lambda: (s["pdf"]["cpu_s"] - s["pdf_html"]["cpu_s"]) / pdf_reports,
        note="CPU: (PDF build − HTML build of the same subset) / reports")
    put("pdf_s_per_report_raw", ("raw_pdf",), lambda: s["raw_pdf"]["cpu_s"] / pdf_reports,
        note="CPU: raw WeasyPrint, same HTML and style sheets, setup included")
    put("pdf_ratio", ("pdf", "pdf_html", "raw_pdf"),
        lambda: m["pdf_s_per_report_gkgen"]["value"] / m["pdf_s_per_report_raw"]["value"])
    put("pdf_render_call_ratio", ("pdf", "raw_pdf"),
        lambda: _mean(s["pdf"].get("render_cpu_s")) / _mean(s["raw_pdf"]["render_cpu_s"]),
        note="CPU: PdfRenderer.render() vs raw render+write_pdf, per call, setup excluded")
    put("touch1_reports_rechecked", ("touch1",), lambda: touch.get("rechecked"),
        note="reports the build read and checked anew (BuildResult.checked)")
    put("dask_over_jobs2_pdf", ("pdf_dask", "pdf_j2"),
        lambda: s["pdf_dask"]["seconds"] / s["pdf_j2"]["seconds"],
        note=f"wall time, Dask LocalCluster of {jobs} workers vs jobs={jobs} local processes")
    rss = [v["peak_rss_mb"] for v in steps.values() if v.get("peak_rss_mb")]
    m["peak_rss_mb_max"] = _metric("peak_rss_mb_max", max(rss) if rss else None)
    main = [v["rss_self_mb"] for k, v in steps.items() if v.get("rss_self_mb")
            and k not in ("pdf_dask", "raw_pdf", "baseline")]  # the builds' and check's own process
    m["main_rss_mb_max"] = _metric("main_rss_mb_max", max(main) if main else None,
                                   None if main else "no step", "largest VmHWM of a build or check "
                                   "step's own process (workers apart); the Dask step is left "
                                   "out: its process also hosts the LocalCluster's scheduler")
    before = ((earlier or {}).get("metrics") or {}).get("html_ms_per_report_core") or {}
    put("html_ms_per_report_vs_compare", ("html",),
        lambda: (m["html_ms_per_report_core"]["value"] / before["value"]
                 if before.get("value") and m["html_ms_per_report_core"]["value"] else None),
        reason=None if before.get("value") else "no --compare result with html_ms_per_report_core",
        note=f"vs {(earlier or {}).get('params', {}).get('reports')} reports (--compare)")
    put("office_overhead", ("html", "html_nooffice"),
        lambda: s["html"]["cpu_s"] / s["html_nooffice"]["cpu_s"] - 1,
        note="CPU: HTML build with report.docx + tables.xlsx (html) / without (html_nooffice) − 1")
    put("rollup_overhead", ("html_rollups", "html_norollups"),
        lambda: s["html_rollups"]["cpu_s"] / s["html_norollups"]["cpu_s"] - 1,
        note="CPU: the region's HTML build with roll-ups / without (site.yaml rollups: false) − 1")
    site_s = {k: (s.get(k, {}).get("stages_s") or {}).get("site") for k in ("html_rollups",
                                                                             "html_norollups")}
    put("rollup_site_overhead", ("html_rollups", "html_norollups"),
        lambda: ((site_s["html_rollups"] - site_s["html_norollups"]) / s["html_norollups"]["seconds"]
                 if None not in site_s.values() else None),
        reason=None if None not in site_s.values() else "no stage times",
        note="wall: the site stage's extra time with roll-ups / the whole build without "
             "(the render stages do the same work in both builds and are left out)")
    return m


def _mean(xs: list[float] | None) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _num(v: Any, digits: int = 3) -> str:
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def table(steps: Steps, metrics: dict[str, dict[str, Any]]) -> str:
    """Steps, then metrics, as plain-text tables."""
    lines = [f"{'step':<12} {'status':<7} {'wall s':>8} {'cpu s':>8} {'process s':>10} "
             f"{'peak MB':>8}  note",
             "-" * 78]
    for name, r in steps.items():
        note = r.get("note") or ("" if r.get("status") == "ok" else r.get("reason", ""))
        lines.append(f"{name:<12} {r.get('status', '?'):<7} {_num(r.get('seconds')):>8} "
                     f"{_num(r.get('cpu_s')):>8} "
                     f"{_num(r.get('process_s')):>10} {_num(r.get('peak_rss_mb'), 1):>8}  "
                     f"{str(note)[:90]}")
    lines += ["", f"{'metric':<26} {'value':>10} {'unit':<4} {'target':<26} pass", "-" * 78]
    for name, r in metrics.items():
        verdict = {True: "yes", False: "NO", None: ""}[r["pass"]]
        value = _num(r["value"])
        extra = r.get("reason") if r["value"] is None else r.get("note")
        lines.append(f"{name:<26} {value:>10} {r['unit']:<4} {r['target'] or '':<26} {verdict}"
                     + (f"  ({str(extra)[:110]})" if extra else ""))
    return "\n".join(lines)

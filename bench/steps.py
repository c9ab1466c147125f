"""One measured step, run in a fresh process: `python -m bench.steps SPEC.json RESULT.json`.

A fresh process per step keeps the numbers clean: nothing is warm that a user's run would
not have warm, and the peak memory (getrusage maxrss) belongs to this step alone. The step
writes a JSON result; "status" is "ok", "n/a" (with the reason) or "failed".
"""

from __future__ import annotations

import inspect
import json
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


class NotAvailable(Exception):
    """The thing to measure does not exist (yet) in this gkgen."""


def cpu_now() -> float:
    """CPU seconds (user + system) of this process and of its reaped children (build workers)."""
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime


class Clock:
    """Wall and CPU seconds of a block: `with Clock() as c: …; c.wall, c.cpu`."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), cpu_now()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = cpu_now() - self._cpu


def step_check(spec: dict[str, Any]) -> dict[str, Any]:
    """`gkgen check` over the whole site, in-process (the CLI's own call)."""
    from gkgen.build.checksite import check_site

    with Clock() as c:  # cpu_s is this process only: with workers, see seconds
        # cold: no records are read or stored (copies of the site must not inherit them)
        result = check_site(Path(spec["root"]), cache=False)
    return {"status": "ok", "seconds": c.wall, "cpu_s": c.cpu, "reports": result.report_count,
            "errors": result.errors, "warnings": result.warnings,
            "findings": [f"{f.pos}: {f.id} {f.message}" for f in result.findings[:10]]}


def step_baseline(spec: dict[str, Any]) -> dict[str, Any]:
    """The bare pipeline (YAML + markdown-it + Jinja) over a sample of the site's reports."""
    from bench.baseline import run

    return run(Path(spec["root"]), int(spec.get("sample", 200)))


class CountingReporter:
    """A build reporter that counts rendered reports and times the stages."""

    def __init__(self) -> None:
        self.done = 0
        self.stages: list[tuple[str, float]] = []

    def stage(self, name: str) -> None:
        self.stages.append((name, time.perf_counter()))

    def report_done(self, key: str, done: int, total: int) -> None:
        self.done += 1

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None  # events a later builder may add

    def stage_seconds(self, end: float) -> dict[str, float]:
        marks = [*self.stages, ("", end)]
        return {name: round(marks[i + 1][1] - t, 4) for i, (name, t) in enumerate(marks[:-1])}


RENDER_COUNT_ATTRS = ("rendered", "reports_rendered", "rerendered", "rebuilt")


def rendered_count(result: Any) -> tuple[int | None, str]:
    """How many reports the build says it rendered, and where that number comes from."""
    for attr in RENDER_COUNT_ATTRS:
        value = getattr(result, attr, None)
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            return value, f"BuildResult.{attr}"
        if isinstance(value, list | tuple | set | dict | frozenset):
            return len(value), f"BuildResult.{attr}"
    return None, "BuildResult has no count of rendered reports (" + "/".join(RENDER_COUNT_ATTRS) + ")"


def build_function() -> Callable[..., Any]:
    """gkgen.build.site.build_site, or NotAvailable saying why."""
    try:
        from gkgen.build.site import build_site
    except ImportError as exc:
        raise NotAvailable(f"gkgen.build.site.build_site cannot be imported ({exc})") from None
    return build_site  # type: ignore[no-any-return]


def step_build(spec: dict[str, Any]) -> dict[str, Any]:
    """build_site(root, out, pdf=…, jobs=…) once; with "capture", PDF renders are recorded."""
    build_site = build_function()
    params = inspect.signature(build_site).parameters
    kwargs: dict[str, Any] = {"pdf": bool(spec["pdf"])}
    if "pdf" not in params:
        raise NotAvailable("build_site() has no pdf parameter")
    if "office" in spec:  # report.docx and tables.xlsx on (default) or off (office_overhead)
        if "office" not in params:
            raise NotAvailable("build_site() has no office parameter")
        kwargs["office"] = bool(spec["office"])
    jobs = int(spec.get("jobs", 1))
    if "jobs" in params:
        kwargs["jobs"] = jobs  # always explicit: the default may be one worker per core
    elif jobs != 1:
        raise NotAvailable("build_site() has no jobs parameter")
    if "reporter" in params:
        kwargs["reporter"] = reporter = CountingReporter()
    else:
        reporter = None
    if spec.get("capture"):
        from bench.pdfraw import install_capture

        install_capture(Path(spec["capture"]))
    cluster = None
    if spec.get("dask_workers"):  # a real LocalCluster, started before the clock
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=int(spec["dask_workers"]), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
        with Client(cluster.scheduler_address) as client:  # workers warm: gkgen imported
            client.run(lambda: __import__("gkgen.build.tasks"))
        kwargs["scheduler"] = cluster.scheduler_address
        kwargs.pop("jobs", None)
    try:
        with Clock() as c:
            result = build_site(Path(spec["root"]), Path(spec["out"]), **kwargs)
    finally:
        if cluster is not None:
            cluster.close()
    end = time.perf_counter()
    findings = list(getattr(result, "findings", []))
    count, source = rendered_count(result)
    out: dict[str, Any] = {
        "status": "ok" if getattr(result, "ok", False) else "failed",
        "seconds": c.wall, "cpu_s": c.cpu, "ok": bool(getattr(result, "ok", False)),
        "findings": len(findings),
        "first_findings": [f"{f.pos}: {f.id} {f.message}" for f in findings[:5]],
        "written": len(getattr(result, "written", []) or []),
        "reports": getattr(result, "reports", None),
        "rendered": count, "rendered_source": source, "capture": spec.get("capture"),
        "rechecked": len(getattr(result, "checked", []) or []),
        "reread": len(getattr(result, "loaded", []) or []),
    }
    if reporter is not None:
        out["report_done_events"] = reporter.done
        out["stages_s"] = reporter.stage_seconds(end)
    if not out["ok"]:
        out["reason"] = "build_site() returned ok=False: " + "; ".join(out["first_findings"])
    return out


def step_raw_pdf(spec: dict[str, Any]) -> dict[str, Any]:
    """The captured HTML of a PDF build, through raw WeasyPrint."""
    from bench.pdfraw import render_raw

    return render_raw(Path(spec["capture"]))


STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "check": step_check, "baseline": step_baseline, "build": step_build, "raw_pdf": step_raw_pdf,
}


def run(spec: dict[str, Any]) -> dict[str, Any]:
    """The step's result; never raises."""
    try:
        result = STEPS[spec["step"]](spec)
    except NotAvailable as exc:
        result = {"status": "n/a", "reason": str(exc)}
    except Exception as exc:  # a benchmark reports a broken step and goes on
        result = {"status": "failed", "reason": f"{type(exc).__name__}: {exc}",
                  "traceback": traceback.format_exc(limit=8)}
    result["rss_self_mb"] = high_water_mb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["rss_children_mb"] = round(children / 1024, 1) if children else None
    result["peak_rss_mb"] = max(result["rss_self_mb"] or 0, result["rss_children_mb"] or 0) or None
    return result


def high_water_mb() -> float | None:
    """Peak resident memory of this process since it started (VmHWM).

    Not getrusage(RUSAGE_SELF): its ru_maxrss keeps the peak of the memory image before
    exec, i.e. of the parent that forked this process, which would make every step look
    as big as the benchmark driver.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(json.dumps(run(spec), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

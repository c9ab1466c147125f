"""The benchmark: generate a synthetic site, measure gkgen on it step by step, print and save.

    python -m bench                      # small default size (CI, about a minute on 2 cores)
    python -m bench --reports 1000       # the size the targets are stated for
    python -m bench --reports 3 --no-pdf --json /tmp/b.json

Every measured step runs in a fresh process (bench.steps); see bench/README.md for the JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.pdfraw import read_manifest
from bench.proc import REPO, run_step
from bench.region import as_region
from bench.report import compute, table
from bench.sitegen import generate_site

DEFAULT_REPORTS = 40
DEFAULT_PDF_REPORTS = 8
SCHEMA = 1
TOUCHED_FILE = "6-other.md"
TOUCH_TEXT = "\n本报告如有更新，以门户网站发布的版本为准。\n"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--reports", type=int, default=DEFAULT_REPORTS, help="reports in the site")
    p.add_argument("--years", type=int, default=4, help="consecutive years per body (ending 2024)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--pdf-reports", type=int, default=None,
                   help=f"reports in the PDF subset (default min(reports, {DEFAULT_PDF_REPORTS}))")
    p.add_argument("--no-pdf", action="store_true", help="skip every PDF step")
    p.add_argument("--jobs", type=int, default=2, help="workers for the parallel builds")
    p.add_argument("--baseline-sample", type=int, default=200)
    p.add_argument("--repeat", type=int, default=1,
                   help="run each cold step this many times and keep the fastest (noisy machines)")
    p.add_argument("--name", help="result name (default <timestamp>-n<reports>)")
    p.add_argument("--json", type=Path, help="result file (default bench/results/<name>.json)")
    p.add_argument("--workdir", type=Path, help="scratch folder (default bench/out/<name>)")
    p.add_argument("--keep", action="store_true", help="keep the generated sites and outputs")
    p.add_argument("--compare", type=Path, metavar="JSON",
                   help="an earlier result (e.g. the 1,000-report run): ms/report is compared with it")
    args = p.parse_args(argv)
    if args.reports < 1 or args.years < 1 or args.jobs < 2 or args.repeat < 1:
        p.error("--reports and --years must be ≥ 1, --jobs ≥ 2")
    args.pdf_reports = min(args.reports, args.pdf_reports or DEFAULT_PDF_REPORTS)
    args.name = args.name or dt.datetime.now().strftime("%Y%m%dT%H%M%S") + f"-n{args.reports}"
    return args


def machine() -> dict[str, Any]:
    def version(module: str) -> str | None:
        try:
            return str(__import__(module).__version__)
        except Exception:
            return None

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip() or None
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)),
            "gkgen": version("gkgen"), "weasyprint": version("weasyprint"), "git": commit,
            "loadavg": [round(x, 2) for x in os.getloadavg()]}


class Bench:
    """One benchmark run: its scratch folder, its site and the results so far."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = (args.workdir or REPO / "bench" / "out" / args.name).resolve()
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.steps: dict[str, dict[str, Any]] = {}

    def step(self, name: str, make_spec: Callable[[int], dict[str, Any]], note: str = "",
             repeat: int = 1) -> dict[str, Any]:
        """Run a step `repeat` times (make_spec(i) gives each run its spec); keep the fastest."""
        runs = []
        for i in range(repeat):
            print(f"  {name} …", end="", flush=True, file=sys.stderr)
            result = run_step(name, make_spec(i), self.work)
            print(f" {result['status']} {result.get('seconds', 0):.2f} s", file=sys.stderr)
            runs.append(result)
        ok = [r for r in runs if r["status"] == "ok"]
        best = min(ok, key=lambda r: r["seconds"]) if len(ok) == len(runs) else runs[-1]
        if repeat > 1 and best in ok:
            best["seconds_all"] = [r.get("seconds") for r in runs]
            best["cpu_s_all"] = [r.get("cpu_s") for r in runs]
            if all(r.get("cpu_s") is not None for r in runs):
                best["cpu_s"] = min(r["cpu_s"] for r in runs)
            best["peak_rss_mb"] = max(r.get("peak_rss_mb") or 0 for r in runs)
        if note:
            best["note"] = note
        self.steps[name] = best
        return best

    def skip(self, name: str, reason: str) -> None:
        self.steps[name] = {"status": "n/a", "reason": reason}

    def copy(self, site: Path, name: str) -> Path:
        """A fresh copy of a site (so that no build sees another build's caches)."""
        dest = self.work / name / "site"
        shutil.rmtree(dest.parent, ignore_errors=True)
        shutil.copytree(site, dest)
        return dest

    def build(self, name: str, site: Path | None, pdf: bool, jobs: int = 1, capture: bool = False,
              note: str = "", repeat: int = 1, root: Path | None = None,
              dask: bool = False, office: bool | None = None) -> dict[str, Any]:
        """A build step: cold (a fresh copy of site per run) or, with root, on root as it is."""

        def spec(i: int) -> dict[str, Any]:
            where = root or self.copy(site, name)  # type: ignore[arg-type]
            return {"step": "build", "root": str(where), "out": str(where.parent / "out"),
                    "pdf": pdf, "jobs": jobs, "dask_workers": jobs if dask else 0,
                    "capture": str(self.work / "captures" / f"{name}-{i}") if capture else None,
                    **({} if office is None else {"office": office})}

        return self.step(name, spec, note, repeat)

    def html_steps(self, site: Path) -> None:
        r = self.args.repeat
        full = self.build("html", site, pdf=False, note="full HTML+data build, jobs=1", repeat=r)
        a = self.work / "html" / "site"
        if full["status"] != "ok":
            for name in ("noop", "touch1"):
                self.skip(name, "the full HTML build did not succeed")
        else:
            self.build("noop", None, pdf=False, root=a, note="same site again, nothing changed")
            touched = sorted((a / "content").glob(f"*/*/{TOUCHED_FILE}"))
            target = touched[len(touched) // 2]
            with target.open("a", encoding="utf-8") as f:
                f.write(TOUCH_TEXT)
            self.build("touch1", None, pdf=False, root=a,
                       note=f"after one change to {target.relative_to(a / 'content')}")
        self.build("html_j2", site, pdf=False, jobs=self.args.jobs, repeat=r,
                   note=f"full HTML+data build, jobs={self.args.jobs}")
        self.build("html_nooffice", site, pdf=False, office=False, repeat=r,
                   note="full HTML+data build without report.docx/tables.xlsx, jobs=1")
        self.rollup_steps(site)

    def rollup_steps(self, site: Path) -> None:
        """The region's HTML build with and without its roll-ups (bench/region.py)."""
        r = self.args.repeat
        for name, on in (("html_rollups", True), ("html_norollups", False)):
            region = as_region(site, self.work / f"{name}-src" / "site", rollups=on)
            self.build(name, region, pdf=False, repeat=r,
                       note="region (parents set), jobs=1, roll-ups " + ("on" if on else "off"))

    def pdf_steps(self) -> None:
        k, r = self.args.pdf_reports, self.args.repeat
        subset = self.work / "pdfsite" / "site"
        generate_site(subset, k, self.args.years, self.args.seed)
        note = f"subset of {k} reports" + (" (smaller than the site)" if k < self.args.reports else "")
        self.build("pdf_html", subset, pdf=False, note=note + ", HTML only", repeat=r)
        pdf = self.build("pdf", subset, pdf=True, capture=True, repeat=r,
                         note=note + ", with PDFs, jobs=1")
        capture = Path(pdf.get("capture") or self.work / "captures" / "pdf-0")
        renders = [e for e in read_manifest(capture) if e["kind"] == "render"]
        pdf["render_s"] = [e["seconds"] for e in renders]
        pdf["render_cpu_s"] = [e["cpu_s"] for e in renders]
        pdf["renderer_init_s"] = [e["seconds"] for e in read_manifest(capture) if e["kind"] == "init"]
        if pdf["status"] == "ok":
            self.step("raw_pdf", lambda i: {"step": "raw_pdf", "capture": str(capture)}, repeat=r,
                      note=f"the same {len(renders)} HTML documents through raw WeasyPrint")
        else:
            self.skip("raw_pdf", "the PDF build did not succeed")
        self.build("pdf_j2", subset, pdf=True, jobs=self.args.jobs, repeat=r,
                   note=note + f", with PDFs, jobs={self.args.jobs}")
        self.build("pdf_dask", subset, pdf=True, jobs=self.args.jobs, repeat=r, dask=True,
                   note=note + f", with PDFs, Dask LocalCluster of {self.args.jobs} workers")

    def run(self) -> dict[str, Any]:
        a = self.args
        self.machine = machine()  # load average before the run: a busy machine skews wall times
        start = time.perf_counter()
        stats = generate_site(self.work / "site" / "site", a.reports, a.years, a.seed)
        generated = time.perf_counter() - start
        site = stats.root
        print(f"generated {stats.reports} reports ({stats.bodies} bodies × {len(stats.years)} "
              f"years) in {generated:.1f} s: {self.work}", file=sys.stderr)
        self.step("check", lambda i: {"step": "check", "root": str(site)}, repeat=a.repeat,
                  note="gkgen check, whole site")
        self.step("baseline", lambda i: {"step": "baseline", "root": str(site),
                                         "sample": a.baseline_sample},
                  repeat=a.repeat, note="bare pipeline: CSafeLoader + markdown-it + Jinja")
        self.html_steps(site)
        if a.no_pdf:
            for name in ("pdf_html", "pdf", "raw_pdf", "pdf_j2", "pdf_dask"):
                self.skip(name, "skipped (--no-pdf)")
        else:
            self.pdf_steps()
        metrics = compute(self.steps, a.reports, a.pdf_reports, a.jobs, _earlier(a.compare))
        load_after = [round(x, 2) for x in os.getloadavg()]
        return {
            "schema": SCHEMA, "name": a.name,
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": {**self.machine, "loadavg_after": load_after},
            "params": {"reports": a.reports, "years": a.years, "seed": a.seed,
                       "pdf_reports": 0 if a.no_pdf else a.pdf_reports, "jobs": a.jobs,
                       "baseline_sample": a.baseline_sample, "repeat": a.repeat},
            "site": {"reports": stats.reports, "bodies": stats.bodies, "years": stats.years,
                     "files": stats.files, "bytes": stats.bytes,
                     "narrative_chars_per_report": round(stats.chars_per_report),
                     "generate_s": round(generated, 3)},
            "steps": self.steps, "metrics": metrics,
        }

    def clean(self) -> None:
        """Drop the sites and outputs; keep the small step logs and results."""
        for child in self.work.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    bench = Bench(args)
    result = bench.run()
    if not args.keep:
        bench.clean()
    path = args.json or REPO / "bench" / "results" / f"{args.name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(result["steps"], result["metrics"]))
    cpus, load = result["machine"]["cpus_usable"], max(result["machine"]["loadavg"][0],
                                                       result["machine"]["loadavg_after"][0])
    if load > cpus / 2:
        print(f"\nnote: the machine was busy (load average {load:.1f} on {cpus} CPUs): wall times "
              "and the jobs speedups are pessimistic; CPU-time metrics are less affected.")
    print(f"\nresults: {path}")
    check = result["steps"].get("check", {})
    honest = check.get("status") == "ok" and check.get("errors") == 0 and check.get("warnings") == 0
    if not honest:
        print("the generated site is not clean: gkgen check found "
              f"{check.get('errors')} errors, {check.get('warnings')} warnings", file=sys.stderr)
    return 0 if honest else 1


def _earlier(path: Path | None) -> dict[str, Any] | None:
    """The result file given by --compare (None when not given or unreadable)."""
    if path is None:
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        print(f"--compare: cannot read {path}", file=sys.stderr)
        return None

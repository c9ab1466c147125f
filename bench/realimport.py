"""`python -m bench.realimport DIR`: import every real published report in DIR (with its sidecar
NN-….json of hand-read values) into a fresh site, as `gkgen import DIR` does, and score it.

Per file and in total: table cells right / blank / wrong against the sidecar's `true` values,
the parts whose headings were found, paragraphs of the source in no part file (text lost), and
the findings of `gkgen check` on the imported report that are not faults of the source (false
alarms: ids not in the sidecar's `true_findings`). Findings whose cause is the source (R5 on
cells it does not let us read or prints blank, N5 when it prints no date) and I1 (text the
import could not place, kept under its 【导入待核】 marker: the import's doubt, not the source's
fault nor a false alarm) are counted in columns of their own. Source paragraphs are taken from the file
independently of the importer (bench/realtext.py), so a paragraph the importer's reader drops
counts as lost too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.realtext import lost_paragraphs

SOURCES = (".html", ".htm", ".shtml", ".txt", ".md", ".pdf", ".docx", ".xlsx")


@dataclass
class Score:
    file: str
    ok: bool = True
    error: str = ""
    right: int = 0
    blank: int = 0
    wrong: list[str] = field(default_factory=list)
    blanks: list[str] = field(default_factory=list)
    parts: str = ""
    paragraphs: int = 0
    lost: list[str] = field(default_factory=list)
    true_found: list[str] = field(default_factory=list)
    true_missed: list[str] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    false_warnings: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # R5 on cells the source does not let us read
    source_blank: list[str] = field(default_factory=list)  # R5 on cells this copy prints blank
    undated: list[str] = field(default_factory=list)  # N5: the source prints no date (sidecar: null)
    to_review: list[str] = field(default_factory=list)  # I1: text the import could not place, marked


def _same(a: Any, b: Any) -> bool:
    return a is not None and Decimal(str(a)) == Decimal(str(b))


def score_file(src: Path, sidecar: dict[str, Any], outcome: Any, root: Path) -> Score:
    from gkgen.checks.run import run_checks
    from gkgen.content.load import load_site

    s = Score(src.name)
    if outcome.plan is None:
        s.ok, s.error = False, outcome.error
        s.blank = len(sidecar.get("true", {}))
        return s
    plan = outcome.plan
    loaded = load_site(root)
    report = next(r for r in loaded.site.reports() if r.dir == plan.folder)
    for cell_id, true in sidecar.get("true", {}).items():
        got = report.number(cell_id)
        if got is None:
            s.blank += 1
            s.blanks.append(cell_id)
        elif _same(got, true):
            s.right += 1
        else:
            s.wrong.append(f"{cell_id}: {got} (true {true})")
    s.parts = "".join("一二三四五六"[n - 1] for n in sorted(plan.parts_found))
    parts_text = "\n".join((plan.folder / p.filename).read_text(encoding="utf-8")
                           for p in report.edition.parts if p.table is None
                           and (plan.folder / p.filename).is_file())
    s.paragraphs, s.lost = lost_paragraphs(src, parts_text)
    findings = run_checks(root, plan.folder).findings
    truths = set(sidecar.get("true_findings", {}))
    unread = {c.id for issue in plan.log.problems() for c in issue.cells}
    printed_blank = {c.id for issue in plan.log.blanks() for c in issue.cells}
    for f in findings:
        line = f"{f.id} {f.pos.file.name}:{f.pos.line} {f.message}"
        if f.id == "R5" and f.cells and set(f.cells) <= unread and "R5" not in truths:
            s.unreadable.append(line)
            continue
        if f.id == "R5" and f.cells and set(f.cells) <= printed_blank and "R5" not in truths:
            s.source_blank.append(line)
            continue
        if f.id == "N5" and sidecar.get("published") is None and "尚未填写" in f.message:
            s.undated.append(line)
            continue
        if f.id == "I1":  # about the import, not the source: its own column, never hidden
            s.to_review.append(line)
            continue
        if f.id in truths:
            if f.id not in s.true_found:
                s.true_found.append(f.id)
            continue
        (s.false_errors if f.severity == "error" else s.false_warnings).append(line)
    s.true_missed = sorted(truths - set(s.true_found))
    return s


def run(folder: Path, keep: Path | None) -> list[Score]:
    from gkgen.importer.batch import import_paths
    from gkgen.importer.plan import Options

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCES
                   and p.with_suffix(".json").is_file())
    work = Path(keep or tempfile.mkdtemp(prefix="gkgen-realimport-"))
    root = work / "site"
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    from gkgen.content.new import SITE_YAML

    (root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    outcomes = import_paths(files, root / "content", Options())
    scores = []
    for out in outcomes:
        sidecar = json.loads(out.source.with_suffix(".json").read_text(encoding="utf-8"))
        scores.append(score_file(out.source, sidecar, out, root))
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return scores


def _print(scores: list[Score]) -> None:
    head = (f"{'file':28} {'right':>5} {'blank':>5} {'wrong':>5} {'parts':>7} {'lost':>9} {'false E/W':>9}"
            f" {'R5 unread':>9} {'R5 blank':>8} {'N5 undated':>10} {'I1 review':>9}")
    print(head)
    print("-" * len(head))
    for s in scores:
        lost = f"{len(s.lost)}/{s.paragraphs}"
        print(f"{s.file:28} {s.right:5} {s.blank:5} {len(s.wrong):5} {s.parts:>7} {lost:>9} "
              f"{len(s.false_errors):>4}/{len(s.false_warnings):<4} {len(s.unreadable):>9} {len(s.source_blank):>8} {len(s.undated):>10} {len(s.to_review):>9}" + (f" 失败：{s.error}" if not s.ok else ""))
    total = sum(s.right + s.blank + len(s.wrong) for s in scores)
    right = sum(s.right for s in scores)
    print("-" * len(head))
    print(f"{'total':28} {right:5} {sum(s.blank for s in scores):5} {sum(len(s.wrong) for s in scores):5} "
          f"{'':>7} {sum(len(s.lost) for s in scores):>4}/{sum(s.paragraphs for s in scores):<4} "
          f"{sum(len(s.false_errors) for s in scores):>4}/{sum(len(s.false_warnings) for s in scores):<4}")
    print(f"cells right: {right}/{total} = {100 * right / max(total, 1):.1f} %")
    for s in scores:
        details = [*(f"wrong {w}" for w in s.wrong), *(f"blank {b}" for b in s.blanks),
                   *(f"lost “{t[:60]}”" for t in s.lost), *(f"false error {e}" for e in s.false_errors),
                   *(f"false warning {w}" for w in s.false_warnings),
                   *(f"R5 on a cell the source does not let us read: {w}" for w in s.unreadable),
                   *(f"R5 on a cell this copy of the source prints blank: {w}" for w in s.source_blank),
                   *(f"N5, the source prints no date: {w}" for w in s.undated),
                   *(f"I1, text the import could not place (marked for review): {w}" for w in s.to_review),
                   *(f"true finding raised {t}" for t in s.true_found),
                   *(f"true finding not raised {t}" for t in s.true_missed)]
        if details:
            print(f"\n{s.file}:")
            for d in details:
                print(f"  {d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.realimport", description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="folder of real reports with sidecar .json files")
    ap.add_argument("--json", type=Path, help="write the scores as JSON here")
    ap.add_argument("--keep", type=Path, help="import into this folder and keep it")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    scores = run(args.folder, args.keep)
    _print(scores)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=1),
                             encoding="utf-8")
    bad = any(s.wrong or s.lost or s.false_errors or not s.ok for s in scores)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

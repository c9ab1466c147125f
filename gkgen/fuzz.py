"""A seeded fuzzer for the author's side: mutate the example site, run the real CLI, judge.

Each input is a copy of a site's content/ with one to three mutations (byte flips, full-width
characters, huge numbers, deep nesting, long lines, symlinks out of the site, FIFOs). Every run
of `gkgen check --format json` (and, for some, `gkgen build --no-pdf`) must end within a time
bound, exit 0, 1 or 2, print no traceback, and print JSON that parses.

    python -m gkgen.fuzz --inputs 2000 --seed 1      # the longer run the README reports
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TIME_BOUND = 30.0  # seconds per run: a hang guard, far above a normal check (~0.5 s)
WIDE = "：，｛｝【】“”（）　１２３"


@dataclass
class Outcome:
    inputs: int = 0
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    slowest: float = 0.0


def _files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file() and not p.is_symlink())


def _flip(rng: random.Random, path: Path) -> str:
    data = bytearray(path.read_bytes())
    if data:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return f"flip {path.name}"


def _insert(rng: random.Random, path: Path, text: str) -> None:
    data = path.read_text(encoding="utf-8", errors="replace")
    at = rng.randint(0, len(data))
    path.write_text(data[:at] + text + data[at:], encoding="utf-8")


def _wide(rng: random.Random, path: Path) -> str:
    _insert(rng, path, "".join(rng.choice(WIDE) for _ in range(rng.randint(1, 4))))
    return f"full-width {path.name}"


def _huge(rng: random.Random, path: Path) -> str:
    _insert(rng, path, rng.choice(["1e99999999", "9" * 5000, "-0.0000001", "1_000", "0x1F"]))
    return f"huge number {path.name}"


def _nest(rng: random.Random, path: Path) -> str:
    depth = rng.choice([50, 500, 5000])
    _insert(rng, path, rng.choice(["{", "[", "{{ ", "(("]) * depth)
    return f"nesting {path.name}"


def _long(rng: random.Random, path: Path) -> str:
    _insert(rng, path, rng.choice(["a", "：", "0, ", "{{ t3.new.total }}"]) * rng.randint(10_000, 200_000))
    return f"long line {path.name}"


def _link(rng: random.Random, path: Path) -> str:
    path.unlink()
    os.symlink(rng.choice(["/etc/passwd", "/dev/zero", "/", path.name, "../../.."]), path)
    return f"symlink {path.name}"


def _fifo(rng: random.Random, path: Path) -> str:
    path.unlink()
    os.mkfifo(path)
    return f"fifo {path.name}"


MUTATIONS: list[Callable[[random.Random, Path], str]] = [_flip, _flip, _wide, _wide, _huge, _nest,
                                                         _long, _link, _fifo]


def _run(root: Path, args: list[str]) -> tuple[str | None, float]:
    started = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "gkgen", *args], cwd=root, capture_output=True,
                              text=True, timeout=TIME_BOUND, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return f"no answer within {TIME_BOUND:.0f} s", TIME_BOUND
    took = time.monotonic() - started
    out = proc.stdout + proc.stderr
    if "Traceback" in out:
        return "traceback: " + out[out.index("Traceback"):][-300:], took
    if proc.returncode not in (0, 1, 2):
        return f"exit {proc.returncode}", took
    if "--format" in args:
        try:
            json.loads(proc.stdout)
        except ValueError:
            return "JSON does not parse: " + proc.stdout[:200], took
    return None, took


def fuzz(site: Path, inputs: int, seed: int, build_every: int = 10) -> Outcome:
    """Mutate copies of site's content/ `inputs` times and judge each run."""
    rng = random.Random(seed)
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="gkgen-fuzz-") as tmp:
        for n in range(inputs):
            root = Path(tmp) / f"s{n}"
            shutil.copytree(site / "content", root / "content", symlinks=True)
            done = []
            for _ in range(rng.randint(1, 3)):
                files = _files(root / "content")  # regular files only: a FIFO made above would block
                done.append(rng.choice(MUTATIONS)(rng, rng.choice(files)))
            runs = [["check", "--format", "json", "--jobs", "1"]]
            if n % build_every == 0:
                runs.append(["build", "--no-pdf", "--jobs", "1"])
            for args in runs:
                problem, took = _run(root, args)
                outcome.runs += 1
                outcome.slowest = max(outcome.slowest, took)
                if problem:
                    outcome.failures.append(f"seed {seed} input {n} ({'; '.join(done)}) "
                                            f"gkgen {' '.join(args)}: {problem}")
            outcome.inputs += 1
            shutil.rmtree(root, ignore_errors=True)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz gkgen check/build on mutated copies of a site.")
    parser.add_argument("--site", type=Path, default=Path.cwd())
    parser.add_argument("--inputs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    outcome = fuzz(args.site, args.inputs, args.seed)
    print(f"{outcome.inputs} inputs, {outcome.runs} runs, slowest {outcome.slowest:.1f} s, "
          f"{len(outcome.failures)} failures")
    for line in outcome.failures:
        print(line)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())

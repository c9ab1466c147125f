"""Run one step in a fresh Python process and collect its result, wall time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def run_step(name: str, spec: dict[str, Any], work: Path, timeout: float = 3600) -> dict[str, Any]:
    """Run `python -m bench.steps` for spec; add the process's wall and CPU seconds.

    The step reports its own peak memory (bench.steps.high_water_mb and its workers'
    RUSAGE_CHILDREN maxrss): the ru_maxrss that wait4 returns here would include the
    image of this parent process from before the child's exec.
    """
    spec_path, result_path = work / f"{name}.spec.json", work / f"{name}.result.json"
    log_path = work / f"{name}.log"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    result_path.unlink(missing_ok=True)
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "bench.steps", str(spec_path),
                                 str(result_path)], cwd=REPO, stdout=log, stderr=log)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if result_path.is_file():
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    else:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-600:]
        result = {"status": "failed", "reason": f"step process ended with {proc.returncode}: {tail}"}
    result["process_s"] = round(wall, 4)
    result["process_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 4)
    return result

"""Start-up cost a scheduled job pays every run: ``python -m crawler --help`` and ``extract`` on one page.

Runs each command N times (default 7) as a fresh process and prints the median and the minimum wall
time; ``--write`` records the table in bench/RESULTS.md.

    python bench/startup.py
    python bench/startup.py --runs 11 --write
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import common  # noqa: E402
PAGE = REPO / "tests" / "fixtures" / "pages" / "jnews_bupati-resmikan-pasar.html"
COMMANDS = {
    "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
    "python -c 'import scrapy'": [sys.executable, "-c", "import scrapy"],
    "python -m crawler --help": [sys.executable, "-m", "crawler", "--help"],
    "python -m crawler extract PAGE": [sys.executable, "-m", "crawler", "extract", str(PAGE)],
}


def measure(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = ["| command | median s | min s |", "| --- | ---: | ---: |"]
    for name, cmd in COMMANDS.items():
        t = measure(cmd, args.runs)
        rows.append(f"| `{name}` | {statistics.median(t):.3f} | {min(t):.3f} |")
    table = "\n".join(rows)
    print(table)
    if args.write:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        common.update_block("startup", f"## Start-up\n\n`python bench/startup.py --runs {args.runs} --write` on "
                            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
                            f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load}.\n\n{table}")


if __name__ == "__main__":
    main()

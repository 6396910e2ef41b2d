"""SIGKILL trials in bulk: the trials of ``tests/test_kill_trials.py``, N of them (default 50).

Each trial crawls a local ``FakeSite(style="wp", n_articles=150)`` with the ``site`` spider
(JSONL_OUTPUT=<tmp>/data/, JOBDIR=<tmp>/job), SIGKILLs it at a seeded pseudo-random point (after k
written articles, early/mid/late, or after an elapsed time; every sixth also gets a torn half line
appended after the kill) and resumes it to completion, then counts
articles lost, duplicate URLs, unexpected URLs, invalid JSONL files and records that differ from an
uninterrupted crawl's.

    python bench/kill_trials.py [-n 50] [--seed 20261129] [--parallel 2] [--json out.json]

Exit status 0 when nothing was lost, doubled or invalid in any trial, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_kill_trials import (
    N_ARTICLES,
    SEED,
    _baseline,
    comparable,
    kill_points,
    run_trial,
)

from crawler.fakesite import FakeSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--parallel", type=int, default=2, help="trials run at once (default 2)")
    parser.add_argument("--json", help="also write the per-trial figures to this file")
    args = parser.parse_args(argv)

    points = kill_points(args.trials, args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill_trials.") as tmp, FakeSite(style="wp", n_articles=N_ARTICLES) as site:
        base = Path(tmp)
        records = site.expected_articles()
        expected = {a["url"] for a in records}
        baseline = _baseline(site.url, base / "baseline")
        assert set(baseline.urls) == expected and baseline.duplicates == 0, "the uninterrupted crawl is wrong"

        def one(ip):
            i, point = ip
            r = run_trial(site.url, base / f"trial{i:03d}", point, records)
            row = {"trial": i, "kill": str(point), "lines_at_kill": r.killed_with, "missed": bool(r.missed),
                   "resume_rc": r.resume_rc, "lost": len(r.lost(expected)), "duplicates": r.duplicates,
                   "unexpected": len(r.extra(expected)), "invalid_files": len({e.split(":")[0] for e in r.invalid}),
                   "differing_records": sum(1 for u in expected & set(r.records)
                                            if comparable(r.records[u]) != comparable(baseline.records[u])),
                   "partial_files": len(r.partial_files), "leftovers": r.leftovers,
                   "torn_not_repaired": bool(r.torn) and r.torn + b"\n" not in r.partial_bytes}
            flag = "" if _clean(row) else "  <-- FAIL"
            print(f"trial {i:3d}: kill {row['kill']:<16} lines {row['lines_at_kill']:3d}  rc {row['resume_rc']}  "
                  f"lost {row['lost']} dup {row['duplicates']} invalid {row['invalid_files']} "
                  f"partial {row['partial_files']}{' (missed kill)' if row['missed'] else ''}{flag}", flush=True)
            return row

        with ThreadPoolExecutor(args.parallel) as pool:
            rows = list(pool.map(one, enumerate(points)))

    total = {
        "trials": len(rows),
        "kills_landed": sum(not r["missed"] for r in rows),
        "articles_expected_per_trial": len(expected),
        "articles_lost": sum(r["lost"] for r in rows),
        "duplicates": sum(r["duplicates"] for r in rows),
        "unexpected_urls": sum(r["unexpected"] for r in rows),
        "invalid_files": sum(r["invalid_files"] for r in rows),
        "differing_records": sum(r["differing_records"] for r in rows),
        "resume_failures": sum(r["resume_rc"] != 0 for r in rows),
        "trials_with_torn_last_line": sum(" +torn" in r["kill"] for r in rows),
        "torn_lines_not_repaired": sum(r["torn_not_repaired"] for r in rows),
        "trials_with_repaired_partial_line": sum(r["partial_files"] > 0 for r in rows),
        "trials_with_leftover_journal_or_mark": sum(bool(r["leftovers"]) for r in rows),
        "seed": args.seed,
        "seconds": round(time.monotonic() - started, 1),
    }
    print()
    for key, value in total.items():
        print(f"{key:<38} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({"total": total, "trials": rows}, indent=1), encoding="utf-8")
    return 0 if all(_clean(r) for r in rows) else 1


def _clean(row: dict) -> bool:
    return (row["resume_rc"] == 0 and not row["lost"] and not row["duplicates"] and not row["unexpected"]
            and not row["invalid_files"] and not row["differing_records"] and not row["leftovers"]
            and not row["torn_not_repaired"])


if __name__ == "__main__":
    sys.exit(main())

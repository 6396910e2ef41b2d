"""SIGKILL at seeded pseudo-random moments of a whole-site crawl, then a resume run: nothing lost,
nothing doubled, every file valid JSONL (issue 7, data safety).

Each trial crawls one shared ``FakeSite(style="wp", n_articles=150)`` with the ``site`` spider into its
own ``<tmp>/data/`` and ``<tmp>/job`` (JOBDIR), is SIGKILLed at a point drawn from a seeded RNG (after
``k`` written articles, spread early/mid/late, or after an elapsed time, which can fall in Scrapy's
start-up), and is then resumed to completion with the same command. The union of the JSONL files must
then be exactly the site's articles, record for record as an uninterrupted crawl writes them.

The trial runner (:func:`run_trial`) returns its measurements instead of asserting, so
``bench/kill_trials.py`` runs the same trials in bulk. Process helpers come from ``test_incremental``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT
from test_incremental import FAST, output_lines, start_and_kill

from crawler.fakesite import FakeSite

N_ARTICLES = 150
SEED = 20261129
PARALLEL = 2  # trials run two at a time: they share the site, not their output


def site_cmd(site_url: str, workdir: Path) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site_url}",
            "-s", f"JSONL_OUTPUT={workdir / 'data'}/", "-s", f"JOBDIR={workdir / 'job'}",
            *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


@dataclass(frozen=True)
class KillPoint:
    """SIGKILL after ``items`` lines are in the output, or ``seconds`` after the process started."""

    items: int | None = None
    seconds: float | None = None
    torn: bool = False  # then leave half a line at the end of the newest file, as a torn write would

    def __str__(self) -> str:
        when = f"after {self.items} items" if self.items is not None else f"after {self.seconds:.2f} s"
        return when + (" +torn line" if self.torn else "")


def kill_points(n: int, seed: int = SEED, n_articles: int = N_ARTICLES) -> list[KillPoint]:
    """``n`` kill points, deterministic for ``seed``: a third by elapsed time (0.2-2.2 s: start-up,
    discovery, writing), the rest after ``k`` items with ``k`` cycling through early, mid and late; every
    sixth (``i % 6 == 4``) also leaves a torn last line behind, so the resume must repair it."""
    rng = random.Random(seed)
    late_max = n_articles - 4  # the crawl must still be running when the kill point is reached
    strata = [(1, n_articles // 4), (n_articles // 4, 3 * n_articles // 4), (3 * n_articles // 4, late_max)]
    points = []
    for i in range(n):
        if i % 3 == 2:
            points.append(KillPoint(seconds=round(rng.uniform(0.2, 2.2), 3)))
        else:
            lo, hi = strata[(i - i // 3) % 3]
            points.append(KillPoint(items=rng.randint(lo, hi), torn=i % 6 == 4))
    return points


def count_lines(root: Path) -> int:
    return sum(f.read_bytes().count(b"\n") for f in root.rglob("*.jsonl"))


@dataclass
class TrialResult:
    point: KillPoint
    killed_with: int = 0  # lines in the output when the kill landed
    resume_rc: int | None = None
    resume_err: str = ""
    urls: list[str] = field(default_factory=list)
    records: dict[str, dict] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)  # "<file>: <why>"
    partial_files: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # journal / running marks after the clean resume
    missed: str = ""  # the crawl ended before the kill point (no kill happened)
    torn: bytes = b""  # the half line left at the end of a file after the kill
    partial_bytes: bytes = b""  # what the .partial files hold

    def lost(self, expected: set[str]) -> set[str]:
        return expected - set(self.urls)

    def extra(self, expected: set[str]) -> set[str]:
        return set(self.urls) - expected

    @property
    def duplicates(self) -> int:
        return len(self.urls) - len(set(self.urls))


def read_output(root: Path, result: TrialResult) -> None:
    """Every ``*.jsonl`` line must be a JSON object and every file end with a newline; ``.partial``
    files (repaired lines) may hold anything."""
    for f in sorted(root.rglob("*")):
        if f.suffix == ".partial":
            result.partial_files.append(str(f.relative_to(root)))
            result.partial_bytes += f.read_bytes()
        if f.suffix != ".jsonl":
            continue
        data = f.read_bytes()
        if data and not data.endswith(b"\n"):
            result.invalid.append(f"{f.relative_to(root)}: incomplete last line")
        for n, line in enumerate(data.splitlines(), 1):
            try:
                record = json.loads(line)
                url = record["url"]
            except (ValueError, TypeError, KeyError) as exc:
                result.invalid.append(f"{f.relative_to(root)}:{n}: {exc!r}: {line[:80]!r}")
                continue
            result.urls.append(url)
            result.records[url] = record


def tear(root: Path, records: list[dict]) -> bytes:
    """Append the first half of the line of an article not yet in the output, without its newline, to
    the most recently written file (what a kill during a multi-block write can leave); return it."""
    files = sorted(root.rglob("*.jsonl"), key=lambda f: f.stat().st_mtime_ns)
    present = set(output_lines(root))
    written = {json.loads(line)["url"] for line in present}
    record = next(r for r in records if r["url"] not in written)
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    with open(files[-1], "ab") as f:
        f.write(line[: len(line) // 2])
    return line[: len(line) // 2]


def run_trial(site_url: str, workdir: Path, point: KillPoint, records: list[dict] | None = None) -> TrialResult:
    """Crawl, SIGKILL at ``point``, resume to the end; measure the output. ``records`` (the site's
    expected records) are needed for a ``torn`` point."""
    workdir.mkdir(parents=True, exist_ok=True)
    root = workdir / "data"
    cmd = site_cmd(site_url, workdir)
    result = TrialResult(point)
    if point.items is not None:
        when = lambda: root.exists() and count_lines(root) >= point.items
    else:
        started = time.monotonic()
        when = lambda: time.monotonic() - started >= point.seconds
    try:
        start_and_kill(cmd, when)
    except AssertionError as exc:  # the crawl finished first: still resumed and checked, but no kill
        result.missed = str(exc)
    result.killed_with = count_lines(root) if root.exists() else 0
    if point.torn and not result.missed:
        result.torn = tear(root, records)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    result.resume_rc, result.resume_err = proc.returncode, proc.stderr[-3000:]
    if root.exists():
        read_output(root, result)
    result.leftovers = [str(p.relative_to(workdir)) for p in (root / ".jsonl.journal", workdir / "job" / "crawl.running")
                        if p.exists()]
    return result


def comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "update"}


# -- the trials --------------------------------------------------------------------------------------
N_TRIALS = 14


@pytest.fixture(scope="module")
def trials(tmp_path_factory):
    """Runs the baseline crawl and all trials once; the tests below check their results."""
    base = tmp_path_factory.mktemp("kill_trials")
    points = kill_points(N_TRIALS)
    with FakeSite(style="wp", n_articles=N_ARTICLES) as site:
        records = site.expected_articles()
        expected = {a["url"] for a in records}
        with ThreadPoolExecutor(PARALLEL) as pool:
            baseline = pool.submit(_baseline, site.url, base / "baseline")
            results = list(pool.map(lambda ip: run_trial(site.url, base / f"trial{ip[0]:02d}", ip[1], records),
                                    enumerate(points)))
        return expected, baseline.result(), results


def _baseline(site_url: str, workdir: Path) -> TrialResult:
    workdir.mkdir(parents=True)
    proc = subprocess.run(site_cmd(site_url, workdir), cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = TrialResult(KillPoint())
    read_output(workdir / "data", result)
    return result


def test_kill_points_are_seeded_and_spread_over_the_crawl():
    points = kill_points(N_TRIALS)
    assert points == kill_points(N_TRIALS)  # deterministic
    items = [p.items for p in points if p.items is not None]
    assert len(points) >= 10 and len([p for p in points if p.seconds is not None]) >= 3
    assert len([p for p in points if p.torn]) >= 2
    assert min(items) <= N_ARTICLES // 4 and max(items) >= 3 * N_ARTICLES // 4
    assert any(N_ARTICLES // 4 <= k <= 3 * N_ARTICLES // 4 for k in items)


def test_uninterrupted_crawl_writes_exactly_the_sites_articles(trials):
    expected, baseline, _ = trials
    assert baseline.invalid == [] and baseline.duplicates == 0
    assert set(baseline.urls) == expected


@pytest.mark.parametrize("i", range(N_TRIALS))
def test_killed_crawl_resumes_to_exactly_the_uninterrupted_output(trials, i):
    expected, baseline, results = trials
    r = results[i]
    context = f"trial {i}: SIGKILL {r.point} (output had {r.killed_with} lines)"
    assert not r.missed, f"{context}: {r.missed}"
    assert r.resume_rc == 0, f"{context}: resume failed:\n{r.resume_err}"
    assert r.invalid == [], f"{context}: invalid JSONL: {r.invalid}"
    assert r.duplicates == 0, f"{context}: {r.duplicates} duplicate URLs"
    assert not r.lost(expected), f"{context}: lost {sorted(r.lost(expected))[:5]}"
    assert not r.extra(expected), f"{context}: unexpected {sorted(r.extra(expected))[:5]}"
    changed = [u for u in expected if comparable(r.records[u]) != comparable(baseline.records[u])]
    assert changed == [], f"{context}: records differ from the uninterrupted crawl's: {changed[:3]}"
    assert r.leftovers == [], f"{context}: left after the clean resume: {r.leftovers}"
    if r.point.torn:  # the torn half line was cut off into a .partial file, not left in the JSONL
        assert r.torn and r.torn + b"\n" in r.partial_bytes, f"{context}: torn line not kept in a .partial file"

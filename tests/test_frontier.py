"""The site spider's frontier: a sitemap that lists every article at once does not fill Scrapy's
in-memory scheduler (crawler/spiders/site.py, ``_release``), and every article is still written.

An independent probe extension (tests/scheduler_probe.py) records the scheduler's peak length.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT
from crawler.fakesite import FakeSite
from crawler.spiders.site import FRONTIER_MIN

N = 1200


def _crawl(site, tmp_path, *settings):
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}/", "-s", f"JSONL_OUTPUT={out}",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=8",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", 'EXTENSIONS={"scheduler_probe.SchedulerProbe": 0}',
               *settings]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = dict(re.findall(r"'([^']+)': (\d+)[,}]", proc.stderr.split("Dumping Scrapy stats:", 1)[-1]))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return records, {k: int(v) for k, v in stats.items()}


def test_scheduler_stays_small_and_nothing_is_lost(tmp_path):
    with FakeSite("wp", N) as site:
        records, stats = _crawl(site, tmp_path)
        expected = {r["url"] for r in site.expected_articles()}
    assert {r["url"] for r in records} == expected and len(records) == N
    # without the frontier the scheduler holds every article of the sitemap (N); with it, the target
    # (4 x 8 requests, at least FRONTIER_MIN) plus the listing and discovery pages that wait there too
    assert stats["probe/scheduler_peak"] <= FRONTIER_MIN + 100, stats["probe/scheduler_peak"]


def test_with_jobdir_the_disk_queue_takes_every_article(tmp_path):
    with FakeSite("wp", 300) as site:
        records, stats = _crawl(site, tmp_path, "-s", f"JOBDIR={tmp_path / 'job'}")
        assert {r["url"] for r in records} == {r["url"] for r in site.expected_articles()}
    assert stats["probe/scheduler_peak"] >= 250  # the sitemap's articles all queued on disk at once

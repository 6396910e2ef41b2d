"""A site profile can ask for the single-page view (``?page=all``) of multi-page articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT
from crawler.fakesite import FakeSite


def test_profile_prefers_the_single_page_view(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "local.toml").write_text(
        '[site]\nname = "Fake portal"\ndomains = ["127.0.0.1"]\n[crawl]\nprefer_single_page = true\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with FakeSite(style="portal", n_articles=120) as site:
        run = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}/", "-s", f"JSONL_OUTPUT={out}",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "CRAWLER_PROFILES": str(profiles)})
        assert run.returncode == 0, run.stderr[-2000:]
        expected = {r["url"]: r for r in site.expected_articles()}
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        multi = [i for i in site.expected_ids() if site.article(i).n_pages > 1]
        part_fetches = {int(p.split("/")[2]) for p in site.requests
                        if p.startswith("/read/") and ("page=2" in p or "page=3" in p)}
        single_fetches = {int(p.split("/")[2]) for p in site.requests if p.startswith("/read/") and "page=all" in p}
    assert sorted(r["url"] for r in records) == sorted(expected)
    assert all(r["body"] == expected[r["url"]]["body"] for r in records)
    assert "'extract/single_page_used'" in run.stderr
    # the portal links ?page=all on even ids: those are read whole, the odd ones part by part
    assert single_fetches == {i for i in multi if i % 2 == 0} and single_fetches
    assert part_fetches == {i for i in multi if i % 2 == 1}

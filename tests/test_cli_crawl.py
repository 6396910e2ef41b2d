"""End-to-end: the CLI commands a user runs (crawl, fetch, demo) against local servers.

Each command runs as a real subprocess (``python -m crawler ...``), so exit
statuses, files and printed summaries are what a cron job or a newcomer sees.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from crawler.fakesite import FakeSite


def _cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []




@pytest.fixture(scope="module")
def site():
    with FakeSite(style="wp", n_articles=40, added_later=5) as s:
        yield s


def test_crawl_is_incremental_and_healthy(site, tmp_path):
    out = tmp_path / "out.jsonl"
    first = _cli("crawl", site.url + "/", "-o", str(out))
    assert first.returncode == 0, first.stderr[-2000:]
    records = _lines(out)
    assert sorted(r["url"] for r in records) == sorted(r["url"] for r in site.expected_articles())
    assert "Run summary" in first.stderr
    summary = json.loads((tmp_path / "out.jsonl.summary.json").read_text())
    assert summary["counts"]["articles_written"] == 40

    second = _cli("crawl", site.url + "/", "-o", str(out))
    assert second.returncode == 0, second.stderr[-2000:]  # nothing new is a healthy quiet day
    assert len(_lines(out)) == 40
    assert json.loads((tmp_path / "out.jsonl.summary.json").read_text())["counts"]["skipped_seen"] > 0

    new_ids = site.publish()
    third = _cli("crawl", site.url + "/", "-o", str(out), "--workers", "1", "-v")  # extraction in a worker process
    assert third.returncode == 0, third.stderr[-2000:]
    records = _lines(out)
    assert len(records) == 40 + len(new_ids)
    assert len({r["url"] for r in records}) == len(records)
    assert "extracting articles in 1 worker process(es)" in third.stderr


def test_crawl_refuses_a_bad_worker_count(tmp_path):
    proc = _cli("crawl", "example.com", "--workers", "many", "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2 and "--workers" in proc.stderr


def test_crawl_that_finds_nothing_exits_unhealthy(http_site, tmp_path):
    http_site.add("/", "<html><head><title>Kosong</title></head><body><p>Situs sedang perbaikan.</p></body></html>")
    run = _cli("crawl", http_site.url + "/", "-o", str(tmp_path / "out.jsonl"))
    assert run.returncode == 3, run.stderr[-2000:]
    assert "UNHEALTHY: no article found at all" in run.stderr


def test_fetch_one_url(site, tmp_path):
    url = site.expected_articles()[0]["url"]
    out = tmp_path / "one.jsonl"
    run = _cli("fetch", url, "-o", str(out))
    assert run.returncode == 0, run.stderr[-2000:]
    [record] = _lines(out)
    assert record["url"] == url and record["body"]


def test_demo_crawls_the_bundled_site(tmp_path):
    out = tmp_path / "demo.jsonl"
    run = _cli("demo", "--articles", "30", "-o", str(out))
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(_lines(out)) == 30
    assert "demo: articles are in" in run.stderr


def test_help_explains_every_option():
    run = _cli("crawl", "--help")
    assert run.returncode == 0
    for option in ("--since", "--until", "--max-articles", "--output", "--resume", "--redis"):
        assert option in run.stdout

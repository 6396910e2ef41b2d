"""Incremental runs and crash safety, end to end: ``scrapy crawl article`` in a subprocess
against the bundled fake site on 127.0.0.1, with the JSONL writer and the SQLite seen-store.

Also the seen middleware's rules and the run summary, called directly.
"""

from __future__ import annotations

import json
import pickle
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from conftest import ROOT
from crawler.extensions.jobdir import JobdirGuard
from crawler.extensions.summary import build_summary, format_summary_table, summary_path
from crawler.fakesite import FakeSite
from crawler.middlewares.seen import AlreadySeen, SeenUrlMiddleware
from crawler.state import CrawlState

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO"]


def crawl_cmd(urls: list[str], workdir: Path, output: str, *extra: str) -> list[str]:
    urls_file = workdir / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"urls_file={urls_file}",
            "-s", f"JSONL_OUTPUT={output}", *FAST, *extra]


def crawl(urls, workdir, output, *extra) -> dict:
    """Run a crawl to its end; return its run summary."""
    proc = subprocess.run(crawl_cmd(urls, workdir, output, *extra), cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary_file = Path(f"{output}.summary.json") if output.endswith(".jsonl") else Path(output, "summary.json")
    return json.loads(summary_file.read_text(encoding="utf-8"))


def output_lines(root: Path) -> list[bytes]:
    files = [root] if root.suffix == ".jsonl" else sorted(root.rglob("*.jsonl"))
    return [line for f in files if f.exists() for line in f.read_bytes().splitlines()]


# -- scheduled runs ----------------------------------------------------------------------------
def test_second_run_writes_nothing_and_a_new_article_is_the_only_line_added(tmp_path):
    with FakeSite(style="wp", n_articles=30, added_later=1) as site:
        urls = [a["url"] for a in site.expected_articles()[:12]]
        data = f"{tmp_path}/data/"

        feed = tmp_path / "feed.jsonl"
        first = crawl(urls, tmp_path, data, "-O", str(feed))  # Scrapy's feed export works alongside
        assert first["counts"]["articles_written"] == 12
        written = sorted(output_lines(tmp_path / "data"))
        assert sorted(json.loads(line)["url"] for line in written) == sorted(urls)
        assert sorted(feed.read_bytes().splitlines()) == written
        assert (tmp_path / "data" / ".state" / "seen.sqlite3").exists()

        site.clear_requests()
        second = crawl(urls, tmp_path, data)
        assert second["counts"]["articles_written"] == 0
        assert second["counts"]["skipped_seen"] == 12
        assert second["errors"]["exceptions"] == {}  # skips are not errors
        assert site.fetched_article_ids() == set()  # skipped before download
        assert len(output_lines(tmp_path / "data")) == 12

        (new_id,) = site.publish(1)
        new_url = site.article_url(new_id)
        third = crawl([new_url, *urls], tmp_path, data)
        assert third["counts"]["articles_written"] == 1 and third["counts"]["skipped_seen"] == 12
        records = [json.loads(line) for line in output_lines(tmp_path / "data")]
        assert len(records) == 13 and len({r["url"] for r in records}) == 13
        assert {r["url"] for r in records} - set(urls) == {new_url}


# -- crash safety --------------------------------------------------------------------------------
def start_and_kill(cmd, when) -> None:
    """Start a crawl and SIGKILL it as soon as ``when()`` holds (or fail if it ends first)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while not when():
            assert proc.poll() is None, "the crawl ended before the kill point"
            assert time.monotonic() < deadline, "kill point not reached in 60 s"
            time.sleep(0.002)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def assert_complete(lines: list[bytes], expected: set[str]) -> None:
    records = [json.loads(line) for line in lines]  # every line valid JSON
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "duplicate URL in the output"
    assert set(urls) == expected


def test_killed_crawls_resume_to_exactly_the_expected_articles(tmp_path):
    with FakeSite(style="wp", n_articles=300) as site:
        expected = [a["url"] for a in site.expected_articles()[:200]]
        root = tmp_path / "data"
        cmd = crawl_cmd(expected, tmp_path, f"{root}/", "-s", f"JOBDIR={tmp_path / 'job'}")
        for n in (10, 50):
            start_and_kill(cmd, lambda n=n: len(output_lines(root)) >= n)
            assert len(output_lines(root)) >= n
        summary = crawl(expected, tmp_path, f"{root}/", "-s", f"JOBDIR={tmp_path / 'job'}")
        assert summary["counts"]["skipped_seen"] >= 50
        assert_complete(output_lines(root), set(expected))


def test_kill_after_jobdir_fingerprints_reach_disk_loses_nothing(tmp_path):
    """Scrapy flushes JOBDIR/requests.seen in 8 KiB blocks, including requests not yet downloaded;
    killed right then, a plain JOBDIR resume would filter those requests forever."""
    with FakeSite(style="wp", n_articles=420) as site:
        expected = [a["url"] for a in site.expected_articles()]
        out = tmp_path / "out.jsonl"
        cmd = crawl_cmd(expected, tmp_path, str(out), "-s", f"JOBDIR={tmp_path / 'job'}")
        fingerprints = tmp_path / "job" / "requests.seen"
        start_and_kill(cmd, lambda: fingerprints.exists() and fingerprints.stat().st_size > 0)
        summary = crawl(expected, tmp_path, str(out), "-s", f"JOBDIR={tmp_path / 'job'}")
        assert summary["counts"]["skipped_seen"] > 0
        assert_complete(output_lines(out), set(expected))


def test_jobdir_guard_discards_a_killed_crawls_queue_and_refuses_a_shared_jobdir(tmp_path):
    job = tmp_path / "job"
    (job / "requests.queue").mkdir(parents=True)
    (job / "requests.seen").write_bytes(b"\x14" + b"f" * 20)
    (job / "spider.state").write_bytes(b"state")
    clean = JobdirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(job)}))
    assert not clean.discarded and (job / "requests.seen").exists()  # no mark: a normal resume
    with pytest.raises(RuntimeError, match="in use by another crawl"):
        JobdirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(job)}))
    clean._lock.close()  # as if the process had been killed: the mark stays, unlocked

    crawler = get_crawler(settings_dict={"JOBDIR": str(job)})
    guard = JobdirGuard.from_crawler(crawler)
    assert guard.discarded
    assert sorted(p.name for p in job.iterdir()) == ["crawl.running", "spider.state"]
    guard.spider_closed()
    assert not (job / "crawl.running").exists()


# -- the seen middleware -------------------------------------------------------------------------
def parse_article(response):  # stands for a spider's article callback
    pass


def parse_listing(response):
    pass


URL = "https://kabar.example.co.id/2024/10/18/banjir-rob/"


@pytest.fixture
def middleware(tmp_path):
    crawler = get_crawler(settings_dict={"JSONL_OUTPUT": str(tmp_path / "out.jsonl")})
    mw = SeenUrlMiddleware.from_crawler(crawler)
    state = CrawlState.for_crawler(crawler)
    state.mark({"url": URL, "body": "Banjir rob.", "published": "2024-10-18T08:32:00+07:00",
                "modified": "2024-10-18T10:00:00+07:00"})
    yield mw, crawler.stats
    state.close()


def test_written_article_requests_are_skipped_listings_pass(middleware):
    mw, stats = middleware
    with pytest.raises(AlreadySeen):
        mw.process_request(Request(URL + "?utm_source=fb#komentar", meta={"article": True}))
    with pytest.raises(AlreadySeen):  # no flag: the article callback decides
        mw.process_request(Request(URL, callback=parse_article))
    assert mw.process_request(Request(URL, callback=parse_listing)) is None
    assert mw.process_request(Request(URL, callback=parse_article, meta={"article": False})) is None
    assert mw.process_request(Request(URL + "lain/", meta={"article": True})) is None
    assert stats.get_value("incremental/skipped_seen") == 2


def test_a_later_lastmod_lets_the_request_through(middleware):
    mw, stats = middleware
    with pytest.raises(AlreadySeen):
        mw.process_request(Request(URL, meta={"article": True, "lastmod": "2024-10-18T03:00:00+00:00"}))
    later = Request(URL, meta={"article": True, "lastmod": datetime(2024, 10, 19, tzinfo=timezone.utc)})
    assert mw.process_request(later) is None
    assert stats.get_value("incremental/refetched") == 1
    assert later.meta == {"article": True, "lastmod": datetime(2024, 10, 19, tzinfo=timezone.utc)}
    pickle.dumps(later.to_dict())  # JOBDIR can still queue it


def test_middleware_is_off_without_a_store_or_when_disabled(tmp_path):
    with pytest.raises(NotConfigured):
        SeenUrlMiddleware.from_crawler(get_crawler(settings_dict={}))
    crawler = get_crawler(settings_dict={"JSONL_OUTPUT": str(tmp_path / "o.jsonl"), "INCREMENTAL_ENABLED": False})
    with pytest.raises(NotConfigured):
        SeenUrlMiddleware.from_crawler(crawler)
    CrawlState.for_crawler(crawler).close()


# -- the run summary -----------------------------------------------------------------------------
def test_summary_from_stats_and_its_table(tmp_path):
    stats = {"response_received_count": 12, "item_scraped_count": 4, "item_dropped_count": 3,
             "extract/articles": 7, "extract/not_article/category": 2, "incremental/skipped_seen": 5,
             "incremental/updates": 1, "dropped/short_body": 2, "dropped/duplicate_url": 1,
             "downloader/response_status_count/200": 10, "downloader/response_status_count/404": 2,
             "downloader/exception_type_count/twisted.internet.error.TimeoutError": 1,
             "downloader/exception_type_count/crawler.middlewares.seen.AlreadySeen": 5,
             "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 1, "retry/max_reached": 1}
    started = datetime(2024, 10, 18, 1, 0, tzinfo=timezone.utc)
    summary = build_summary(stats, spider="site", reason="finished", started=started,
                            finished=started.replace(minute=2), settings=Settings({"JSONL_OUTPUT": "data/"}),
                            filled=Counter({"url": 4, "author": 3}), host_errors={"a.co.id": Counter({"404": 2})})
    assert summary["duration_s"] == 120.0 and summary["output"] == "data/"
    assert summary["counts"]["articles_written"] == 4 and summary["counts"]["skipped_seen"] == 5
    assert summary["counts"]["not_articles"] == 2
    assert summary["dropped"] == {"duplicate_url": 1, "short_body": 2}
    assert summary["errors"] == {"http": {"404": 2}, "exceptions": {"TimeoutError": 1}, "retry_max_reached": 1,
                                 "by_host": {"a.co.id": {"404": 2}}}
    assert summary["coverage"]["author"] == 75.0 and summary["coverage"]["editor"] == 0.0
    json.dumps(summary)
    table = format_summary_table(summary)
    assert table.splitlines()[0] == "Run summary: site (finished, 120.0 s)"
    assert "  short_body" in table and "TimeoutError" in table and "a.co.id 404" in table
    assert "author" in table and "75.0" in table

    assert summary_path(Settings({"SUMMARY_PATH": "/x/run.json", "JSONL_OUTPUT": "o.jsonl"})) == Path("/x/run.json")
    assert summary_path(Settings({"FEEDS": {str(tmp_path / "f.jsonl"): {"format": "jsonl"}}})) == \
        tmp_path / "f.jsonl.summary.json"
    assert summary_path(Settings({"FEEDS": {"s3://bucket/x.jsonl": {"format": "jsonl"}}})) is None

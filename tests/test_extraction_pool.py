"""Extraction in worker processes (``EXTRACTION_WORKERS``, crawler/middlewares/extraction_pool.py).

A crawl of the fake site with one worker writes exactly the records an inline
crawl writes, and every article page went through the pool; a pool that breaks
(its worker killed) costs no page: the page is extracted in the crawl process
and the next one gets a new pool.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from test_site_spider import crawl

from crawler.fakesite import FakeSite
from crawler.middlewares.extraction_pool import (
    META_KEY,
    ExtractionPoolMiddleware,
    worker_count,
)

PAGE = Path(__file__).parent / "fixtures" / "pages" / "jnews_banjir-rendam-astambul.html"


def test_worker_count():
    assert worker_count(0) == 0
    assert worker_count("0") == 0
    assert worker_count(None) == 0
    assert worker_count("3") == 3
    assert worker_count("auto") == max(0, min(4, (os.cpu_count() or 1) - 1))
    for bad in ("-1", "many", "1.5"):
        with pytest.raises(ValueError, match="EXTRACTION_WORKERS must be 0 or more"):
            worker_count(bad)


class _Spider:
    def parse_article(self, response):  # the callback the middleware looks for
        return ()

    def parse_listing(self, response):
        return ()


def _article_response(callback) -> HtmlResponse:
    request = Request("https://kabar.example.id/2024/10/18/judul/", callback=callback)
    return HtmlResponse(request.url, body=PAGE.read_bytes(), request=request,
                        headers={"Content-Type": "text/html; charset=utf-8"})


def _middleware(workers: int = 1) -> ExtractionPoolMiddleware:
    crawler = get_crawler(settings_dict={"EXTRACTION_WORKERS": workers})
    return ExtractionPoolMiddleware.from_crawler(crawler)


def test_off_by_default():
    from scrapy.exceptions import NotConfigured

    crawler = get_crawler(settings_dict={"EXTRACTION_WORKERS": 0})
    with pytest.raises(NotConfigured):
        ExtractionPoolMiddleware.from_crawler(crawler)


def test_only_article_pages_go_to_the_pool():
    mw = _middleware()
    spider = _Spider()
    try:
        listing = _article_response(spider.parse_listing)
        assert asyncio.run(mw.process_response(listing.request, listing)) is listing
        assert META_KEY not in listing.meta and mw.pool is None
        article = _article_response(spider.parse_article)
        assert asyncio.run(mw.process_response(article.request, article)) is article
        kwargs, result = article.meta[META_KEY]
        assert kwargs == {}
        assert result.record is not None and result.record["title"]
        assert mw.stats.get_value("extract/in_workers") == 1
    finally:
        mw.close()


def test_a_dead_worker_costs_no_page():
    mw = _middleware()
    spider = _Spider()

    async def scenario():
        first = _article_response(spider.parse_article)
        await mw.process_response(first.request, first)
        assert first.meta[META_KEY][1].record is not None
        (pid,) = mw.pool.pids
        os.kill(pid, signal.SIGKILL)  # as the OOM killer would
        second = _article_response(spider.parse_article)
        assert await mw.process_response(second.request, second) is second
        assert META_KEY not in second.meta  # the spider extracts this one itself
        assert mw.stats.get_value("extract/pool_errors") == 1
        third = _article_response(spider.parse_article)
        await mw.process_response(third.request, third)
        assert third.meta[META_KEY][1].record is not None  # a new worker took over
        assert mw.pool.pids != [pid]

    try:
        asyncio.run(scenario())
    finally:
        mw.close()


def test_crawl_with_workers_writes_the_same_records(tmp_path):
    with FakeSite("wp", 60) as site:
        inline = crawl(site, tmp_path)
        pooled = crawl(site, tmp_path, EXTRACTION_WORKERS="1")
        expected = {r["url"] for r in site.expected_articles()}
    assert {r["url"] for r in inline.records} == expected
    by_url = {r["url"]: r for r in inline.records}
    assert len(pooled.records) == len(inline.records)
    for record in pooled.records:
        assert record == by_url[record["url"]]
    parts = pooled.stats["extract/multipage_assembled"]  # the fake site has multi-page articles
    assert parts > 0
    assert pooled.stats["extract/in_workers"] > pooled.stats["extract/pages"]  # the parts too
    assert "extract/pool_errors" not in pooled.stats
    assert "extracting articles in 1 worker process(es)" in pooled.log
    # the listing pages were read for links in the worker, with the same verdicts on their links
    assert pooled.stats["extract/links_in_workers"] > 0 and "extract/links_in_workers" not in inline.stats
    traps = {k: v for k, v in inline.stats.items() if k.startswith("traps/")}
    assert traps and traps == {k: v for k, v in pooled.stats.items() if k.startswith("traps/")}


def _pool_processes() -> set[int]:
    """Processes started for an extraction pool (the forkserver and the workers it forked)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"multiprocessing.forkserver" in cmdline and b"crawler.extraction" in cmdline:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc to find the workers")
def test_workers_exit_when_the_crawl_is_killed(tmp_path):
    before = _pool_processes()
    with FakeSite("wp", 3000) as site:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}/", "-s", "EXTRACTION_WORKERS=1",
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"JSONL_OUTPUT={tmp_path / 'o.jsonl'}"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while len(_pool_processes() - before) < 2 and time.monotonic() < deadline:
                time.sleep(0.2)  # the forkserver and its worker
            started = _pool_processes() - before
            assert len(started) >= 2, "the crawl started no extraction workers"
        finally:
            proc.kill()
            proc.wait()
        deadline = time.monotonic() + 15
        while _pool_processes() & started and time.monotonic() < deadline:
            time.sleep(0.2)
    assert not _pool_processes() & started, "extraction workers outlived the killed crawl"

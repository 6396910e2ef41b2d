"""The project's stats collector (crawler/stats.py): Scrapy's in-memory collector's behaviour, without its shim."""

from __future__ import annotations

import warnings

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.stats import CrawlStatsCollector


def _both():
    crawler = get_crawler(settings_dict={"STATS_DUMP": False})
    return CrawlStatsCollector(crawler), MemoryStatsCollector(crawler)


def test_the_project_uses_it():
    assert get_project_settings()["STATS_CLASS"] == "crawler.stats.CrawlStatsCollector"
    crawler = get_crawler(settings_dict={"STATS_CLASS": "crawler.stats.CrawlStatsCollector"})
    assert type(crawler.stats) is CrawlStatsCollector


def test_same_stats_as_scrapys_collector():
    ours, scrapys = _both()
    for stats in (ours, scrapys):
        stats.open_spider()
        stats.inc_value("extract/pages")
        stats.inc_value("extract/pages", 2)
        stats.inc_value("fresh", start=10)
        stats.set_value("start_time", "t0")
        stats.max_value("peak", 3)
        stats.max_value("peak", 7)
        stats.max_value("peak", 5)
        stats.min_value("low", 4)
        stats.min_value("low", 2)
        stats.set_value("gone", 1)
        stats.get_stats().pop("gone")
    assert ours.get_stats() == scrapys.get_stats() == {
        "extract/pages": 3, "fresh": 11, "start_time": "t0", "peak": 7, "low": 2}
    assert ours.get_value("missing", "default") == "default"
    ours.clear_stats()
    assert ours.get_stats() == {}


def test_spider_argument_still_accepted_without_a_warning():
    ours, _ = _both()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours.inc_value("a", spider=object())
        ours.set_value("b", 1, spider=object())
    assert ours.get_stats() == {"a": 1, "b": 1}


def test_closing_keeps_the_stats_per_spider_name():
    crawler = get_crawler(settings_dict={"STATS_DUMP": False})
    crawler.spider = type("S", (), {"name": "site"})()
    ours = CrawlStatsCollector(crawler)
    ours.inc_value("item_scraped_count")
    ours.close_spider(reason="finished")
    assert ours.spider_stats["site"] == {"item_scraped_count": 1}


def test_no_per_access_hook():
    """The point of the class: attribute lookups are the plain object ones, not Scrapy's Python-level hook."""
    assert CrawlStatsCollector.__getattribute__ is object.__getattribute__
    assert MemoryStatsCollector.__getattribute__ is not object.__getattribute__  # else the class is pointless

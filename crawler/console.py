"""Live crawl status on a terminal: one line with pages, articles, dropped, errors and rate.

A Scrapy extension enabled by ``STATUS_LINE = True`` (the CLI sets it). On a
terminal it redraws one line every ``STATUS_INTERVAL`` seconds; when stderr is
not a terminal (cron, scrapyd) it stays silent and Scrapy's own periodic
``LogStats`` lines are the progress report.
"""

from __future__ import annotations

import sys
import time

from functools import lru_cache

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.misc import load_object
from twisted.internet.task import LoopingCall


@lru_cache(maxsize=256)
def is_skip(exception_path: str) -> bool:
    """True for IgnoreRequest and its subclasses (robots.txt, already seen): skips, not errors."""
    try:
        cls = load_object(exception_path)
    except (ImportError, AttributeError, ValueError, NameError):
        return False
    return isinstance(cls, type) and issubclass(cls, IgnoreRequest)


def status_counts(stats: dict) -> dict[str, int]:
    """The figures the status line and the end-of-run table show, from crawl stats."""
    dropped = sum(v for k, v in stats.items() if k.startswith("dropped/") or k.startswith("item_dropped_reasons_count/"))
    errors = sum(v for k, v in stats.items()
                 if (k.startswith("downloader/exception_type_count/") and not is_skip(k.rsplit("/", 1)[-1]))
                 or k.startswith("spider_exceptions/")
                 or (k.startswith("downloader/response_status_count/") and k.rsplit("/", 1)[-1][:1] in "45"))
    not_articles = sum(v for k, v in stats.items() if k.startswith("extract/not_article/"))
    return {
        "pages": stats.get("response_received_count", 0),
        "articles": stats.get("item_scraped_count", 0),
        "dropped": dropped,
        "not_articles": not_articles,
        "skipped_seen": stats.get("incremental/skipped_seen", 0),
        "errors": errors,
    }


class StatusLine:
    def __init__(self, crawler, interval: float, stream):
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.started = time.monotonic()
        self.loop: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("STATUS_LINE") or not sys.stderr.isatty():
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("STATUS_INTERVAL", 1.0), sys.stderr)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.loop = LoopingCall(self.draw)
        self.loop.start(self.interval, now=False)

    def draw(self):
        c = status_counts(self.crawler.stats.get_stats())
        elapsed = max(time.monotonic() - self.started, 1e-6)
        line = (f"pages {c['pages']}  articles {c['articles']}  not articles {c['not_articles']}  "
                f"dropped {c['dropped']}  errors {c['errors']}  {60 * c['pages'] / elapsed:.0f} pages/min")
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()

    def spider_closed(self, spider):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            self.draw()
            self.stream.write("\n")
            self.stream.flush()

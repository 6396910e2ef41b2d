"""A test-only Scrapy extension: the largest number of requests Scrapy's scheduler held during a crawl.

Enabled by tests/test_frontier.py with ``-s EXTENSIONS=...``; writes ``probe/scheduler_peak``.
"""

from scrapy import signals


class SchedulerProbe:
    def __init__(self, crawler):
        self.crawler = crawler
        self.peak = 0
        crawler.signals.connect(self.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def scheduled(self, request, spider=None):
        self.peak = max(self.peak, len(self.crawler.engine.scheduler) + 1)

    def closed(self, spider=None, reason=None):
        self.crawler.stats.set_value("probe/scheduler_peak", self.peak)

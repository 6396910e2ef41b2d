"""scrapy-redis scheduler with per-site keys and acknowledged pops (see :mod:`crawler.distributed.coordinator`).

:class:`SiteScheduler` is scrapy-redis' ``Scheduler`` whose queue and dupefilter keys
are the site's (``DISTRIBUTED_KEY``), whose ``open`` joins or seeds the run and whose
``close`` leaves it. :class:`ReliableQueue` is scrapy-redis' ``PriorityQueue`` whose
``pop`` moves the request into the worker's in-flight hash instead of deleting it.
"""

from __future__ import annotations

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from .coordinator import INFLIGHT_META, Coordinator


class ReliableQueue(PriorityQueue):
    """A priority queue whose popped requests stay in flight until acknowledged."""

    def __init__(self, server, spider, key, serializer=None, coordinator: Coordinator | None = None):
        super().__init__(server, spider, key, serializer)
        self.coordinator = coordinator

    def push(self, request):
        request.meta.pop(INFLIGHT_META, None)
        super().push(request)

    def pop(self, timeout=0):
        member = self.coordinator.pop()
        if member is None:
            return None
        request = self._decode_request(member)
        request.meta[INFLIGHT_META] = member
        return request


class SiteScheduler(Scheduler):
    """The shared Redis scheduler of one site's distributed run."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider):
        self.spider = spider
        self.coordinator = Coordinator.from_crawler(self.crawler, self.server, spider)
        self.queue = ReliableQueue(self.server, spider, self.coordinator.queue_key, self.serializer, self.coordinator)
        self.df = RFPDupeFilter(self.server, key=self.coordinator.dupefilter_key,
                                debug=spider.settings.getbool("DUPEFILTER_DEBUG"))
        self.coordinator.join()
        if len(self.queue):
            spider.logger.info("resuming the run: %d requests queued", len(self.queue))

    def enqueue_request(self, request):
        """Queue ``request``; one derived from an in-flight request (a redirect, a retry)
        acknowledges it once queued (or filtered)."""
        parent = request.meta.pop(INFLIGHT_META, None)
        queued = super().enqueue_request(request)
        self.coordinator.ack(parent)
        return queued

    def close(self, reason):
        self.coordinator.leave()

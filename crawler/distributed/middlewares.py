"""When a popped request is finished, in distributed mode: the acknowledgements that make a killed worker lose nothing.

A request stays in its worker's in-flight hash (:mod:`crawler.distributed.coordinator`)
until one of these says it is done:

* :class:`AckSpiderMiddleware` -- a response: after the callback's output is consumed
  (its requests are in the Redis queue) and every item it yielded has left the item
  pipelines (``item_scraped``/``item_dropped``/``item_error``: the JSONL writer wrote it);
  also when the callback raised. It also keeps the start requests of a worker that
  joins a running crawl from being sent again, and strips the in-flight marker from
  requests a callback builds from ``response.meta``.
* :class:`AckDownloaderMiddleware` -- a download that ends in an exception nobody turned
  into a retry (errors, robots.txt, already seen): acknowledged before its errback runs.
* a redirect or retry is acknowledged by the scheduler once the new request is queued.

A worker killed between those points leaves the request in flight; it is requeued
and done again (the Redis seen-store skips an article already written).
"""

from __future__ import annotations

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from .coordinator import INFLIGHT_META, Coordinator


class AckSpiderMiddleware:
    """Acknowledge a response's request once its output is queued or written (see the module docstring)."""

    def __init__(self, crawler):
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler
        self._open: dict[int, list] = {}  # id(response) -> [items not yet through the pipelines, output consumed]
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        coordinator = Coordinator.of(self.crawler)
        if coordinator is not None and not coordinator.seeding:
            return  # the run's seeder sent them; they are in the shared queue and dupefilter
        async for request in start:
            yield request

    async def process_spider_output(self, response, result):
        state = self._open.setdefault(id(response), [0, False])
        try:
            async for output in result:
                if isinstance(output, Request):
                    output.meta.pop(INFLIGHT_META, None)
                else:
                    state[0] += 1
                yield output
        finally:
            state[1] = True
            self._settle(response)

    def process_spider_exception(self, response, exception):
        self._open.setdefault(id(response), [0, True])[1] = True
        self._settle(response)

    def _item_done(self, item, response, **kwargs):
        state = self._open.get(id(response))
        if state is not None:
            state[0] -= 1
            self._settle(response)

    def _settle(self, response) -> None:
        state = self._open.get(id(response))
        if state is not None and state[1] and state[0] <= 0:
            del self._open[id(response)]
            Coordinator.of(self.crawler).ack(response.meta.get(INFLIGHT_META))


class AckDownloaderMiddleware:
    """Acknowledge a request whose download ended in an exception that goes to its errback."""

    def __init__(self, crawler):
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_exception(self, request, exception):
        Coordinator.of(self.crawler).ack(request.meta.get(INFLIGHT_META))

"""Retries that back off: wait before retrying a 429, 503, 403 or a failed connection.

Scrapy's ``RetryMiddleware`` re-queues a failed request at once. This subclass
waits first: the server's ``Retry-After`` (seconds or an HTTP date), else
``RETRY_BACKOFF_BASE * 2**(attempt - 1)`` seconds, never more than
``RETRY_BACKOFF_MAX``. The wait happens without blocking the crawl (other
requests go on), and a 429 or 503 also slows the whole host down: its download
slot's delay is raised to the same wait. Requests that still fail after
``RETRY_TIMES`` are given up as Scrapy does (``retry/max_reached``) and show in
the per-host error report.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

_SLOW_DOWN = {429, 503}


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: ``120`` or ``Fri, 18 Oct 2024 08:32:00 GMT``; None when absent or bad."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.base = crawler.settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        mw.cap = crawler.settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        return mw

    def _wait(self, request, response=None) -> float:
        attempt = request.meta.get("retry_times", 0) + 1
        hinted = retry_after_seconds(response.headers.get(b"Retry-After")) if response is not None else None
        wait = hinted if hinted is not None else self.base * 2 ** (attempt - 1)
        return min(wait, self.cap)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        wait = self._wait(request, response)
        if response.status in _SLOW_DOWN:
            self._slow_down_host(request, wait)
        self.crawler.stats.inc_value("retry/backoff_seconds", int(wait))
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request, exception, spider=None):
        retry = super().process_exception(request, exception)
        if retry is None:
            return None
        wait = self._wait(request)
        self.crawler.stats.inc_value("retry/backoff_seconds", int(wait))
        await asyncio.sleep(wait)
        return retry

    def _slow_down_host(self, request, wait: float) -> None:
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, min(wait, self.cap))

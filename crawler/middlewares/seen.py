"""Skip article downloads the seen-store says were already written (incremental runs).

A downloader middleware. An *article request* is one with ``meta["article"]``
true or, when the spider did not say (no ``"article"`` key), one whose callback
is ``parse_article`` (the project's article callback, see
:mod:`crawler.spiders.base`); every other request -- listings, sitemaps,
feeds, robots.txt -- always passes.

For an article request, the canonical form of its URL
(:func:`crawler.extraction.urls.clean_url`) is looked up in the store:

* not there -- downloaded;
* there, and ``meta["lastmod"]`` (set by discovery from a sitemap ``lastmod``,
  a feed date or the WordPress ``modified`` field; a datetime, date or ISO 8601
  string, taken as UTC without an offset) is later than the stored
  ``modified`` -- downloaded, counted ``incremental/refetched``; the dedupe
  pipeline writes the new record as an update only if it changed;
* there otherwise -- skipped before download with :class:`AlreadySeen` (an
  :class:`~scrapy.exceptions.IgnoreRequest`; errbacks receive it), counted
  ``incremental/skipped_seen``.

Enabled when the crawl has a seen-store and ``INCREMENTAL_ENABLED`` is not
false (see :mod:`crawler.state`). Adds nothing to requests, so ``JOBDIR``
serialisation is unaffected.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.extraction.urls import clean_url
from crawler.state import CrawlState, parse_time

ARTICLE_CALLBACK = "parse_article"


class AlreadySeen(IgnoreRequest):
    """The request's article was written by an earlier run and has not changed since."""


def is_article_request(request) -> bool:
    flag = request.meta.get("article")
    if flag is not None:
        return bool(flag)
    return getattr(request.callback, "__name__", None) == ARTICLE_CALLBACK


class SeenUrlMiddleware:
    """Raise :class:`AlreadySeen` for article requests whose URL is written and not modified since."""

    def __init__(self, state: CrawlState, stats):
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        state = CrawlState.for_crawler(crawler)
        if not state.incremental:
            if crawler.settings.getbool("INCREMENTAL_ENABLED"):
                raise NotConfigured("INCREMENTAL_ENABLED needs a seen-store: set JSONL_OUTPUT (or STATE_DIR/REDIS_URL)")
            raise NotConfigured
        return cls(state, crawler.stats)

    def process_request(self, request):
        if not is_article_request(request):
            return None
        url = clean_url(request.url)
        lastmod = parse_time(request.meta.get("lastmod"))
        entry = self.state.seen(url)
        if entry is not None:
            if lastmod is None or (entry.modified is not None and lastmod <= entry.modified):
                self.stats.inc_value("incremental/skipped_seen")
                raise AlreadySeen(f"already written, not modified since: {url}")
            self.stats.inc_value("incremental/refetched")
        if lastmod is not None:
            self.state.note_lastmod(url, lastmod)
        return None

"""Shared spider behaviour: turn a response into an article item, assembling multi-page articles.

Every spider sends article pages to :meth:`ArticleSpiderMixin.parse_article`.
A page that is not an article is counted (``extract/not_article/<kind>``) and
logged, never emitted. The following pages of a multi-page article are
fetched in numeric order and their bodies appended, so one article is one item.
"""

from __future__ import annotations

import scrapy

from crawler.extraction.profiles import profile_for
from crawler.failures import classify, report_failure
from crawler.items import ArticleItem
from crawler.middlewares.extraction_pool import META_KEY as POOL_RESULT
from crawler.middlewares.extraction_pool import content_type_of, extract_page

MAX_PARTS = 20


class ArticleSpiderMixin:
    """Mixed into a :class:`scrapy.Spider`; needs ``self.crawler`` and ``self.logger``."""

    def _profile(self, response):
        return profile_for(response.url, self.settings.get("EXTRA_PROFILES_DIR"))

    def extract(self, response, **kwargs):
        done = response.meta.pop(POOL_RESULT, None)
        if done is not None and done[0] == kwargs:
            return done[1]  # extracted in a worker process (crawler/middlewares/extraction_pool.py)
        return extract_page(response.body, response.url, content_type_of(response),
                            self.settings.get("EXTRA_PROFILES_DIR"), kwargs)

    def parse_article(self, response):
        stats = self.crawler.stats
        stats.inc_value("extract/pages")
        if not isinstance(response, scrapy.http.TextResponse):
            stats.inc_value("extract/not_article/not_html")
            return
        result = self.extract(response)
        if result.record is None:
            stats.inc_value(f"extract/{result.reason.replace(':', '/')}")
            yield from self.not_article(response, result)
            return
        stats.inc_value("extract/articles")
        if not self.accept(result.record):
            return
        parts = result.next_pages[: MAX_PARTS - 1]
        if parts and result.all_pages_url and self._profile(response).crawl.get("prefer_single_page"):
            # the profile says the site's single-page view (?page=all) holds the whole article
            yield scrapy.Request(result.all_pages_url, callback=self.parse_single_page, errback=self.part_failed,
                                 cb_kwargs={"record": result.record, "remaining": parts}, priority=10)
        elif parts:
            yield self._next_part(result.record, parts)
        else:
            yield ArticleItem.from_record(result.record)

    def parse_single_page(self, response, record: dict, remaining: list[str]):
        """The single-page variant of a multi-page article: its body replaces page 1's; if it has
        no more text than page 1, the parts are fetched one by one instead."""
        result = self.extract(response, min_body_chars=1) if isinstance(response, scrapy.http.TextResponse) else None
        body = result.record.get("body") if result is not None and result.record else None
        if body and len(body) > len(record.get("body") or ""):
            self.crawler.stats.inc_value("extract/single_page_used")
            yield ArticleItem.from_record(dict(record, body=body))
        else:
            yield self._next_part(record, remaining)

    def not_article(self, response, result):
        """Called for a page that is not an article; returns the requests to make from it.
        Here: log it. Crawl spiders follow its links instead."""
        self.logger.info("not an article (%s): %s", result.reason, response.url)
        return ()

    def accept(self, record: dict) -> bool:
        """Whether an extracted article is wanted; crawl spiders check their date window and quota."""
        return True

    def _next_part(self, record: dict, remaining: list[str]):
        return scrapy.Request(remaining[0], callback=self.parse_part, errback=self.part_failed,
                              cb_kwargs={"record": record, "remaining": remaining[1:]}, priority=10)

    def parse_part(self, response, record: dict, remaining: list[str]):
        # a later part may be one short closing paragraph: no minimum body length for parts
        result = (self.extract(response, min_body_chars=1)
                  if isinstance(response, scrapy.http.TextResponse) else None)
        if result is not None and result.record and result.record.get("body"):
            record = dict(record, body=record["body"] + "\n\n" + result.record["body"])
        else:
            self.crawler.stats.inc_value("extract/part_missing")
            self.logger.warning("page part without text: %s (article %s)", response.url, record.get("url"))
        if remaining:
            yield self._next_part(record, remaining)
        else:
            self.crawler.stats.inc_value("extract/multipage_assembled")
            yield ArticleItem.from_record(record)

    def fetch_failed(self, failure) -> None:
        """Errback of every request: report the URL given up (crawler/failures.py)."""
        self.report_failed(failure)

    def report_failed(self, failure) -> tuple[str, str] | None:
        """Report a failure; its (kind, detail), or None when it was no failure (already written)."""
        verdict = classify(failure)
        if verdict is not None:
            report_failure(self.crawler, failure.request, *verdict)
        return verdict

    def part_failed(self, failure):
        """A later part could not be fetched: report it, and write the article with the parts it has."""
        self.fetch_failed(failure)
        record = failure.request.cb_kwargs["record"]
        self.crawler.stats.inc_value("extract/part_failed")
        yield ArticleItem.from_record(record)

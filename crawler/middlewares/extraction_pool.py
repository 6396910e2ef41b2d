"""Article extraction in worker processes, so the reactor keeps downloading while pages are parsed.

Extraction is most of a crawl's CPU time and Scrapy runs every callback on one
thread. With ``EXTRACTION_WORKERS`` set to a number above 0 (or ``auto``: one
per CPU but one, at most 4), this downloader middleware sends each article
page (a response whose request goes to ``parse_article``) to a pool of worker
processes (:mod:`crawler.workerpool`; also the later parts of multi-page
articles) and hands the result to the spider in ``response.meta``
(:data:`META_KEY`); :meth:`crawler.spiders.base.ArticleSpiderMixin.extract`
uses it instead of extracting again. A page the spider would read for links
when it is not an article (the ``site`` spider's listings: its
``listing_rules(request)`` gives the rules) is also read for them in the
worker, when extraction finds no article there: the result
(:class:`~crawler.discovery.linkrules.PageLinks`) travels in ``response.meta``
(:data:`PAGE_LINKS`), so that the crawl process, which runs the whole crawl
on one thread, does not parse the page at all. Pages in flight stay bounded by
``CONCURRENT_REQUESTS``: Scrapy counts a request as active until its response
has left the middlewares.

When a worker fails (killed by the OOM killer, an exception, a result that
cannot be sent back), the page is extracted in the crawl process instead and
a new worker takes the dead one's place; ``extract/pool_errors`` counts it.
Workers exit when the crawl process does, even when it is SIGKILLed.
"""

from __future__ import annotations

import logging
import os

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, TextResponse

from crawler.workerpool import WorkerPool

logger = logging.getLogger(__name__)

#: Where the worker's :class:`~crawler.extraction.record.ExtractionResult` travels to the spider.
META_KEY = "_extraction_result"
#: Where the worker's :class:`~crawler.discovery.linkrules.PageLinks` of a page that is no article travel.
PAGE_LINKS = "_page_links"
MAX_AUTO_WORKERS = 4


def worker_count(value) -> int:
    """``EXTRACTION_WORKERS`` as a number: ``auto`` is one per CPU but one (at most 4); 0 is off."""
    if value in (None, "", False):
        return 0
    if str(value).strip().lower() == "auto":
        return max(0, min(MAX_AUTO_WORKERS, (os.cpu_count() or 1) - 1))
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise ValueError(f"EXTRACTION_WORKERS must be 0 or more, or 'auto': {value!r}")
    return count


def content_type_of(response) -> str | None:
    return response.headers.get(b"Content-Type", b"").decode("latin-1") or None


def extract_page(body: bytes, url: str, content_type: str | None, extra_profiles_dir: str | None, kwargs: dict):
    """A crawl's one extraction call: made by the spider inline, or in a worker process (where the
    imports are paid once per worker)."""
    from crawler.extraction import extract_article
    from crawler.extraction.profiles import profile_for

    return extract_article(body, url, profile=profile_for(url, extra_profiles_dir), content_type=content_type,
                           **kwargs)


_memo = None  # a worker's crawler.discovery.linkrules.LinkMemo


def extract_and_read_links(body: bytes, url: str, content_type: str | None, extra_profiles_dir: str | None,
                           kwargs: dict, rules):
    """A worker's call: :func:`extract_page`, and when the page is no article and ``rules`` are given,
    its links read as the spider would read them (the same parse: Scrapy's ``HtmlResponse.selector``)."""
    global _memo
    result = extract_page(body, url, content_type, extra_profiles_dir, kwargs)
    if result.record is not None or rules is None:
        return result, None
    from crawler.discovery.linkrules import LinkMemo, read_page_links

    if _memo is None:
        _memo = LinkMemo()
    headers = {"Content-Type": content_type} if content_type else {}
    root = HtmlResponse(url, body=body, headers=headers).selector.root
    return result, read_page_links(root, url, rules, _memo)


#: The spider callbacks whose pages are extracted in the pool, with the arguments they extract with
#: (a later part of a multi-page article may be one short paragraph: no minimum body length).
CALLBACKS: dict[str, dict] = {"parse_article": {}, "parse_part": {"min_body_chars": 1},
                              "parse_single_page": {"min_body_chars": 1}}


def pool_kwargs(request, response) -> dict | None:
    """The extraction arguments of an article page to extract in the pool, None for any other response."""
    if not isinstance(response, TextResponse) or response.status != 200:
        return None
    return CALLBACKS.get(getattr(request.callback, "__name__", None))


class ExtractionPoolMiddleware:
    """Extracts article pages in ``EXTRACTION_WORKERS`` processes (see the module docstring)."""

    def __init__(self, crawler, workers: int):
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = workers
        self.extra_dir = crawler.settings.get("EXTRA_PROFILES_DIR")
        self.pool: WorkerPool | None = None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        workers = worker_count(crawler.settings.get("EXTRACTION_WORKERS", 0))
        if workers == 0:
            raise NotConfigured("EXTRACTION_WORKERS is 0: extraction runs in the crawl process")
        return cls(crawler, workers)

    def _pool(self) -> WorkerPool:
        if self.pool is None:
            preload = ["crawler.extraction", "crawler.extraction.profiles", "crawler.discovery.linkrules",
                       "scrapy.http", __name__]
            self.pool = WorkerPool(extract_and_read_links, self.workers, preload=preload)
            logger.info("extracting articles in %d worker process(es)", self.workers)
        return self.pool

    async def process_response(self, request, response, spider=None):
        kwargs = pool_kwargs(request, response)
        if kwargs is None:
            return response
        read = getattr(self.crawler.spider, "listing_rules", None)
        rules = read(request) if read is not None and type(response) is HtmlResponse else None
        try:
            result, links = await self._pool().call(response.body, response.url, content_type_of(response),
                                                    self.extra_dir, kwargs, rules)
        except Exception as exc:  # noqa: BLE001 (WorkerError, a worker that cannot start: fork fails, no fds)
            # the crawl goes on: the spider extracts this page itself; the next page gets a new worker
            self.stats.inc_value("extract/pool_errors")
            logger.warning("extraction worker failed on %s (%s); extracting in the crawl process", response.url, exc)
            return response
        self.stats.inc_value("extract/in_workers")
        request.meta[META_KEY] = (kwargs, result)
        if links is not None:
            self.stats.inc_value("extract/links_in_workers")
            request.meta[PAGE_LINKS] = links
        return response

    def close(self, spider=None) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

"""``site`` spider: every article of one news site (in a date window), and only articles.

    scrapy crawl site -a site=kotaprobolinggo.matapublik.co.id -O out.jsonl
    scrapy crawl site -a url=https://example.co.id/ -a since=7d -a max_articles=500 -O out.jsonl

Arguments (all optional but one of ``site``/``url``):

``site``          the site's domain; the crawl starts at ``https://SITE/``
``url``           the start URL instead (its scheme and host are the site's canonical ones)
``since``         only articles published at or after this: ``2024-10-01``, ``2024-10-01T08:00+07:00``,
                  or a duration back from now (``12h``, ``7d``, ``2w``); zone: the site profile's
``until``         only articles published at or before this (a date includes the whole day)
``max_articles``  stop after writing this many articles
``max_pages``     stop after downloading this many pages (``CLOSESPIDER_PAGECOUNT``)
``depth``         link hops from the start page that non-article pages are followed (default 2;
                  walking a listing's pages is no hop)
``subdomains``    ``true`` to crawl the site's subdomains too (default: the profile's
                  ``include_subdomains``); each one found is discovered like the site itself
``sources``       discovery sources, comma-separated: ``sitemap,feed,wpapi,listing`` (the default)

Discovery per site, in this order: robots.txt ``Sitemap:`` lines (else the usual
sitemap locations), sitemap indexes and urlsets; feeds (``/feed/``, ``/rss`` and
those pages declare); the WordPress REST API; the start page and the listings it
links to (sections, indexes), walked page by page, newest first. Every article
URL is canonicalised, kept on the site, checked for traps and, when the source
gives a date, checked against the window before it is downloaded. A URL whose
date no source settles waits until discovery is idle, so that a more precise
source can still rule it out. Article URLs wait in a compact frontier and enter
Scrapy's in-memory scheduler a few dozen at a time (``FRONTIER_MIN``, or 4 x
``CONCURRENT_REQUESTS``), so memory stays flat on large sites; with ``JOBDIR``
or Redis they go to that queue directly. Extracted articles are checked again on their
``published`` date (``window/outside``). Pages that are not articles are never
written; their links are followed. Non-2xx answers and failures are reported
per host at the end and counted as ``errors/<host>/<status>``.

Request ``meta`` keys: ``discovery`` (the source: ``start``, ``sitemap``, ``feed``,
``wpapi``, ``listing``), ``discovery_date`` (on article requests: the date the
source gave, ISO 8601), ``hops`` (on page requests), ``listing_previous`` (on a
listing's next page: the article URLs of the page before), ``discovery_probe``
(on requests to guessed locations, where a 404 is an answer, not an error).
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.discovery import feeds, sitemaps, wpapi
from crawler.discovery.linkrules import LinkMemo, LinkRules, read_page_links
from crawler.discovery.listings import Listing, page_of
from crawler.discovery.urlrules import (could_be_article, may_list_articles, origin_of, site_key,
                                        subdomain_origins, url_date)
from crawler.discovery.window import DateHint, Window
from crawler.extraction.profiles import profile_for
from crawler.extraction.urls import host_of
from crawler.middlewares.extraction_pool import PAGE_LINKS

from .base import ArticleSpiderMixin

SOURCES = ("sitemap", "feed", "wpapi", "listing")
DEFAULT_DEPTH = 2
DISCOVERY_PRIORITY, ARTICLE_PRIORITY, PAGE_PRIORITY = 20, 5, 0
#: Article requests the frontier keeps in Scrapy's scheduler at least (4 x CONCURRENT_REQUESTS when more).
FRONTIER_MIN = 64
#: Answers of a guessed location that mean "not here".
PROBE_MISSING = frozenset({401, 403, 404, 410})


def _count(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative")
    return number


def _flag(value: str | bool | None) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    return value.strip().lower() in ("1", "true", "yes", "on")


def _sources(value: str | None) -> tuple[str, ...]:
    names = tuple(s.strip() for s in (value or ",".join(SOURCES)).split(",") if s.strip())
    unknown = sorted(set(names) - set(SOURCES))
    if unknown or not names:
        raise ValueError(f"unknown discovery source(s) {unknown}; choose from {','.join(SOURCES)}")
    return names


class SiteSpider(ArticleSpiderMixin, scrapy.Spider):
    """Arguments, discovery order and request meta: see the module docstring."""

    name = "site"

    def __init__(self, site: str | None = None, url: str | None = None, since: str | None = None,
                 until: str | None = None, max_articles: str | None = None, max_pages: str | None = None,
                 depth: str | None = None, subdomains: str | None = None, sources: str | None = None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (site or url):
            raise ValueError(f"{self.name} spider: give -a site=DOMAIN or -a url=START_URL")
        if site and not url and "/" in site.strip().strip("/"):
            raise ValueError(f"{self.name} spider: site= takes a domain ({site!r}); give a URL as url=")
        self.start_url = url or f"https://{site.strip().strip('/')}/"
        self.site = site_key(self.start_url)
        self.since, self.until = since, until
        self.max_articles = _count(max_articles, "max_articles")
        self.max_pages = _count(max_pages, "max_pages")
        self.depth = DEFAULT_DEPTH if depth in (None, "") else _count(depth, "depth")
        self.subdomains = _flag(subdomains)
        self.sources = _sources(sources)
        self.origins: dict[str, str] = {}                # site key -> the origin its URLs are rewritten to
        self.decided: set[str] = set()                   # article URLs scheduled or ruled out
        self.pending: dict[str, tuple[str, DateHint]] = {}  # article URLs waiting for a decisive date
        self.frontier: deque[tuple[str, str, DateHint]] = deque()  # article URLs decided, not yet requested
        self.lazy = False                                # keep the frontier here (see _release)
        self.written: set[str] = set()                   # record URLs accepted for writing
        self.claimed = 0                                 # articles accepted toward max_articles
        self.failures: Counter[tuple[str, str]] = Counter()
        self._rules: LinkRules | None = None             # how URLs are judged (built from the above)
        self._memo = LinkMemo()                          # verdicts on page links

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.profile = profile_for(spider.start_url, crawler.settings.get("EXTRA_PROFILES_DIR"))
        spider.window = Window.parse(spider.since, spider.until, tz=spider.profile.timezone)
        if spider.subdomains is None:
            spider.subdomains = bool(spider.profile.crawl.get("include_subdomains", False))
        spider.allowed_domains = [site_key(urlsplit(spider.start_url).hostname)]
        if spider.max_articles:
            crawler.settings.set("CLOSESPIDER_ITEMCOUNT", spider.max_articles, priority="spider")
        if spider.max_pages:
            crawler.settings.set("CLOSESPIDER_PAGECOUNT", spider.max_pages, priority="spider")
        crawler.signals.connect(spider.release_pending, signal=signals.spider_idle)
        # Article URLs wait in the compact frontier and enter Scrapy's in-memory scheduler a few dozen at a
        # time, so memory does not grow with the site (a sitemap lists every article at once). A disk queue
        # (JOBDIR) or a shared one (Redis) gets them directly: they survive a kill there, and memory is flat.
        spider.lazy = (not crawler.settings.get("JOBDIR")
                       and crawler.settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler")
        spider.frontier_target = max(FRONTIER_MIN, 4 * crawler.settings.getint("CONCURRENT_REQUESTS"))
        crawler.signals.connect(spider.top_up, signal=signals.response_received)
        crawler.signals.connect(spider.item_dropped, signal=signals.item_dropped)
        return spider

    async def start(self):
        for request in self.discover(self.start_url):
            yield request

    def discover(self, page_url: str) -> Iterator[scrapy.Request]:
        """The requests that discover the articles of the site of ``page_url``, starting there."""
        origin = origin_of(page_url)
        self.origins[site_key(origin)] = origin
        self._rules = None  # verdicts depend on the origins
        if "sitemap" in self.sources:
            yield scrapy.Request(origin + "/robots.txt", self.parse_robots, errback=self.robots_failed,
                                 priority=DISCOVERY_PRIORITY, meta={"discovery": "sitemap", "discovery_probe": True})
        if "feed" in self.sources:
            for url in feeds.candidate_feeds(origin):
                yield self._feed_request(url, probe=True)
        if "wpapi" in self.sources:
            yield self._wpapi_request(origin, 1)
        yield self._page_request(page_url, "start", hops=0)

    # -- discovery documents --------------------------------------------------------

    def parse_robots(self, response):
        urls = sitemaps.robots_sitemaps(response.body, response.url)
        if not urls:
            yield from self._probe_sitemaps(response.url)
        for url in urls:
            yield self._sitemap_request(url)

    def robots_failed(self, failure):
        self.fetch_failed(failure)
        yield from self._probe_sitemaps(failure.request.url)

    def _probe_sitemaps(self, url: str) -> Iterator[scrapy.Request]:
        for candidate in sitemaps.candidate_sitemaps(origin_of(url)):
            yield self._sitemap_request(candidate, probe=True)

    def parse_sitemap(self, response):
        xml = sitemaps.sitemap_body(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        parsed = sitemaps.parse_sitemap(xml, tz=self.window.tz) if xml else None
        if parsed is None:
            self.crawler.stats.inc_value("discovery/sitemap/not_a_sitemap")
            level = logging.DEBUG if response.meta.get("discovery_probe") else logging.WARNING
            self.logger.log(level, "not a sitemap: %s", response.url)
            return
        for entry in parsed.entries:
            if not parsed.is_index:
                yield from self._listed_article(entry.url, "sitemap", entry.hint)
            elif not sitemaps.lists_posts(entry.url):
                self.crawler.stats.inc_value("discovery/sitemap/skipped_non_post")
            elif self.window.older(entry.hint):
                self.crawler.stats.inc_value("window/skipped_sitemaps")
            else:
                yield self._sitemap_request(entry.url)

    def parse_feed(self, response):
        for item in feeds.parse_feed(response.body, tz=self.window.tz):
            yield from self._listed_article(item.url, "feed", item.hint)

    def parse_wpapi(self, response, page: int):
        posts = wpapi.parse_posts(response.body)
        for post in posts:
            yield from self._listed_article(post.url, "wpapi", post.hint)
        last = wpapi.total_pages(response.headers.get("X-WP-TotalPages"))
        if posts and page < last and not self.window.older(posts[-1].hint):
            yield self._wpapi_request(origin_of(response.url), page + 1)

    def _sitemap_request(self, url: str, probe: bool = False) -> scrapy.Request:
        return scrapy.Request(url, self.parse_sitemap, errback=self.fetch_failed, priority=DISCOVERY_PRIORITY,
                              meta={"discovery": "sitemap", "discovery_probe": probe})

    def _feed_request(self, url: str, probe: bool = False) -> scrapy.Request:
        return scrapy.Request(url, self.parse_feed, errback=self.fetch_failed, priority=DISCOVERY_PRIORITY,
                              meta={"discovery": "feed", "discovery_probe": probe})

    def _wpapi_request(self, origin: str, page: int) -> scrapy.Request:
        return scrapy.Request(wpapi.posts_url(origin, page, self.window.since), self.parse_wpapi,
                              errback=self.fetch_failed, priority=DISCOVERY_PRIORITY, cb_kwargs={"page": page},
                              meta={"discovery": "wpapi", "discovery_probe": page == 1})

    # -- pages that are not articles: listings ----------------------------------------

    def not_article(self, response, result):
        self.logger.debug("not an article (%s): %s", result.reason, response.url)
        if response.meta.get("discovery") == "start":
            self._adopt_origin(response.url)
        page = response.meta.pop(PAGE_LINKS, None)  # read by an extraction worker, with the rules of then
        if page is None or page.rules != self.rules:
            page = read_page_links(response.selector.root, response.url, self.rules, self._memo)
        stats = self.crawler.stats
        for trap, count in page.traps.items():
            stats.inc_value(f"traps/skipped/{trap}", count)
        if "feed" in self.sources:
            for url in page.feeds:
                yield self._feed_request(url)
        listing = page.listing
        if self.subdomains:
            for origin in subdomain_origins([*listing.links, *(t.url for t in listing.teasers)], self.site):
                if site_key(origin) not in self.origins:
                    self.logger.info("found subdomain %s", origin)
                    yield from self.discover(origin + "/")
        if "listing" not in self.sources:
            return
        for teaser in listing.teasers:
            yield from self._schedule_article(teaser.url, "listing", teaser.hint)
        hops = response.meta.get("hops", self.depth)
        yield from self._next_listing_page(response, listing, hops)
        if hops < self.depth:
            for href in listing.links:
                url, _ = self.rules.screen(href)
                if url and page_of(url)[1] == 1 and may_list_articles(url):
                    yield self._page_request(url, "listing", hops + 1)

    def _adopt_origin(self, url: str) -> None:
        """A start page redirected to another variant of its site (``https``, ``www.``): rewrite the
        site's URLs to that one, or every request would be redirected the same way."""
        origin = origin_of(url)
        key = site_key(origin)
        if key in self.origins and self.origins[key] != origin:
            self.logger.info("using %s for %s (the start page redirects there)", origin, self.origins[key])
            self.origins[key] = origin
            self._rules = None

    def _next_listing_page(self, response, listing: Listing, hops: int) -> Iterator[scrapy.Request]:
        """The listing's next page, unless this page brought no new article or only older ones."""
        if not listing.next_url:
            return
        previous = response.meta.get("listing_previous", frozenset())
        new = [t for t in listing.teasers if t.url not in previous]
        if not new:
            self.crawler.stats.inc_value("listing/exhausted")
            return
        if self.window.since and all(self.window.older(self._dated(t.url, t.hint)) for t in new):
            self.crawler.stats.inc_value("listing/passed_since")
            return
        url, _ = self.rules.screen(listing.next_url)
        if url:
            yield self._page_request(url, "listing", hops, previous=frozenset(t.url for t in listing.teasers))

    def _page_request(self, url: str, source: str, hops: int, previous: frozenset[str] | None = None):
        meta = {"discovery": source, "hops": hops, "article": False}
        if previous is not None:
            meta["listing_previous"] = previous
        return scrapy.Request(url, self.parse_article, errback=self.fetch_failed, priority=PAGE_PRIORITY, meta=meta)

    # -- article URLs -------------------------------------------------------------------

    @property
    def rules(self) -> LinkRules:
        """How this crawl judges URLs now (rebuilt when the origins change)."""
        if self._rules is None:
            self._rules = LinkRules(self.site, bool(self.subdomains), tuple(sorted(self.origins.items())),
                                    self.profile, self.window.tz)
        return self._rules

    def listing_rules(self, request) -> LinkRules | None:
        """For the extraction pool (crawler/middlewares/extraction_pool.py): the rules to read a page with
        when it is not an article, for page requests (not article requests, whose links are not followed)."""
        return None if request.meta.get("article", True) else self.rules

    def _article_url(self, url: str) -> str | None:
        """``url`` canonical when it is on the site and no trap (traps are counted), else None."""
        url, trap = self.rules.screen(url)
        if trap:
            self.crawler.stats.inc_value(f"traps/skipped/{trap}")
        return url

    def _listed_article(self, raw: str, source: str, hint: DateHint) -> Iterator[scrapy.Request]:
        """A URL that a sitemap, feed or the API lists as a post: crawled unless evidence says
        it is no article."""
        url = self._article_url(raw)
        if url and could_be_article(url, self.profile):
            yield from self._schedule_article(url, source, hint)

    @staticmethod
    def _dated(url: str, hint: DateHint) -> DateHint:
        return hint.merge(DateHint(day=url_date(url)))

    def _schedule_article(self, url: str, source: str, hint: DateHint) -> Iterator[scrapy.Request]:
        """Request an article once, unless its date (from the source or the URL) is outside the window."""
        if url in self.decided:
            return
        hint = self._dated(url, hint)
        verdict = self.window.verdict(hint)
        stats = self.crawler.stats
        if verdict is False:
            self.decided.add(url)
            self.pending.pop(url, None)
            stats.inc_value("window/skipped")
            return
        if verdict is None:
            if url not in self.pending:
                self.pending[url] = (source, hint)
                stats.inc_value("window/deferred")
            return
        self.decided.add(url)
        self.pending.pop(url, None)
        stats.inc_value(f"discovery/{source}/articles")
        self.frontier.append((url, source, hint))
        yield from self._release()

    def _release(self) -> Iterator[scrapy.Request]:
        """Requests for the frontier's next article URLs: as many as keep Scrapy's scheduler holding
        ``frontier_target`` requests (all of them when the frontier is not kept here)."""
        if not self.frontier:
            return
        scheduler = self._scheduler() if self.lazy else None
        room = self.frontier_target - len(scheduler) if scheduler is not None else len(self.frontier)
        for _ in range(min(room, len(self.frontier))):
            yield self._article_request(*self.frontier.popleft())

    def _scheduler(self):
        try:
            return self.crawler.engine.scheduler  # None before the crawl starts
        except RuntimeError:  # no engine: the spider is driven by hand (tests)
            return None

    def top_up(self, response=None, request=None, spider=None) -> None:
        """After each response: refill the scheduler from the frontier."""
        for article in self._release():
            self.crawler.engine.crawl(article)

    def _article_request(self, url: str, source: str, hint: DateHint) -> scrapy.Request:
        meta = {"discovery": source, "discovery_date": hint.isoformat(), "article": True}
        if hint.modified is not None:
            meta["lastmod"] = hint.modified.isoformat()  # the seen-store re-fetches a changed article
        return scrapy.Request(url, self.parse_article, errback=self.fetch_failed, priority=ARTICLE_PRIORITY,
                              meta=meta)

    def release_pending(self):
        """On idle: the frontier's next article URLs; once discovery is over, the article URLs that no
        source dated decisively join it (they are downloaded to check their date)."""
        if self.pending:
            self.logger.info("checking %d article URLs whose date no source settled", len(self.pending))
            for url, (source, hint) in self.pending.items():
                self.decided.add(url)
                self.crawler.stats.inc_value(f"discovery/{source}/articles")
                self.frontier.append((url, source, hint))
            self.pending.clear()
        if not self.frontier:
            return
        released = list(self._release()) or [self._article_request(*self.frontier.popleft())]
        for request in released:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    # -- articles -------------------------------------------------------------------------

    def accept(self, record: dict) -> bool:
        stats = self.crawler.stats
        published = record.get("published")
        if published and self.window.verdict(DateHint(published=datetime.fromisoformat(published))) is False:
            stats.inc_value("window/outside")
            self.logger.debug("outside the date window (%s): %s", published, record["url"])
            return False
        if record["url"] in self.written:  # two URLs whose pages name the same canonical URL
            stats.inc_value("duplicates/skipped")
            return False
        if self.max_articles:
            if self.claimed >= self.max_articles:
                stats.inc_value("max_articles/skipped")
                return False
            self.claimed += 1
        self.written.add(record["url"])
        return True

    def item_dropped(self, item):
        """A pipeline dropped an article: it no longer counts toward ``max_articles``."""
        if self.max_articles:
            self.claimed -= 1

    # -- errors -----------------------------------------------------------------------------

    def fetch_failed(self, failure) -> None:
        """A guessed location that is absent is an answer; anything else is reported per host."""
        request = failure.request
        if failure.check(HttpError) and request.meta.get("discovery_probe") \
                and failure.value.response.status in PROBE_MISSING:
            self.crawler.stats.inc_value(f"discovery/{request.meta['discovery']}/absent")
            return
        verdict = self.report_failed(failure)
        if verdict is not None and not verdict[0].startswith("refused"):
            self.failures[host_of(request.url), verdict[0]] += 1

    def closed(self, reason):
        if not self.failures:
            self.logger.info("no fetch errors")
            return
        width = max(len(host) for host, _ in self.failures)
        rows = [f"  {'host':<{width}}  {'status':<24}  count"]
        rows += [f"  {host:<{width}}  {label:<24}  {count:>5}"
                 for (host, label), count in sorted(self.failures.items())]
        self.logger.warning("fetch errors per host:\n%s", "\n".join(rows))

"""Per-site politeness from the site profile's ``[crawl]`` table.

Keys (all optional)::

    [crawl]
    download_delay = 2.0          # seconds between requests to the site (DOWNLOAD_DELAY)
    concurrency = 1               # parallel requests per domain (CONCURRENT_REQUESTS_PER_DOMAIN)
    autothrottle_target = 1.0     # AutoThrottle's target concurrency (AUTOTHROTTLE_TARGET_CONCURRENCY)
    hours = "22:00-05:00"         # crawl window in the site's [site] timezone; may wrap past midnight

:class:`SitePoliteness` is an extension built before AutoThrottle and before
the settings are frozen: it finds the spider's profile (``spider.profile``, set
by the ``site`` and ``matapublik`` spiders, else the profile of
``spider.start_url``) and sets those settings at ``spider`` priority, so a
``-s NAME=VALUE`` on the command line still wins. The applied values are logged
and recorded in the stats (``politeness/download_delay``, ...).

Outside the crawl window the spider is closed when it opens, before any
request, with finish reason ``outside_crawl_window``; the health verdict counts
that as healthy (nothing to do, exit status 0). ``CRAWL_WINDOW_FORCE = True``
(or the environment variable ``CRAWLER_FORCE_WINDOW=1``) crawls anyway.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured

from crawler.health import OUTSIDE_WINDOW

logger = logging.getLogger(__name__)

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class CrawlWindow:
    """Daily hours ``start``-``end`` (end exclusive) in ``tz``; wraps past midnight when end <= start."""

    start: time
    end: time
    tz: str = "Asia/Jakarta"

    @classmethod
    def parse(cls, text: str, tz: str | None = None) -> "CrawlWindow":
        m = _HOURS.match(str(text))
        if not m:
            raise ValueError(f'crawl window {text!r}: expected "HH:MM-HH:MM", e.g. "22:00-05:00"')
        h1, m1, h2, m2 = map(int, m.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"crawl window {text!r}: not a time of day")
        end = time(0, 0) if h2 == 24 else time(h2, m2)
        return cls(time(h1, m1), end, tz or "Asia/Jakarta")

    def contains(self, when: datetime) -> bool:
        now = when.astimezone(ZoneInfo(self.tz)).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end  # wraps midnight (or a full day when start == end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {self.tz}"


def _number(crawl: dict, key: str, kind, minimum, source: str):
    value = crawl.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise ValueError(f"site profile {source}: [crawl] {key} must be a{'n integer' if kind is int else ' number'}")
    if value < minimum:
        raise ValueError(f"site profile {source}: [crawl] {key} must be at least {minimum}")
    return kind(value)


def politeness_settings(profile) -> dict:
    """The Scrapy settings a profile's ``[crawl]`` table asks for (``ValueError`` when malformed)."""
    crawl, source = profile.crawl or {}, profile.source or profile.name
    out = {}
    delay = _number(crawl, "download_delay", float, 0, source)
    if delay is not None:
        out["DOWNLOAD_DELAY"] = delay
        out["AUTOTHROTTLE_START_DELAY"] = max(delay, 0.0)
    concurrency = _number(crawl, "concurrency", int, 1, source)
    if concurrency is not None:
        out["CONCURRENT_REQUESTS_PER_DOMAIN"] = concurrency
    target = _number(crawl, "autothrottle_target", float, 0.01, source)
    if target is not None:
        out["AUTOTHROTTLE_TARGET_CONCURRENCY"] = target
    return out


def crawl_window(profile) -> CrawlWindow | None:
    hours = (profile.crawl or {}).get("hours")
    if hours in (None, ""):
        return None
    try:
        return CrawlWindow.parse(hours, profile.timezone)
    except ValueError as exc:
        raise ValueError(f"site profile {profile.source or profile.name}: [crawl] hours: {exc}") from exc


def _profile_of(spider, settings):
    profile = getattr(spider, "profile", None)
    if profile is None and getattr(spider, "start_url", None):
        from crawler.extraction.profiles import profile_for  # noqa: PLC0415

        profile = profile_for(spider.start_url, settings.get("EXTRA_PROFILES_DIR"))
    return profile


class SitePoliteness:
    """Apply the site profile's delay, concurrency, AutoThrottle target and crawl window (module docstring)."""

    def __init__(self, crawler, profile, applied: dict, window: CrawlWindow | None, force: bool):
        self.crawler = crawler
        self.profile = profile
        self.applied = applied
        self.window = window
        self.force = force

    @classmethod
    def from_crawler(cls, crawler):
        spider = getattr(crawler, "spider", None)
        profile = _profile_of(spider, crawler.settings) if spider is not None else None
        if profile is None:
            raise NotConfigured
        applied = politeness_settings(profile)
        window = crawl_window(profile)
        if not applied and window is None:
            raise NotConfigured
        if applied and not crawler.settings.frozen:
            crawler.settings.setdict(applied, priority="spider")
        force = crawler.settings.getbool("CRAWL_WINDOW_FORCE") or os.environ.get("CRAWLER_FORCE_WINDOW", "") in (
            "1", "true", "yes")
        ext = cls(crawler, profile, {k: crawler.settings.get(k) for k in applied}, window, force)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self, spider):
        stats = self.crawler.stats
        for key, value in self.applied.items():
            stats.set_value(f"politeness/{key.lower()}", value)
        if self.applied:
            logger.info("site profile %s politeness: %s", self.profile.name,
                        ", ".join(f"{k}={v}" for k, v in self.applied.items()))
        if self.window is None:
            return
        stats.set_value("politeness/crawl_window", str(self.window))
        now = datetime.now().astimezone()
        if self.window.contains(now):
            return
        local = now.astimezone(ZoneInfo(self.window.tz))
        if self.force:
            logger.warning("outside the crawl window %s of %s (now %s), crawling anyway (forced)",
                           self.window, self.profile.name, f"{local:%H:%M}")
            return
        logger.warning("outside the crawl window %s of %s (now %s): nothing to do, not crawling "
                       "(set CRAWL_WINDOW_FORCE=1 or CRAWLER_FORCE_WINDOW=1 to crawl anyway)",
                       self.window, self.profile.name, f"{local:%H:%M}")
        raise CloseSpider(OUTSIDE_WINDOW)

"""Scrapy's loggers at ``LOG_LEVEL``, so messages below it are not even built.

Scrapy sets the root logger to ``NOTSET`` and filters at its handler, so each
page's ``Crawled (200)`` and ``Scraped from`` debug messages become log records
(caller lookup, record, formatting arguments) only to be thrown away at the
handler: about 1% of a crawl's CPU at ``LOG_LEVEL = "INFO"``. This extension
sets the ``scrapy`` logger itself to ``LOG_LEVEL``, so they stop at the level
check. Other loggers, and a crawl with ``LOG_ENABLED = False`` (its logging is
configured by someone else), are left alone.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured


class ScrapyLogLevel:
    def __init__(self, level):
        logging.getLogger("scrapy").setLevel(level)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("LOG_ENABLED"):
            raise NotConfigured
        return cls(crawler.settings.get("LOG_LEVEL"))

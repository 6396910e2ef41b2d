"""Validation pipeline: drop records that miss a required field, with the reason counted.

A dropped item is logged once and counted in the crawl stats as
``dropped/missing_<field>`` (or ``dropped/short_body``), so a run summary shows
why articles did not reach the output.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.extraction.record import REQUIRED

logger = logging.getLogger(__name__)


class ValidateArticlePipeline:
    """Require ``url``, ``title``, ``published`` and a ``body`` of at least ``MIN_BODY_CHARS`` characters."""

    def __init__(self, stats, min_body_chars: int):
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("MIN_BODY_CHARS", 200))

    def process_item(self, item):
        adapter = ItemAdapter(item)
        reason = None
        for name in REQUIRED:
            if not adapter.get(name):
                reason = f"missing_{name}"
                break
        if reason is None and len(adapter.get("body") or "") < self.min_body_chars:
            reason = "short_body"
        if reason:
            self.stats.inc_value(f"dropped/{reason}")
            raise DropItem(f"{reason}: {adapter.get('url')}")
        return item

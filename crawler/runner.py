"""Run one crawl in this process and report its outcome: the engine behind the CLI commands.

Loads the project settings (also outside the project directory), applies the
command's overrides, runs the spider with Scrapy's ``CrawlerProcess`` and
returns the final stats with the health verdict. One crawl per process: the
reactor cannot be restarted (run several crawls as several processes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from crawler.health import Health, assess


@dataclass
class Outcome:
    stats: dict
    health: Health
    settings: Any
    error: str | None = None  # the crawl could not run (its components failed to start)


def run(spider: str, spider_args: dict[str, Any], overrides: dict[str, Any]) -> Outcome:
    """Crawl with ``spider`` and its arguments; ``overrides`` are settings for this run only."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415 - import scrapy only when crawling
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    errors: list[str] = []

    def failed(failure):  # consumed here: one clear line for the user instead of a traceback
        errors.append(f"{failure.type.__name__}: {failure.getErrorMessage()}")

    process.crawl(crawler, **{k: v for k, v in spider_args.items() if v is not None}).addErrback(failed)
    process.start()
    stats = dict(crawler.stats.get_stats() or {})
    return Outcome(stats, assess(stats, crawler.settings), crawler.settings, errors[0] if errors else None)

"""crawler/extensions/loglevel.py: Scrapy's per-page debug messages are not built below LOG_LEVEL."""

from __future__ import annotations

import logging

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.extensions.loglevel import ScrapyLogLevel


@pytest.fixture(autouse=True)
def _restore_level():
    logger = logging.getLogger("scrapy")
    level = logger.level
    yield
    logger.setLevel(level)


def test_scrapy_loggers_follow_log_level():
    ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))
    scraper = logging.getLogger("scrapy.core.scraper")
    assert not scraper.isEnabledFor(logging.DEBUG) and scraper.isEnabledFor(logging.INFO)
    ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "DEBUG"}))
    assert scraper.isEnabledFor(logging.DEBUG)


def test_left_alone_when_scrapy_does_not_log():
    with pytest.raises(NotConfigured):
        ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_ENABLED": False}))


def test_enabled_in_the_project():
    assert "crawler.extensions.loglevel.ScrapyLogLevel" in get_project_settings().getdict("EXTENSIONS")

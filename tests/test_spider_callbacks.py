"""Spider callbacks: none is a generator that returns a value.

The project turns off Scrapy's per-response check (``WARN_ON_GENERATOR_RETURN_VALUE``: it re-parses
the callback's source on every response, because its cache does not hold bound methods), so the
check is made here, once, over every generator method of every spider.
"""

from __future__ import annotations

import inspect

import pytest
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.project import get_project_settings


def _spider_classes():
    loader = SpiderLoader.from_settings(get_project_settings())
    return [loader.load(name) for name in loader.list()]


def _generator_methods(cls):
    return [(name, member) for name, member in inspect.getmembers(cls, inspect.isgeneratorfunction)]


def test_the_check_is_off_in_the_project_settings():
    assert get_project_settings().getbool("WARN_ON_GENERATOR_RETURN_VALUE") is False


@pytest.mark.parametrize("spider", _spider_classes(), ids=lambda cls: cls.name)
def test_no_callback_returns_a_value(spider):
    methods = _generator_methods(spider)
    assert any(name == "parse_article" for name, _ in methods)  # the check below does look at callbacks
    offenders = [name for name, method in methods if is_generator_with_return_value(method)]
    assert offenders == []


def test_the_check_finds_a_generator_that_returns_a_value():
    def callback(response):
        yield {"url": response}
        return "value"

    assert is_generator_with_return_value(callback)

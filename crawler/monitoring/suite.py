"""Spidermon monitors of a crawl, run at spider close (``SPIDERMON_SPIDER_CLOSE_MONITORS``).

Each monitor asserts one check of :mod:`crawler.monitoring.checks`. The suite's
:class:`RecordResult` action stores the outcome in the crawl stats under
``monitors/result`` (``{"passed", "failed": [{"name", "message"}], "monitors": [...]}``)
plus the counts ``monitors/passed`` and ``monitors/failed``; the run summary
writes it as its ``monitors`` key and the health verdict fails on any failed
monitor. Spidermon itself does not change the exit code: our CLI does.
"""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from . import checks

RESULT_KEY = "monitors/result"

# unittest hides the frames of modules marked like this: a failed monitor is logged as its message
# ("AssertionError: 31 of 57 requests failed ..."), not as a traceback that looks like a crash.
__unittest = True

# Spidermon 1.27's report runner still calls Spider.log(); keep that deprecation out of every crawl's output.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning)


class _CheckMonitor(Monitor):
    check_function = None

    def _assert_check(self):
        crawler = self.data.crawler
        stats = dict(crawler.stats.get_stats())
        self.check = type(self).check_function(stats, crawler.settings)
        self.assertTrue(self.check.passed, msg=self.check.message)


@monitors.name("item_count")
class ItemCountMonitor(_CheckMonitor):
    """Articles written: at least HEALTH_MIN_NEW_ARTICLES, not zero unless skipped as seen."""

    check_function = staticmethod(checks.item_count)

    @monitors.name("item_count")
    def test_item_count(self):
        self._assert_check()


@monitors.name("error_rate")
class ErrorRateMonitor(_CheckMonitor):
    """Failed requests / requests at most HEALTH_MAX_ERROR_RATE (IgnoreRequest are skips)."""

    check_function = staticmethod(checks.error_rate)

    @monitors.name("error_rate")
    def test_error_rate(self):
        self._assert_check()


@monitors.name("field_coverage")
class FieldCoverageMonitor(_CheckMonitor):
    """Share of extracted articles with `published` at least HEALTH_MIN_PUBLISHED_COVERAGE."""

    check_function = staticmethod(checks.field_coverage)

    @monitors.name("field_coverage")
    def test_field_coverage(self):
        self._assert_check()


@monitors.name("item_schema")
class ItemSchemaMonitor(_CheckMonitor):
    """Items failing the article JSON schema at most HEALTH_MAX_INVALID_ITEMS."""

    check_function = staticmethod(checks.item_schema)

    @monitors.name("item_schema")
    def test_item_schema(self):
        self._assert_check()


class RecordResult(Action):
    """Store the monitors' outcome in the crawl stats (read by the run summary and crawler.health)."""

    def run_action(self):
        found: list[checks.Check] = []
        for r in self.result.monitor_results:
            check = getattr(r.monitor, "check", None)
            if check is None:  # the monitor raised before computing its check
                name = r.monitor.monitor_name
                found.append(checks.Check(name, False, f"monitor error: {(r.error or '').strip().splitlines()[-1:]}"))
            else:
                found.append(check)
        order = [f.__name__ for f in checks.CHECKS]
        found.sort(key=lambda c: order.index(c.name) if c.name in order else len(order))
        result = checks.result_of(found)
        stats = self.data.crawler.stats
        stats.set_value(RESULT_KEY, result)
        stats.set_value("monitors/passed", sum(c.passed for c in found))
        stats.set_value("monitors/failed", sum(not c.passed for c in found))


class CrawlMonitorSuite(MonitorSuite):
    """Item count, error rate, field coverage and item schema: the health of one crawl."""

    monitors = [ItemCountMonitor, ErrorRateMonitor, FieldCoverageMonitor, ItemSchemaMonitor]
    monitors_finished_actions = [RecordResult]

"""Crawl monitoring: the health checks of a crawl, run as Spidermon monitors at spider close.

:mod:`crawler.monitoring.checks` computes every check from the crawl stats and
settings (pure functions, no Spidermon needed); :mod:`crawler.monitoring.suite`
runs them as a Spidermon ``MonitorSuite`` (``SPIDERMON_SPIDER_CLOSE_MONITORS``)
and records the result in the stats under ``monitors/result``, which the run
summary (``monitors`` key) and the health verdict (:mod:`crawler.health`) read.
"""

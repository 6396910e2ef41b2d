"""The crawl's stats collector: Scrapy's in-memory one, without the shim that every call pays in Scrapy 2.13+.

Scrapy 2.13 deprecated the ``spider`` argument of the stats methods. To warn the
callers that still pass it, :class:`scrapy.statscollectors.StatsCollector` got a
``__getattribute__`` that runs in Python on *every* attribute access of the
collector (its own ``self._stats`` included, each time through a failed lookup
of a ``_cached_...`` name) and wraps each public method in a checking function.
A stats call then costs about 1.5 µs instead of 0.1 µs, and a crawl makes dozens
per page: Scrapy's downloader and scheduler stats, Spidermon's field coverage
(one per field of every item), ours. :class:`CrawlStatsCollector` is
:class:`~scrapy.statscollectors.MemoryStatsCollector` with the plain attribute
lookup of every Python object: same stats, same methods (``spider`` is still
accepted and ignored, as Scrapy ignores it), only the deprecation warning is not
given. It is the project's ``STATS_CLASS``; ``bench/overheads.py`` measures both.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class CrawlStatsCollector(MemoryStatsCollector):
    """:class:`~scrapy.statscollectors.MemoryStatsCollector` without the per-access deprecation shim."""

    __getattribute__ = object.__getattribute__

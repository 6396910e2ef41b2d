"""Why a URL could not be captured: one short kind per failure, reported per URL and per host.

Every spider errback goes through :func:`report_failure`, which counts the
failure as ``errors/<host>/<kind>`` (the run summary's ``errors.by_host``; not
for robots.txt refusals, which are the site's wish) and sends the
:data:`request_failed` signal that the run summary collects into its
list of failed URLs. Already-written articles (the seen-store's skips) are not
failures and are not reported.
"""

from __future__ import annotations

import logging
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.extraction.urls import host_of

logger = logging.getLogger(__name__)

ROBOTS = "refused_robots_txt"

#: Signal sent for every URL given up: ``request``, ``kind``, ``detail``.
request_failed = object()

_DECOMPRESSION_MODULES = ("zlib", "gzip", "brotli", "_brotli", "brotlicffi", "zstandard", "backports.zstd")


def classify(failure) -> tuple[str, str] | None:
    """(kind, detail) of a failed request, or None when it is no failure (an already-written article)."""
    from crawler.middlewares.seen import AlreadySeen  # noqa: PLC0415 - avoid an import cycle

    detail = failure.getErrorMessage()
    if failure.check(AlreadySeen):
        return None
    if failure.check(HttpError):
        status = failure.value.response.status
        return ("redirect_refused" if 300 <= status < 400 else str(status)), detail
    low = detail.lower()
    if failure.check(IgnoreRequest):
        if "robots.txt" in low:
            return ROBOTS, detail
        if "size" in low or "larger than" in low:
            return "too_large", detail
        return "refused", detail
    exc_type = failure.type
    if exc_type.__module__.split(".")[0] in _DECOMPRESSION_MODULES or "decompress" in low:
        return "decompression_failed", detail
    return exc_type.__name__, detail


def report_failure(crawler, request, kind: str, detail: str) -> None:
    """Count and announce one URL given up (see the module docstring)."""
    if kind != ROBOTS:  # robots.txt is the site's wish, not an error: listed, not counted as one
        crawler.stats.inc_value(f"errors/{host_of(request.url)}/{kind}")
    crawler.signals.send_catch_log(signal=request_failed, request=request, kind=kind, detail=detail)
    logger.warning("could not capture %s (%s): %s", request.url, kind, detail)

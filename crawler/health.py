"""Was the crawl healthy? The verdict a scheduler acts on, from the crawl's stats.

Unhealthy when the crawl did not finish normally, found nothing at all (no
article written, none skipped as already seen, none outside the date window),
wrote fewer new articles than ``HEALTH_MIN_NEW_ARTICLES``, failed on more than
``HEALTH_MAX_ERROR_RATE`` of its requests, or dropped so many articles for a
missing date that fewer than ``HEALTH_MIN_PUBLISHED_COVERAGE`` of them have one,
or had more than ``HEALTH_MAX_INVALID_ITEMS`` of its items fail the article schema.
The thresholds are settings; the CLI turns the verdict into its exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: finish reason of a crawl started outside its site's crawl window (nothing to do, exit 0).
OUTSIDE_WINDOW = "outside_crawl_window"
NORMAL_FINISH = {"finished", "closespider_itemcount", "closespider_pagecount", "closespider_timeout"}


@dataclass
class Health:
    ok: bool
    reasons: list[str] = field(default_factory=list)


def assess(stats: dict, settings) -> Health:
    """Judge a finished crawl from its stats and the ``HEALTH_*`` settings.

    The checks themselves (item count, error rate, field coverage, item schema)
    live in :mod:`crawler.monitoring.checks`; the Spidermon monitors run them at
    spider close and leave their result in the stats (``monitors/result``),
    which is read here. Without that result (Spidermon off or not installed) the
    same checks are computed from the stats. A crawl closed because it started
    outside the site's crawl window (:mod:`crawler.extensions.politeness`) is
    healthy: there was nothing to do.
    """
    from crawler.monitoring.checks import result_of, run_checks

    reasons: list[str] = []
    finish = stats.get("finish_reason")
    if finish == OUTSIDE_WINDOW:
        return Health(True, [])
    if finish not in NORMAL_FINISH:
        reasons.append(f"the crawl did not finish normally (finish reason: {finish or 'none'})")
    result = stats.get("monitors/result")
    if not isinstance(result, dict):
        result = result_of(run_checks(stats, settings))
    reasons += [f"{f['message']} (monitor {f['name']})" for f in result.get("failed", [])]
    return Health(not reasons, reasons)

"""Was the crawl healthy? The verdict a scheduler acts on, from the crawl's stats.

Unhealthy when the crawl did not finish normally, found nothing at all (no
article written, none skipped as already seen, none outside the date window),
wrote fewer new articles than ``HEALTH_MIN_NEW_ARTICLES``, failed on more than
``HEALTH_MAX_ERROR_RATE`` of its requests, or dropped so many articles for a
missing date that fewer than ``HEALTH_MIN_PUBLISHED_COVERAGE`` of them have one.
The thresholds are settings; the CLI turns the verdict into its exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.console import status_counts

NORMAL_FINISH = {"finished", "closespider_itemcount", "closespider_pagecount", "closespider_timeout"}


@dataclass
class Health:
    ok: bool
    reasons: list[str] = field(default_factory=list)


def assess(stats: dict, settings) -> Health:
    """Judge a finished crawl from its stats and the ``HEALTH_*`` settings."""
    reasons: list[str] = []
    finish = stats.get("finish_reason")
    if finish not in NORMAL_FINISH:
        reasons.append(f"the crawl did not finish normally (finish reason: {finish or 'none'})")
    c = status_counts(stats)
    window_skipped = stats.get("window/skipped", 0) + stats.get("window/outside", 0)
    if c["articles"] == 0 and c["skipped_seen"] == 0 and window_skipped == 0:
        reasons.append("no article found at all")
    min_new = settings.getint("HEALTH_MIN_NEW_ARTICLES", 0)
    if c["articles"] < min_new:
        reasons.append(f"{c['articles']} new articles, fewer than HEALTH_MIN_NEW_ARTICLES={min_new}")
    requests = stats.get("downloader/request_count", 0)
    max_rate = settings.getfloat("HEALTH_MAX_ERROR_RATE", 0.2)
    if requests and c["errors"] / requests > max_rate:
        reasons.append(f"{c['errors']} of {requests} requests failed ({c['errors'] / requests:.0%}), "
                       f"more than HEALTH_MAX_ERROR_RATE={max_rate:.0%}")
    undated = stats.get("dropped/missing_published", 0)
    extracted = c["articles"] + undated
    min_cov = settings.getfloat("HEALTH_MIN_PUBLISHED_COVERAGE", 0.9)
    if extracted and c["articles"] / extracted < min_cov:
        reasons.append(f"only {c['articles'] / extracted:.0%} of extracted articles have a publication date "
                       f"(HEALTH_MIN_PUBLISHED_COVERAGE={min_cov:.0%})")
    return Health(not reasons, reasons)

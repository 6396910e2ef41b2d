"""The checks that decide whether a crawl was healthy: pure functions of stats and settings.

Each check returns a :class:`Check` (name, passed, message, details). They are
the one place these rules live: the Spidermon monitors (:mod:`.suite`) assert
them at spider close, and :func:`crawler.health.assess` reads the monitors'
result from the stats (or, with Spidermon off, calls :func:`run_checks`).

* ``item_count``: at least ``HEALTH_MIN_NEW_ARTICLES`` written, and not zero
  unless articles were skipped as already seen or outside the date window.
* ``error_rate``: failed requests / requests at most ``HEALTH_MAX_ERROR_RATE``
  (``IgnoreRequest`` subclasses such as robots.txt or already-seen are skips).
* ``field_coverage``: at least ``HEALTH_MIN_PUBLISHED_COVERAGE`` of the extracted
  articles have ``published`` (written / written + dropped for a missing date);
  author and body coverage of written records are reported.
* ``item_schema``: items checked against :data:`ARTICLE_SCHEMA` by Spidermon's
  ``ItemValidationPipeline``; at most ``HEALTH_MAX_INVALID_ITEMS`` of them invalid.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from crawler.console import status_counts
from crawler.extraction.record import FIELDS, REQUIRED

_ISO = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"
_TYPES: dict[str, dict] = {
    "url": {"type": "string", "pattern": "^https?://"},
    "title": {"type": "string", "minLength": 1},
    "author": {"type": ["string", "null"]},
    "authors": {"type": ["array", "null"], "items": {"type": "string"}},
    "editor": {"type": ["string", "null"]},
    "published": {"type": "string", "pattern": _ISO},
    "published_approximate": {"type": ["boolean", "null"]},
    "modified": {"type": ["string", "null"], "pattern": _ISO},
    "body": {"type": "string", "minLength": 1},
    "description": {"type": ["string", "null"]},
    "section": {"type": ["string", "null"]},
    "tags": {"type": ["array", "null"], "items": {"type": "string"}},
    "image": {"type": ["string", "null"]},
    "language": {"type": ["string", "null"]},
    "site": {"type": ["string", "null"]},
}
assert set(_TYPES) == set(FIELDS), "ARTICLE_SCHEMA must cover crawler.extraction.record.FIELDS"

#: JSON schema of the article record (crawler/extraction/record.py): required fields non-empty, types of the others.
ARTICLE_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "article record",
    "type": "object",
    "properties": {name: _TYPES[name] for name in FIELDS},
    "required": list(REQUIRED),
}
for _name in REQUIRED:  # required means present and not null
    _t = ARTICLE_SCHEMA["properties"][_name]["type"]
    assert _t != "null" and "null" not in _t

VALIDATION = "spidermon/validation/"
COVERAGE = "spidermon_field_coverage/"


@dataclass
class Check:
    name: str
    passed: bool
    message: str
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _ratio(stats: dict, field_name: str) -> float | None:
    """Spidermon's field coverage (0..1) of written records for ``field_name``, if recorded."""
    values = [v for k, v in stats.items() if k.startswith(COVERAGE) and k.rsplit("/", 1)[-1] == field_name
              and k.count("/") == 2]
    return float(values[0]) if values else None


def item_count(stats: dict, settings) -> Check:
    c = status_counts(stats)
    window_skipped = stats.get("window/skipped", 0) + stats.get("window/outside", 0)
    min_new = settings.getint("HEALTH_MIN_NEW_ARTICLES", 0)
    details = {"written": c["articles"], "skipped_seen": c["skipped_seen"], "outside_window": window_skipped,
               "min": min_new}
    found = stats.get("extract/articles", 0)
    if stats.get("output/error"):
        return Check("item_count", False, f"{c['articles']} of {found} articles found were written: could not write "
                                          f"the output ({stats['output/error']})", details)
    if c["articles"] == 0 and c["skipped_seen"] == 0 and window_skipped == 0:
        if found:
            return Check("item_count", False, f"{found} articles found but none written (see dropped)", details)
        return Check("item_count", False, "no article found at all", details)
    if c["articles"] < min_new:
        return Check("item_count", False,
                     f"{c['articles']} new articles, fewer than HEALTH_MIN_NEW_ARTICLES={min_new}", details)
    return Check("item_count", True, f"{c['articles']} new articles", details)


def error_rate(stats: dict, settings) -> Check:
    errors = status_counts(stats)["errors"]
    requests = stats.get("downloader/request_count", 0)
    max_rate = settings.getfloat("HEALTH_MAX_ERROR_RATE", 0.2)
    rate = errors / requests if requests else 0.0
    details = {"errors": errors, "requests": requests, "rate": round(rate, 4), "max": max_rate}
    if rate > max_rate:
        return Check("error_rate", False, f"{errors} of {requests} requests failed ({rate:.0%}), "
                                          f"more than HEALTH_MAX_ERROR_RATE={max_rate:.0%}", details)
    return Check("error_rate", True, f"{errors} of {requests} requests failed ({rate:.0%})", details)


def field_coverage(stats: dict, settings) -> Check:
    written = status_counts(stats)["articles"]
    undated = stats.get("dropped/missing_published", 0)
    extracted = written + undated
    min_cov = settings.getfloat("HEALTH_MIN_PUBLISHED_COVERAGE", 0.9)
    published = written / extracted if extracted else None
    details: dict[str, Any] = {"published": None if published is None else round(published, 4),
                               "min_published": min_cov, "extracted": extracted, "undated": undated}
    for name in ("author", "body"):
        ratio = _ratio(stats, name)
        details[name] = None if ratio is None else round(ratio, 4)
    shown = ", ".join(f"{k} {details[k]:.0%}" for k in ("author", "body") if details[k] is not None)
    if published is not None and published < min_cov:
        return Check("field_coverage", False, f"only {published:.0%} of extracted articles have a publication date "
                                              f"(HEALTH_MIN_PUBLISHED_COVERAGE={min_cov:.0%})", details)
    head = f"published {published:.0%}" if published is not None else "no article extracted"
    return Check("field_coverage", True, head + (f"; {shown}" if shown else ""), details)


def item_schema(stats: dict, settings) -> Check:
    items = int(stats.get(VALIDATION + "items", 0))
    invalid = int(stats.get(VALIDATION + "items/errors", 0))
    prefix = VALIDATION + "fields/errors/"
    by_field: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith(prefix) and key.count("/") == 5:  # spidermon/validation/fields/errors/<error>/<field>
            error, name = key[len(prefix):].split("/", 1)
            by_field[f"{name}: {error.replace('_', ' ')}"] = int(value)
    max_share = settings.getfloat("HEALTH_MAX_INVALID_ITEMS", 0.1)
    share = invalid / items if items else 0.0
    details = {"items": items, "invalid": invalid, "field_errors": int(stats.get(VALIDATION + "fields/errors", 0)),
               "errors": dict(sorted(by_field.items())), "max_invalid": max_share}
    if share > max_share:
        worst = ", ".join(f"{k} ({v})" for k, v in sorted(by_field.items(), key=lambda kv: -kv[1])[:3])
        return Check("item_schema", False, f"{invalid} of {items} items fail the article schema ({share:.0%}, "
                                           f"more than HEALTH_MAX_INVALID_ITEMS={max_share:.0%}): {worst}", details)
    return Check("item_schema", True, f"{invalid} of {items} items fail the article schema", details)


#: The checks in the order they are reported.
CHECKS = (item_count, error_rate, field_coverage, item_schema)


def run_checks(stats: dict, settings) -> list[Check]:
    return [check(stats, settings) for check in CHECKS]


def result_of(checks: list[Check]) -> dict:
    """The ``monitors`` object of the run summary from a list of checks."""
    return {
        "passed": all(c.passed for c in checks),
        "failed": [{"name": c.name, "message": c.message} for c in checks if not c.passed],
        "monitors": [c.as_dict() for c in checks],
    }

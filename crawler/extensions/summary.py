"""Run summary: a machine-readable account of each crawl, written next to its output.

At spider close the :class:`RunSummary` extension writes one JSON object to
``SUMMARY_PATH``, or by default next to the output: ``<file>.summary.json``
for a ``JSONL_OUTPUT`` file, ``<root>/summary.json`` for a template (see
:mod:`pipelines.output`), else ``<feed file>.summary.json`` for the first
local ``-O``/``-o`` feed. With none of these it stays off. Keys:

``spider``, ``started``/``finished`` (ISO 8601, UTC), ``duration_s``, ``finish_reason``, ``output``
    what ran, when, for how long, how it ended, where the articles went.
``counts``
    ``pages`` (responses received), ``articles_found`` (pages extracted as
    articles), ``articles_written`` (items that left every pipeline),
    ``updates``, ``skipped_seen``, ``refetched``, ``unchanged``,
    ``syndicated``, ``not_articles``, ``dropped``.
``dropped``
    ``{reason: count}`` from the ``dropped/<reason>`` stats.
``errors``
    ``http`` (``{status: count}`` of 4xx/5xx responses), ``exceptions``
    (``{exception class: count}`` of download failures), ``retry_max_reached``,
    ``by_host`` (``{host: {status or kind: count}}``): from ``errors/<host>/<kind>``
    stats when a component records them, else this extension's own tally of
    4xx/5xx responses by host; and ``failed_urls``: every URL given up (at most
    10,000) with its kind (``404``, ``TimeoutError``, ``decompression_failed``,
    ``too_large``, ``refused``, ``redirect_loop``...) and detail (crawler/failures.py).
``coverage``
    ``{field: percent}``: share of written records with a non-empty value, per
    contract field.
``monitors``
    the Spidermon monitors' result (:mod:`crawler.monitoring`): ``passed``,
    ``failed`` (``[{name, message}]``) and ``monitors`` (every check with its
    message and figures); ``null`` when the monitors did not run.

:func:`format_summary_table` renders a summary as text for the command line.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.console import is_skip
from crawler.failures import report_failure, request_failed
from crawler.extraction.record import FIELDS
from crawler.extraction.urls import host_of
from pipelines.output import OutputTarget

logger = logging.getLogger(__name__)

_STATUS = "downloader/response_status_count/"
_EXCEPTION = "downloader/exception_type_count/"


def summary_path(settings) -> Path | None:
    """Where the summary goes under these settings (see the module docstring), or ``None``."""
    if settings.get("SUMMARY_PATH"):
        return Path(settings["SUMMARY_PATH"])
    target = OutputTarget.from_settings(settings)
    if target is not None:
        return target.summary_path
    for uri in settings.getdict("FEEDS"):
        uri = str(uri)
        if "%(" in uri:
            continue
        if uri.startswith("file://"):
            return Path(f"{uri[len('file://'):]}.summary.json")
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", uri) and uri != "-":
            return Path(f"{uri}.summary.json")
    return None


def output_of(settings) -> str | None:
    """What the crawl wrote to: ``JSONL_OUTPUT``, else the first feed URI."""
    return str(settings.get("JSONL_OUTPUT") or next(iter(settings.getdict("FEEDS")), "")) or None


def build_summary(stats: dict, *, spider: str, reason: str, started: datetime | None, finished: datetime | None,
                  settings=None, filled: Counter | None = None,
                  host_errors: dict[str, Counter] | None = None) -> dict:
    """The summary object from the crawl stats (and the settings, for ``output``).

    ``filled`` (records written with each field non-empty) gives ``coverage``,
    ``{}`` without it; ``host_errors`` is the fallback of ``errors.by_host``.
    """
    def stat(key: str) -> int:
        return int(stats.get(key, 0))

    written = stat("item_scraped_count")
    stat_host_errors: dict[str, Counter] = defaultdict(Counter)
    for key, value in stats.items():
        parts = key.split("/")
        if parts[0] == "errors" and len(parts) == 3:
            stat_host_errors[parts[1]][parts[2]] += int(value)
    by_host = stat_host_errors or host_errors or {}
    return {
        "spider": spider,
        "started": started.isoformat(timespec="seconds") if started else None,
        "finished": finished.isoformat(timespec="seconds") if finished else None,
        "duration_s": round((finished - started).total_seconds(), 3) if started and finished else None,
        "finish_reason": reason,
        "output": output_of(settings) if settings is not None else None,
        "counts": {
            "pages": stat("response_received_count"),
            "articles_found": stat("extract/articles"),
            "articles_written": written,
            "updates": stat("incremental/updates"),
            "skipped_seen": stat("incremental/skipped_seen"),
            "refetched": stat("incremental/refetched"),
            "unchanged": stat("incremental/unchanged"),
            "syndicated": stat("dedupe/syndicated"),
            "not_articles": sum(int(v) for k, v in stats.items() if k.startswith("extract/not_article/")),
            "dropped": stat("item_dropped_count"),
        },
        "dropped": {k.split("/", 1)[1]: int(v) for k, v in sorted(stats.items()) if k.startswith("dropped/")},
        "errors": {
            "http": {k[len(_STATUS):]: int(v) for k, v in sorted(stats.items())
                     if k.startswith(_STATUS) and int(k[len(_STATUS):]) >= 400},
            "exceptions": {k[len(_EXCEPTION):].rsplit(".", 1)[-1]: int(v) for k, v in sorted(stats.items())
                           if k.startswith(_EXCEPTION) and not is_skip(k[len(_EXCEPTION):])},
            "retry_max_reached": stat("retry/max_reached"),
            "by_host": {host: dict(sorted(kinds.items())) for host, kinds in sorted(by_host.items())},
        },
        "coverage": {name: round(100.0 * filled[name] / written, 1) if written else 0.0
                     for name in FIELDS} if filled is not None else {},
        "monitors": stats.get("monitors/result"),
    }


def format_summary_table(summary: dict) -> str:
    """The summary as an aligned two-column text table, one section per group."""
    counts = summary["counts"]
    sections: list[tuple[str, list[tuple[str, object]]]] = [
        (f"Run summary: {summary['spider']} ({summary['finish_reason']}"
         + (f", {summary['duration_s']:.1f} s)" if summary.get("duration_s") is not None else ")"),
         [("output", summary.get("output") or "-"), *((k.replace("_", " "), v) for k, v in counts.items())]),
        ("Dropped", list(summary["dropped"].items())),
    ]
    errors = summary["errors"]
    error_rows: list[tuple[str, object]] = [(f"HTTP {k}", v) for k, v in errors["http"].items()]
    error_rows += list(errors["exceptions"].items())
    if errors["retry_max_reached"]:
        error_rows.append(("gave up after retries", errors["retry_max_reached"]))
    error_rows += [(f"{host} {kind}", n) for host, kinds in errors["by_host"].items() for kind, n in kinds.items()]
    sections.append(("Errors", error_rows))
    if counts["articles_written"] and summary["coverage"]:
        sections.append((f"Field coverage (% of {counts['articles_written']} written)",
                         [(k, f"{v:.1f}") for k, v in summary["coverage"].items()]))
    monitors = summary.get("monitors")
    if monitors:
        sections.append(("Monitors (" + ("all passed" if monitors["passed"] else "FAILED") + ")",
                         [(m["name"].replace("_", " "), "ok" if m["passed"] else "FAILED")
                          for m in monitors.get("monitors", [])]))
    rows = [label for _, body in sections for label, _ in body]
    width = max((len(label) for label in rows), default=0)
    lines: list[str] = []
    for title, body in sections:
        if not body:
            continue
        lines.append(title)
        lines += [f"  {label:<{width}}  {value:>8}" for label, value in body]
    return "\n".join(lines)


class RunSummary:
    """Write the run summary (see the module docstring) when the spider closes."""

    #: At most this many failed URLs are listed (all are counted).
    MAX_FAILED_URLS = 10_000

    def __init__(self, crawler, path: Path):
        self.crawler = crawler
        self.path = path
        self.failed: list[dict] = []
        self.filled: Counter = Counter()
        self.host_errors: dict[str, Counter] = defaultdict(Counter)
        self._started: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler):
        path = summary_path(crawler.settings)
        if path is None:
            raise NotConfigured
        ext = cls(crawler, path)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.request_failed, signal=request_failed)
        crawler.signals.connect(ext.request_dropped, signal=signals.request_dropped)
        return ext

    def request_failed(self, request, kind: str, detail: str):
        if len(self.failed) < self.MAX_FAILED_URLS:
            self.failed.append({"url": request.url, "kind": kind, "detail": detail[:300]})

    def request_dropped(self, request):
        """A redirect that leads back to a page already requested: a loop, reported as a failure."""
        if request.meta.get("redirect_urls"):
            report_failure(self.crawler, request, "redirect_loop",
                           "redirected back to an already requested URL: " + " -> ".join(request.meta["redirect_urls"]))

    def spider_opened(self):
        self._started = datetime.now(timezone.utc)

    def item_scraped(self, item):
        adapter = ItemAdapter(item)
        self.filled.update(name for name in FIELDS if adapter.get(name) not in (None, "", [], False))

    def response_received(self, response):
        if response.status >= 400:
            self.host_errors[host_of(response.url)][str(response.status)] += 1

    def spider_closed(self, reason):
        summary = build_summary(
            self.crawler.stats.get_stats(), spider=self.crawler.spidercls.name, reason=reason,
            started=self._started, finished=datetime.now(timezone.utc), settings=self.crawler.settings,
            filled=self.filled, host_errors=self.host_errors)
        summary["errors"]["failed_urls"] = self.failed
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        logger.info("run summary written to %s", self.path)

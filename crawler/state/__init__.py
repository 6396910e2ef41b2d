"""Incremental crawl state: the seen-store, and the per-crawl view the components share.

Which store a crawl uses (settings):

* ``REDIS_URL`` set -- :class:`RedisSeenStore` (keys under ``SEEN_REDIS_KEY``), for crawls on several hosts;
* else ``STATE_DIR`` set -- :class:`SqliteSeenStore` in ``<STATE_DIR>/seen.sqlite3``;
* else ``JSONL_OUTPUT`` set -- SQLite in the output's state directory, next to the output
  (``out.jsonl.state/seen.sqlite3`` for a file, ``<root>/.state/seen.sqlite3`` for a template;
  see :mod:`pipelines.output`): one store per output;
* else none: nothing is remembered between runs.

A store is only marked by the JSONL writer (``pipelines.jsonl``), so a store
without ``JSONL_OUTPUT`` is a configuration error. ``INCREMENTAL_ENABLED``
(default: on whenever there is a store) makes the seen middleware skip
already-written article URLs before download; with it off, every article is
fetched again and only changed ones are written (as updates).
"""

from __future__ import annotations

import weakref
from datetime import datetime
from pathlib import Path

from scrapy import signals

from .base import Entry, SeenStore, parse_time
from .fingerprint import content_hash
from .redis_store import RedisSeenStore
from .sqlite_store import SqliteSeenStore

__all__ = ["CrawlState", "Entry", "SeenStore", "SqliteSeenStore", "RedisSeenStore", "open_store", "parse_time"]

STORE_FILE = "seen.sqlite3"


def open_store(settings) -> SeenStore | None:
    """The seen-store the settings configure (see the module docstring), or ``None``."""
    from pipelines.output import OutputTarget  # not at the top: pipelines.output imports crawler.state.base

    target = OutputTarget.from_settings(settings)
    redis_url, state_dir = settings.get("REDIS_URL"), settings.get("STATE_DIR")
    if (redis_url or state_dir) and target is None:
        raise ValueError("a seen-store (STATE_DIR or REDIS_URL) needs JSONL_OUTPUT: only the JSONL writer "
                         "marks articles as written")
    if redis_url:
        return RedisSeenStore.from_url(redis_url, settings.get("SEEN_REDIS_KEY") or "crawler:seen")
    if state_dir or target is not None:
        return SqliteSeenStore(Path(state_dir or target.state_dir) / STORE_FILE)
    return None


_STATES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class CrawlState:
    """One crawl's seen-store plus what the seen middleware learnt about the requests it let through.

    Shared by the seen middleware, the dedupe and the JSONL pipelines through
    :meth:`for_crawler`; the store is closed when the spider closes (after the
    pipelines closed).
    """

    def __init__(self, store: SeenStore | None, incremental: bool):
        self.store = store
        self.incremental = incremental and store is not None
        self._lastmod: dict[str, datetime] = {}

    @classmethod
    def for_crawler(cls, crawler) -> "CrawlState":
        state = _STATES.get(crawler)
        if state is None:
            store = open_store(crawler.settings)
            state = cls(store, crawler.settings.getbool("INCREMENTAL_ENABLED", True))
            _STATES[crawler] = state
            crawler.signals.connect(state.close, signal=signals.spider_closed)
        return state

    def seen(self, url: str) -> Entry | None:
        return self.store.seen(url) if self.store is not None else None

    def first_with_hash(self, hash: str) -> str | None:
        return self.store.first_with_hash(hash) if self.store is not None else None

    def note_lastmod(self, url: str, lastmod: datetime) -> None:
        """Remember the discovery ``lastmod`` of a request let through, to be stored with its record."""
        self._lastmod[url] = lastmod

    def modified_of(self, record: dict) -> datetime | None:
        """The newest of the record's ``modified``/``published`` and the noted ``lastmod`` of its URL."""
        times = [parse_time(record.get("modified")), parse_time(record.get("published")),
                 self._lastmod.get(record["url"])]
        return max((t for t in times if t is not None), default=None)

    def mark(self, record: dict) -> None:
        """Record that ``record`` is safely written (or, unchanged, already was)."""
        if self.store is not None:
            self.store.mark(record["url"], content_hash(record["body"]), self.modified_of(record))
            self._lastmod.pop(record["url"], None)

    def reconcile(self, record: dict) -> bool:
        """Mark a record found in the output if the store does not know it as written; True when it did so."""
        if self.store is None:
            return False
        entry = self.store.seen(record["url"])
        if entry is not None and entry.hash == content_hash(record["body"]):
            return False
        self.mark(record)
        return True

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

"""SQLite seen-store: one file on the crawling host (default ``<state dir>/seen.sqlite3``).

Write-ahead logging with ``synchronous=NORMAL`` makes every :meth:`mark`
durable against a crash of the process (a killed crawl) at the cost of one
WAL append, with no fsync per article. Meant for one crawl process at a time;
crawls on several hosts share a :class:`~crawler.state.redis_store.RedisSeenStore`.
As the only writer, the store remembers the URLs it was asked about and does
not hold, until it marks them: a crawl asks twice per article (before the
download and in the dedupe pipeline), and the second answer is then free.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from .base import Entry, SeenStore, format_time, parse_time, utcnow

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    modified TEXT,
    written_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_hash ON seen (hash, written_at);
"""


#: URLs remembered as absent at most (then forgotten, and asked again).
ABSENT_MEMO_SIZE = 100_000


class SqliteSeenStore(SeenStore):
    """A :class:`SeenStore` in the SQLite database at ``path`` (created with its directory)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit (isolation_level=None): each mark is its own committed transaction.
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._absent: set[str] = set()

    def seen(self, url: str) -> Entry | None:
        if url in self._absent:
            return None
        row = self._db.execute("SELECT hash, modified, written_at FROM seen WHERE url = ?", (url,)).fetchone()
        if row is None:
            if len(self._absent) >= ABSENT_MEMO_SIZE:
                self._absent.clear()
            self._absent.add(url)
            return None
        return Entry(hash=row[0], modified=parse_time(row[1]), written_at=parse_time(row[2]))

    def mark(self, url: str, hash: str, modified: datetime | None) -> None:
        self._absent.discard(url)
        self._db.execute(
            "INSERT INTO seen (url, hash, modified, written_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET hash = excluded.hash, modified = excluded.modified, "
            "written_at = excluded.written_at",
            (url, hash, format_time(modified), format_time(utcnow())),
        )

    def first_with_hash(self, hash: str) -> str | None:
        row = self._db.execute("SELECT url FROM seen WHERE hash = ? ORDER BY written_at LIMIT 1", (hash,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"SqliteSeenStore({str(self.path)!r})"

"""The seen-store interface: which article URLs were written, with what content, as of when.

A store answers one question before a download -- "was this canonical URL
written, and as of which modification time?" -- and learns a URL only after
its record is safely in the output (:meth:`SeenStore.mark` is called by the
JSONL writer after the line is flushed). A crash between download and write
therefore causes a re-fetch on the next run, never a lost article.

Times are timezone-aware :class:`~datetime.datetime` objects; stores persist
them as ISO 8601 strings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, timezone


@dataclass(frozen=True)
class Entry:
    """What the store knows about one written URL.

    ``hash`` is the record's content hash (:func:`crawler.state.fingerprint.content_hash`);
    ``modified`` the newest modification time known when it was marked (the
    page's ``modified``, else ``published``, or the discovery ``lastmod`` that
    caused the fetch, whichever is latest); ``written_at`` when it was marked.
    """

    hash: str
    modified: datetime | None
    written_at: datetime


class SeenStore(ABC):
    """Persistent map from canonical article URL to :class:`Entry`."""

    @abstractmethod
    def seen(self, url: str) -> Entry | None:
        """The entry of ``url``, or ``None`` when it was never marked."""

    @abstractmethod
    def mark(self, url: str, hash: str, modified: datetime | None) -> None:
        """Record that ``url`` was written with content ``hash``; replaces an earlier entry.

        Durable when it returns (a later crash of this process does not undo it).
        """

    @abstractmethod
    def first_with_hash(self, hash: str) -> str | None:
        """The first URL marked with content ``hash`` (for syndicated copies), or ``None``."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; it is not used afterwards."""


def parse_time(value) -> datetime | None:
    """A timezone-aware datetime from a datetime, date or ISO 8601 string; ``None`` when unparseable.

    Naive values (``2024-10-18``, ``2024-10-18T08:00:00``) are taken as UTC, as
    sitemaps' W3C datetimes without a zone are.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def format_time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
